import { useId } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { Metal } from '@metal/core'
import { MetalProvider, useMetalDoc, useMetalSync } from '@metal/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, type Doc, type Loaded } from './useMetalSync.shared.js'

/** One document with this client's sync state for its collection: status, queue, conflicts. */
function SyncPanel({ metal }: { metal: Metal }) {
  const titleId = useId()
  const { data: doc } = useMetalDoc<Doc>('docs', 'd1')
  const { status, pending, conflicts, error, retry, clearConflicts } = useMetalSync('docs', {
    conflict: 'server-wins',
  })
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Sync of “docs”</h2>
      <p data-testid="sync">
        {status}, {pending} to send, {conflicts.length} conflicts
      </p>
      <p data-testid="doc">
        {doc ? `${doc.title}${doc.hasPendingWrites ? ' (saving…)' : ''}` : '…'}
      </p>
      <div className="metal-demo-row">
        <button className="metal-demo-button" type="button" onClick={() => metal.disableNetwork()}>
          Go offline
        </button>
        <button className="metal-demo-button" type="button" onClick={() => metal.enableNetwork()}>
          Go online
        </button>
        <button
          className="metal-demo-button"
          data-variant="tonal"
          type="button"
          onClick={() =>
            void metal.db().collection<Doc>('docs').doc('d1').update({ title: 'Mine' })
          }
        >
          Edit
        </button>
        {conflicts.length > 0 && (
          <button
            className="metal-demo-button"
            data-variant="tonal"
            type="button"
            onClick={clearConflicts}
          >
            Clear conflicts
          </button>
        )}
        {error && (
          <button className="metal-demo-button" type="button" onClick={retry}>
            Retry
          </button>
        )}
      </div>
      {error && <p role="alert">{error.message}</p>}
    </div>
  )
}

/**
 * `useMetalSync(collection, options?)` follows a collection's offline sync: `status`
 * (`online`, `offline`, `syncing`), `pending` writes, the `conflicts` seen while mounted and the
 * last send `error`, with `retry()` and `clearConflicts()`. `conflict` picks the strategy
 * (`'server-wins'`, `'client-wins'`, `'merge'`…) and `onConflict` can decide each one.
 *
 * ```tsx
 * const { status, pending, conflicts } = useMetalSync('docs', { conflict: 'server-wins' })
 * ```
 *
 * The buttons take this client off the network and back; a second client on the same embedded
 * backend plays another user.
 */
const meta = {
  title: 'Hooks/useMetalSync',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
      <SyncPanel metal={(loaded as Loaded).metal} />
    </MetalProvider>
  ),
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
