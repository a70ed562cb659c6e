import { useId, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { Metal } from '@metal/core'
import { MetalProvider, useMetalMutation, useMetalQuery } from '@metal/react'
import { closeDemoClients, demoClient } from '../support/demoClients.js'
import { plays, type Note } from './useMetalMutation.shared.js'

/** Notes written with each of `useMetalMutation`'s shorthands, listed by a live query. */
function Notes() {
  const titleId = useId()
  const notes = useMetalMutation<Note>('notes')
  const { data = [] } = useMetalQuery<Note>('notes', (q) => q.orderBy('text'))
  const [lastId, setLastId] = useState<string | null>(null)
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Notes</h2>
      <ul aria-label="Notes">
        {data.map((note) => (
          <li key={note.id}>
            {note.text}
            {note.pinned ? ' (pinned)' : ''}
          </li>
        ))}
      </ul>
      <div className="metal-demo-row">
        <button
          className="metal-demo-button"
          type="button"
          onClick={async () => setLastId(await notes.add({ text: 'Buy milk', pinned: false }))}
        >
          Add
        </button>
        <button
          className="metal-demo-button"
          type="button"
          disabled={!lastId}
          onClick={() => lastId && void notes.update(lastId, { pinned: true })}
        >
          Pin
        </button>
        <button
          className="metal-demo-button"
          type="button"
          onClick={() => void notes.set('welcome', { text: 'Welcome', pinned: true })}
        >
          Set welcome
        </button>
        <button
          className="metal-demo-button"
          type="button"
          disabled={!lastId}
          onClick={() => lastId && void notes.delete(lastId)}
        >
          Delete
        </button>
        <button
          className="metal-demo-button"
          data-variant="tonal"
          type="button"
          // Rejected by the backend: there is no such document to update.
          onClick={() => notes.update('nowhere', { pinned: true }).catch(() => {})}
        >
          Update a missing note
        </button>
      </div>
      <p role="status">{notes.isPending ? 'Saving…' : ''}</p>
      {notes.error && <p role="alert">{notes.error.message}</p>}
    </div>
  )
}

/**
 * `useMetalMutation(collection)` is a TanStack mutation plus the shorthands `add`, `set`,
 * `update`, `delete` and `batch`. Each returns a promise that resolves on commit (`add` with the
 * new id) and rejects when the write fails, which also shows as `error`. Writes are optimistic:
 * live queries show them at once.
 *
 * ```tsx
 * const notes = useMetalMutation<Note>('notes')
 * const id = await notes.add({ text: 'Buy milk', pinned: false })
 * ```
 */
const meta = {
  title: 'Hooks/useMetalMutation',
  loaders: [async ({ id }): Promise<{ metal: Metal }> => ({ metal: demoClient(id) })],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as { metal: Metal }).metal}>
      <Notes />
    </MetalProvider>
  ),
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
