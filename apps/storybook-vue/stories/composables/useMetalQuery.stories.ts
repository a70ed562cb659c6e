import { defineComponent, ref, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { useMetalMutation, useMetalQuery } from '@metal/vue'
import { closeDemoClients, demoBackend, demoClient } from '../support/clients.js'

interface Task {
  title: string
  done: boolean
  createdAt: number
}

/** A live task list: `useMetalQuery` for the rows, `useMetalMutation` for the writes. */
const TaskList = defineComponent({
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
          <button class="metal-demo-button" data-variant="tonal" type="button"
            :aria-pressed="task.done" @click="toggle(task)">{{ task.title }}</button>
        </li>
      </ul>
      <form class="metal-demo-row" @submit.prevent="add">
        <input class="metal-demo-input" aria-label="New task" v-model="title" />
        <button class="metal-demo-button" type="submit">Add</button>
      </form>
      <p v-if="writeError" role="alert">{{ writeError.message }}</p>
    </div>`,
})

type Loaded = { metal: Metal; otherUser: Metal }

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
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const otherUser = demoClient(id, { backend })
      const tasks = metal.db().collection<Task>('tasks')
      const seed = ['Write the README', 'Review the pull request', 'Plan the sprint']
      await Promise.all(seed.map((title, i) => tasks.add({ title, done: i === 1, createdAt: i })))
      return { metal, otherUser }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { TaskList }, template: '<TaskList />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const list = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('list', { name: 'Tasks' })

/** The seeded rows, ordered by `createdAt`, with a `select`ed count of open tasks. */
export const LiveList: Story = {
  play: async ({ canvasElement }) => {
    const items = within(await list(canvasElement)).getAllByRole('listitem')
    await expect(items.map((li) => li.textContent?.trim())).toEqual([
      'Write the README',
      'Review the pull request',
      'Plan the sprint',
    ])
    await expect(within(canvasElement).getByRole('heading')).toHaveTextContent('Tasks (2 open)')
  },
}

/** A write from this component appears in the list without a refetch. */
export const AddFromThisClient: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await list(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'New task' }), 'Ship Storybook')
    await userEvent.click(canvas.getByRole('button', { name: 'Add' }))
    await expect(await canvas.findByText('Ship Storybook')).toBeVisible()
    await expect(canvas.getByRole('heading')).toHaveTextContent('Tasks (3 open)')

    await userEvent.click(canvas.getByRole('button', { name: 'Write the README' }))
    await expect(await canvas.findByText('Tasks (2 open)')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Write the README' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  },
}

/** Another client writes, updates and deletes documents; the list follows each change live. */
export const WritesFromAnotherUser: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await list(canvasElement)
    const tasks = (loaded as Loaded).otherUser.db().collection<Task>('tasks')

    const ref = await tasks.add({ title: 'Written by another user', done: false, createdAt: 10 })
    await expect(await canvas.findByText('Written by another user')).toBeVisible()

    await tasks.doc(ref.id).update({ title: 'Renamed by another user' })
    await expect(await canvas.findByText('Renamed by another user')).toBeVisible()
    await expect(canvas.queryByText('Written by another user')).toBeNull()

    await tasks.doc(ref.id).delete()
    await waitFor(() => expect(canvas.queryByText('Renamed by another user')).toBeNull())
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3)
  },
}
