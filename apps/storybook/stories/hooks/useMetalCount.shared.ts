// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export interface Ticket {
  title: string
  open: boolean
}

export type Loaded = { metal: Metal; otherUser: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  const tickets = metal.db().collection<Ticket>('tickets')
  await Promise.all(
    ['Login fails', 'Slow search', 'Typo on home'].map((title, i) =>
      tickets.add({ title, open: i !== 2 }),
    ),
  )
  return { metal, otherUser: demoClient(id, { backend }) }
}

const counts = (canvasElement: HTMLElement) => within(canvasElement).getByTestId('counts')

/** The play function of each story, by its export name. */
export const plays = {
  LiveCounts: async ({ canvasElement, loaded }: PlayContext) => {
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('3 in all, 2 open'))
    const tickets = (loaded as Loaded).otherUser.db().collection<Ticket>('tickets')

    const ref = await tickets.add({ title: 'Crash on save', open: true })
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('4 in all, 3 open'))

    await tickets.doc(ref.id).update({ open: false })
    await waitFor(() => expect(counts(canvasElement)).toHaveTextContent('4 in all, 2 open'))
  },
}
