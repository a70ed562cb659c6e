import { useId, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { MetalProvider, useMetalDoc } from '@metal/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, type Task, type Loaded } from './useMetalDoc.shared.js'

/** One task, live: `useMetalDoc` by collection path and id, switchable with the buttons. */
function TaskDetail() {
  const titleId = useId()
  const [id, setId] = useState('t1')
  const { data: task, isPending, error } = useMetalDoc<Task>('tasks', id)
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Task {id}</h2>
      <div className="metal-demo-row">
        {['t1', 't2', 'missing'].map((option) => (
          <button
            key={option}
            className="metal-demo-button"
            data-variant="tonal"
            type="button"
            aria-pressed={id === option}
            onClick={() => setId(option)}
          >
            Show {option}
          </button>
        ))}
      </div>
      <p aria-live="polite" data-testid="task">
        {isPending
          ? 'Loading…'
          : error
            ? error.message
            : task === null
              ? `No task '${id}'`
              : `${task.title} (${task.done ? 'done' : 'open'})${task.hasPendingWrites ? ', saving…' : ''}`}
      </p>
    </div>
  )
}

/**
 * `useMetalDoc(collection, id)` (or `useMetalDoc(ref)`) returns one live document as a row,
 * `{ id, ...data }` with `hasPendingWrites`, or `null` when it does not exist. A changed id keeps
 * the previous document on screen until the next one arrives; a null id waits, disabled.
 *
 * ```tsx
 * const { data: task } = useMetalDoc<Task>('tasks', id)
 * ```
 *
 * Two clients share one embedded backend: the component reads through the first, a second one
 * plays another user.
 */
const meta = {
  title: 'Hooks/useMetalDoc',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
      <TaskDetail />
    </MetalProvider>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Another user edits the document, then deletes it: the view follows, down to `null`. */
export const LiveDocument: Story = {
  play: plays.LiveDocument,
}

/** Switching ids shows the other document; an id with no document gives `null`. */
export const SwitchDocuments: Story = {
  play: plays.SwitchDocuments,
}

/** Offline, a write of this client shows at once with `hasPendingWrites` until it commits. */
export const PendingWrite: Story = {
  play: plays.PendingWrite,
}
