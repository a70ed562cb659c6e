import { computed, defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { useMetal, useMetalDoc, useMetalSync } from '@metal/vue'
import { closeDemoClients } from '../support/clients.js'
import { load, plays, type Doc } from '../../../storybook/stories/hooks/useMetalSync.shared.js'

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
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { SyncPanel }, template: '<SyncPanel />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A write made offline is queued and shown at once, then sent when the client is back. */
export const OfflineQueue: Story = {
  play: plays.OfflineQueue,
}

/**
 * Offline, this client edits a document another user changed meanwhile: back online, the
 * conflict is listed and, server-wins, the other user's version stays.
 */
export const Conflict: Story = {
  play: plays.Conflict,
}
