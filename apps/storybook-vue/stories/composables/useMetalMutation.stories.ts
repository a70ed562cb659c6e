import { defineComponent, ref, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import type { Metal } from '@metal/core'
import { useMetalMutation, useMetalQuery } from '@metal/vue'
import { closeDemoClients, demoClient } from '../support/clients.js'
import { plays, type Note } from '../../../storybook/stories/hooks/useMetalMutation.shared.js'

/** Notes written with each of `useMetalMutation`'s shorthands, listed by a live query. */
const Notes = defineComponent({
  setup() {
    const notes = useMetalMutation<Note>('notes')
    const { data } = useMetalQuery<Note>('notes', (q) => q.orderBy('text'))
    const lastId = ref<string | null>(null)
    return {
      titleId: useId(),
      data,
      lastId,
      isPending: notes.isPending,
      error: notes.error,
      add: async () => {
        lastId.value = await notes.add({ text: 'Buy milk', pinned: false })
      },
      pin: () => lastId.value && void notes.update(lastId.value, { pinned: true }),
      setWelcome: () => void notes.set('welcome', { text: 'Welcome', pinned: true }),
      remove: () => lastId.value && void notes.delete(lastId.value),
      // Rejected by the backend: there is no such document to update.
      updateMissing: () => notes.update('nowhere', { pinned: true }).catch(() => {}),
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Notes</h2>
      <ul aria-label="Notes">
        <li v-for="note in data" :key="note.id">{{ note.text }}{{ note.pinned ? ' (pinned)' : '' }}</li>
      </ul>
      <div class="metal-demo-row">
        <button class="metal-demo-button" type="button" @click="add">Add</button>
        <button class="metal-demo-button" type="button" :disabled="!lastId" @click="pin">Pin</button>
        <button class="metal-demo-button" type="button" @click="setWelcome">Set welcome</button>
        <button class="metal-demo-button" type="button" :disabled="!lastId" @click="remove">Delete</button>
        <button class="metal-demo-button" data-variant="tonal" type="button" @click="updateMissing">
          Update a missing note
        </button>
      </div>
      <p role="status">{{ isPending ? 'Saving…' : '' }}</p>
      <p v-if="error" role="alert">{{ error.message }}</p>
    </div>`,
})

/**
 * `useMetalMutation(collection)` is a TanStack Vue mutation (its state as refs: `isPending`,
 * `error`…) plus the shorthands `add`, `set`, `update`, `delete` and `batch`. Each returns a
 * promise that resolves on commit (`add` with the new id) and rejects when the write fails,
 * which also shows as `error`. Writes are optimistic: live queries show them at once.
 *
 * ```ts
 * const notes = useMetalMutation<Note>('notes')
 * const id = await notes.add({ text: 'Buy milk', pinned: false })
 * ```
 */
const meta = {
  title: 'Composables/useMetalMutation',
  loaders: [async ({ id }): Promise<{ metal: Metal }> => ({ metal: demoClient(id) })],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { Notes }, template: '<Notes />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** add, update, set and delete, each seen in the live list. */
export const Writes: Story = {
  play: plays.Writes,
}

/** A write the backend refuses rejects its promise and shows as the mutation's `error`. */
export const RefusedWrite: Story = {
  play: plays.RefusedWrite,
}
