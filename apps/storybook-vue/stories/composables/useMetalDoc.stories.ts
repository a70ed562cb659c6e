import { computed, defineComponent, ref, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { useMetalDoc } from '@metal/vue'
import { closeDemoClients } from '../support/clients.js'
import { load, plays, type Task } from '../../../storybook/stories/hooks/useMetalDoc.shared.js'

/** One task, live: `useMetalDoc` by collection path and an id ref, switched with the buttons. */
const TaskDetail = defineComponent({
  setup() {
    const id = ref('t1')
    const { data: task, isPending, error } = useMetalDoc<Task>('tasks', id)
    const shown = computed(() => {
      if (isPending.value) return 'Loading…'
      if (error.value) return error.value.message
      if (task.value == null) return `No task '${id.value}'`
      const { title, done, hasPendingWrites } = task.value
      return `${title} (${done ? 'done' : 'open'})${hasPendingWrites ? ', saving…' : ''}`
    })
    return { titleId: useId(), id, shown, options: ['t1', 't2', 'missing'] }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Task {{ id }}</h2>
      <div class="metal-demo-row">
        <button v-for="option in options" :key="option" class="metal-demo-button"
          data-variant="tonal" type="button" :aria-pressed="id === option"
          @click="id = option">Show {{ option }}</button>
      </div>
      <p aria-live="polite" data-testid="task">{{ shown }}</p>
    </div>`,
})

/**
 * `useMetalDoc(collection, id)` (or `useMetalDoc(ref)`) returns one live document as a row,
 * `{ id, ...data }` with `hasPendingWrites`, or `null` when it does not exist. The id may be a
 * ref or getter: a changed id keeps the previous document on screen until the next one arrives;
 * a null id waits, disabled.
 *
 * ```ts
 * const id = ref('t1')
 * const { data: task } = useMetalDoc<Task>('tasks', id)
 * ```
 *
 * Two clients share one embedded backend: the component reads through the first, a second one
 * plays another user.
 */
const meta = {
  title: 'Composables/useMetalDoc',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { TaskDetail }, template: '<TaskDetail />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Another user edits the document, then deletes it: the view follows, down to `null`. */
export const LiveDocument: Story = {
  play: plays.LiveDocument,
}

/** Switching the id ref shows the other document; an id with no document gives `null`. */
export const SwitchDocuments: Story = {
  play: plays.SwitchDocuments,
}

/** Offline, a write of this client shows at once with `hasPendingWrites` until it commits. */
export const PendingWrite: Story = {
  play: plays.PendingWrite,
}
