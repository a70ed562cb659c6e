import { defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { useMetal, useMetalCount } from '@metal/vue'
import { closeDemoClients, demoBackend, demoClient } from '../support/clients.js'

interface Ticket {
  title: string
  open: boolean
}

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

type Loaded = { metal: Metal; otherUser: Metal }

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
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const tickets = metal.db().collection<Ticket>('tickets')
      await Promise.all(
        ['Login fails', 'Slow search', 'Typo on home'].map((title, i) =>
          tickets.add({ title, open: i !== 2 }),
        ),
      )
      return { metal, otherUser: demoClient(id, { backend }) }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { TicketCounts }, template: '<TicketCounts />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const counts = (canvasElement: HTMLElement) => within(canvasElement).getByTestId('counts')

/** Another user adds and closes tickets: both counts follow. */
export const LiveCounts: Story = {
  play: async ({ canvasElement, loaded }) => {
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('3 in all, 2 open'))
    const tickets = (loaded as Loaded).otherUser.db().collection<Ticket>('tickets')

    const ref = await tickets.add({ title: 'Crash on save', open: true })
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('4 in all, 3 open'))

    await tickets.doc(ref.id).update({ open: false })
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('4 in all, 2 open'))
  },
}
