import { computed, defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { useMetal, useMetalDoc, useMetalSync } from '@metal/vue'
import type { Metal } from '@metal/core'
import { closeDemoClients, demoBackend, demoClient } from '../support/clients.js'

interface Doc {
  title: string
}

/** One document with this client's sync state for its collection: status, queue, conflicts. */
const SyncPanel = defineComponent({
  setup() {
    const metal = useMetal()
    const { data: doc } = useMetalDoc<Doc>('docs', 'd1')
    const { status, pending, conflicts, error, retry, clearConflicts } = useMetalSync('docs', {
      conflict: 'server-wins',
    })
    return {
      titleId: useId(),
      status,
      pending,
      conflicts,
      error,
      retry,
      clearConflicts,
      shownDoc: computed(() =>
        doc.value ? `${doc.value.title}${doc.value.hasPendingWrites ? ' (saving…)' : ''}` : '…',
      ),
      offline: () => metal.disableNetwork(),
      online: () => metal.enableNetwork(),
      edit: () => void metal.db().collection<Doc>('docs').doc('d1').update({ title: 'Mine' }),
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Sync of “docs”</h2>
      <p data-testid="sync">{{ status }}, {{ pending }} to send, {{ conflicts.length }} conflicts</p>
      <p data-testid="doc">{{ shownDoc }}</p>
      <div class="metal-demo-row">
        <button class="metal-demo-button" type="button" @click="offline">Go offline</button>
        <button class="metal-demo-button" type="button" @click="online">Go online</button>
        <button class="metal-demo-button" data-variant="tonal" type="button" @click="edit">Edit</button>
        <button v-if="conflicts.length > 0" class="metal-demo-button" data-variant="tonal"
          type="button" @click="clearConflicts">Clear conflicts</button>
        <button v-if="error" class="metal-demo-button" type="button" @click="retry">Retry</button>
      </div>
      <p v-if="error" role="alert">{{ error.message }}</p>
    </div>`,
})

type Loaded = { metal: Metal; otherUser: Metal }

/**
 * `useMetalSync(collection, options?)` follows a collection's offline sync, as refs: `status`
 * (`online`, `offline`, `syncing`), `pending` writes, the `conflicts` seen while mounted and the
 * last send `error`, with `retry()` and `clearConflicts()`. `conflict` picks the strategy
 * (`'server-wins'`, `'client-wins'`, `'merge'`…) and `onConflict` can decide each one.
 *
 * ```ts
 * const { status, pending, conflicts } = useMetalSync('docs', { conflict: 'server-wins' })
 * ```
 *
 * The buttons take this client off the network and back; a second client on the same embedded
 * backend plays another user.
 */
const meta = {
  title: 'Composables/useMetalSync',
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      await metal.db().collection<Doc>('docs').doc('d1').set({ title: 'First draft' })
      return { metal, otherUser: demoClient(id, { backend }) }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { SyncPanel }, template: '<SyncPanel />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const text = (canvasElement: HTMLElement, id: string) => within(canvasElement).getByTestId(id)

/** A write made offline is queued and shown at once, then sent when the client is back. */
export const OfflineQueue: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('online, 0 to send'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent(/^offline/))
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('Mine (saving…)'))
    await expect(text(canvasElement, 'sync')).toHaveTextContent('offline, 1 to send')

    await userEvent.click(canvas.getByRole('button', { name: 'Go online' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('online, 0 to send'))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent(/^Mine$/))
    const other = (loaded as Loaded).otherUser.db().collection<Doc>('docs').doc('d1')
    await waitFor(async () => expect((await other.get()).data()?.title).toBe('Mine'))
  },
}

/**
 * Offline, this client edits a document another user changed meanwhile: back online, the
 * conflict is listed and, server-wins, the other user's version stays.
 */
export const Conflict: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('First draft'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }))
    await (loaded as Loaded).otherUser
      .db()
      .collection<Doc>('docs')
      .doc('d1')
      .update({ title: 'Theirs' })
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('Mine (saving…)'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go online' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('1 conflicts'))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent(/^Theirs$/))

    await userEvent.click(canvas.getByRole('button', { name: 'Clear conflicts' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('0 conflicts'))
  },
}
