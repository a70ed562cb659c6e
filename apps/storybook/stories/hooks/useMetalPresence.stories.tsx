import { useId, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { Metal } from '@metal/core'
import { MetalProvider, useMetalPresence } from '@metal/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, ROOM, type Loaded } from './useMetalPresence.shared.js'

/** Who is in the room, as this client sees it, while it tracks itself as "you". */
function WhoIsHere() {
  const presenceTitleId = useId()
  const [status, setStatus] = useState('online')
  const [heard, setHeard] = useState('nothing yet')
  const { members, others } = useMetalPresence({
    room: ROOM,
    track: { userId: 'you', status, metadata: { page: '/tasks' } },
    onMessage: (m) => setHeard(`${m.userId} sent ${m.event}`),
  })
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={presenceTitleId}>
      <h2 id={presenceTitleId}>
        In the room: {members.length} ({others.length} besides you)
      </h2>
      <ul aria-label="Members">
        {members.map((m) => (
          <li key={m.userId}>
            {m.isSelf ? `${m.userId} (you)` : m.userId}: {m.status}
          </li>
        ))}
      </ul>
      <p role="status" aria-label="Last message">
        Last message: {heard}
      </p>
      <div className="metal-demo-row">
        <button
          className="metal-demo-button"
          data-variant="tonal"
          type="button"
          onClick={() => setStatus(status === 'online' ? 'away' : 'online')}
        >
          Set me {status === 'online' ? 'away' : 'online'}
        </button>
      </div>
    </div>
  )
}

/** The second user's controls: they act through their own client on the shared backend. */
function SimulatedUser({ client }: { client: Metal }) {
  const adaTitleId = useId()
  const presence = client.presence(ROOM)
  const [state, setState] = useState<'online' | 'away' | 'gone'>('gone')
  const act = (next: 'online' | 'away' | 'gone') => {
    if (next === 'gone') presence.untrack()
    else presence.track({ userId: 'ada', status: next, metadata: { page: '/reports' } })
    setState(next)
  }
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={adaTitleId}>
      <h2 id={adaTitleId}>Simulated user: ada ({state})</h2>
      <div className="metal-demo-row">
        <button className="metal-demo-button" type="button" onClick={() => act('online')}>
          Ada joins
        </button>
        <button className="metal-demo-button" type="button" onClick={() => act('away')}>
          Ada goes away
        </button>
        <button className="metal-demo-button" type="button" onClick={() => act('gone')}>
          Ada leaves
        </button>
        <button
          className="metal-demo-button"
          type="button"
          disabled={state === 'gone'}
          onClick={() => presence.broadcast('wave', { at: '/reports' })}
        >
          Ada waves
        </button>
      </div>
    </div>
  )
}

/**
 * `useMetalPresence({ room?, track?, onMessage? })` returns the room's `members` (each with
 * `isSelf`), the `others` and `self`, live, and publishes `track` while the component is mounted.
 * `broadcast(event, payload)` sends an ephemeral message to the room; `onMessage` hears others'.
 *
 * ```tsx
 * const { members, others } = useMetalPresence({ room: 'doc-1', track: { userId, status: 'online' } })
 * ```
 *
 * Here two clients share one embedded `memory()` backend: the component is "you"; the panel
 * below drives a simulated second user, "ada", through her own client.
 */
const meta = {
  title: 'Hooks/useMetalPresence',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => {
    const { metal, ada } = loaded as Loaded
    return (
      <div style={{ display: 'grid', gap: 16 }}>
        <MetalProvider client={metal}>
          <WhoIsHere />
        </MetalProvider>
        <SimulatedUser client={ada} />
      </div>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A second user joins, goes away and leaves; the member list follows. */
export const SecondUser: Story = {
  play: plays.SecondUser,
}

/** This client changes its own status; `track` is compared by value and re-sent on change. */
export const ChangeOwnStatus: Story = {
  play: plays.ChangeOwnStatus,
}

/** Ada broadcasts an ephemeral message; this client hears it through `onMessage`. */
export const RoomMessage: Story = {
  play: plays.RoomMessage,
}
