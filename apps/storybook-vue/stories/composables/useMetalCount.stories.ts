import { defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { useMetal, useMetalCount } from '@metal/vue'
import { closeDemoClients } from '../support/clients.js'
import { load, plays, type Ticket } from '../../../storybook/stories/hooks/useMetalCount.shared.js'

/** Two live counts: every ticket (by path) and the open ones (a typed query). */
const TicketCounts = defineComponent({
  setup() {
    const tickets = useMetal().db().collection<Ticket>('tickets')
    const { data: all } = useMetalCount('tickets')
    const { data: open } = useMetalCount(tickets.where('open', '==', true))
    return { titleId: useId(), all, open }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Tickets</h2>
      <p data-testid="counts">{{ all ?? '…' }} in all, {{ open ?? '…' }} open</p>
    </div>`,
})

/**
 * `useMetalCount(query)` (or `useMetalCount(collection, buildQuery?)`) is a live count of a
 * query's result as a ref, kept current by the backend without reading the rows.
 *
 * ```ts
 * const { data: open } = useMetalCount(tickets.where('open', '==', true))
 * ```
 */
const meta = {
  title: 'Composables/useMetalCount',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { TicketCounts }, template: '<TicketCounts />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Another user adds and closes tickets: both counts follow. */
export const LiveCounts: Story = {
  play: plays.LiveCounts,
}
