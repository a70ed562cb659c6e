import { defineComponent, ref, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { useMetalMutation, useMetalQuery } from '@metal/vue'
import { Checkbox } from '@metal/ui/vue'
import { closeDemoClients } from '../support/clients.js'
import { load, plays, type Task } from '../../../storybook/stories/hooks/useMetalQuery.shared.js'

/** A live task list: `useMetalQuery` for the rows, `useMetalMutation` for the writes. */
const TaskList = defineComponent({
  components: { Checkbox },
  setup() {
    const {
      data: tasks,
      isPending,
      error,
    } = useMetalQuery<Task>('tasks', (q) => q.orderBy('createdAt'))
    const { data: openCount } = useMetalQuery<Task, number>(
      'tasks',
      (q) => q.orderBy('createdAt'),
      { select: (rows) => rows.filter((t) => !t.done).length },
    )
    const writes = useMetalMutation<Task>('tasks')
    const title = ref('')
    const add = () => {
      if (!title.value.trim()) return
      void writes.add({ title: title.value.trim(), done: false, createdAt: Date.now() })
      title.value = ''
    }
    const toggle = (task: Task & { id: string }) =>
      void writes.update(task.id, { done: !task.done })
    return {
      titleId: useId(),
      tasks,
      isPending,
      error,
      openCount,
      writeError: writes.error,
      title,
      add,
      toggle,
    }
  },
  template: `
    <p v-if="isPending">Loading…</p>
    <p v-else-if="error" role="alert">{{ error.message }}</p>
    <div v-else class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Tasks ({{ openCount }} open)</h2>
      <ul aria-label="Tasks">
        <li v-for="task in tasks" :key="task.id">
          <Checkbox :model-value="task.done" :label="task.title" @update:model-value="toggle(task)" />
        </li>
      </ul>
      <form class="metal-demo-row" @submit.prevent="add">
        <input class="metal-demo-input" aria-label="New task" v-model="title" />
        <button class="metal-demo-button" type="submit">Add</button>
      </form>
      <p v-if="writeError" role="alert">{{ writeError.message }}</p>
    </div>`,
})

/**
 * `useMetalQuery(collection, buildQuery?, options?)` returns a TanStack Vue query whose rows a
 * Metal subscription keeps current: writes from this component, from other components and from
 * other clients show up at once, with no refetching. Arguments may be refs or getters; results
 * are refs.
 *
 * ```ts
 * const { data, isPending, error } = useMetalQuery<Task>('tasks', (q) => q.orderBy('createdAt'))
 * ```
 *
 * These stories run on an embedded `new Metal()` seeded with three tasks, given to the story's
 * app with `app.use(MetalPlugin, { client })`; a second client on the same embedded backend plays
 * another user. Each task is a toggle button (pressed when done).
 */
const meta = {
  title: 'Composables/useMetalQuery',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { TaskList }, template: '<TaskList />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The seeded rows, ordered by `createdAt`, with a `select`ed count of open tasks. */
export const LiveList: Story = {
  play: plays.LiveList,
}

/** A write from this component appears in the list without a refetch. */
export const AddFromThisClient: Story = {
  play: plays.AddFromThisClient,
}

/** Another client writes, updates and deletes documents; the list follows each change live. */
export const WritesFromAnotherUser: Story = {
  play: plays.WritesFromAnotherUser,
}
