import { useId } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { MetalProvider, useMetal, useMetalCount } from '@metal/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, type Ticket, type Loaded } from './useMetalCount.shared.js'

/** Two live counts: every ticket (by path) and the open ones (a typed query). */
function TicketCounts() {
  const titleId = useId()
  const tickets = useMetal().db().collection<Ticket>('tickets')
  const { data: all } = useMetalCount('tickets')
  const { data: open } = useMetalCount(tickets.where('open', '==', true))
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Tickets</h2>
      <p data-testid="counts">
        {all ?? '…'} in all, {open ?? '…'} open
      </p>
    </div>
  )
}

/**
 * `useMetalCount(query)` (or `useMetalCount(collection, buildQuery?)`) is a live count of a
 * query's result, kept current by the backend without reading the rows.
 *
 * ```tsx
 * const { data: open } = useMetalCount(tickets.where('open', '==', true))
 * ```
 */
const meta = {
  title: 'Hooks/useMetalCount',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
      <TicketCounts />
    </MetalProvider>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Another user adds and closes tickets: both counts follow. */
export const LiveCounts: Story = {
  play: plays.LiveCounts,
}
