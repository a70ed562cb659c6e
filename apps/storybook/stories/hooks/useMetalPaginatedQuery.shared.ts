// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export interface City {
  name: string
}

export const CITIES = ['Accra', 'Berlin', 'Cairo', 'Delhi', 'Essen', 'Fez', 'Genoa', 'Hanoi']

export type Loaded = { metal: Metal; otherUser: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  const cities = metal.db().collection<City>('cities')
  await Promise.all(CITIES.map((name) => cities.add({ name })))
  return { metal, otherUser: demoClient(id, { backend }) }
}

const names = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('list', { name: 'Cities' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

/** The play function of each story, by its export name. */
export const plays = {
  LoadMore: async ({ canvasElement }: PlayContext) => {
    const more = within(canvasElement).getByRole('button', { name: 'More' })
    await waitFor(() => expect(names(canvasElement)).toEqual(['Accra', 'Berlin', 'Cairo']))

    await waitFor(() => expect(more).toBeEnabled())
    await userEvent.click(more)
    await waitFor(() => expect(names(canvasElement)).toHaveLength(6))
    await expect(names(canvasElement).slice(3)).toEqual(['Delhi', 'Essen', 'Fez'])

    await waitFor(() => expect(more).toBeEnabled())
    await userEvent.click(more)
    await waitFor(() => expect(names(canvasElement)).toEqual(CITIES))
    await waitFor(() => expect(more).toBeDisabled())
  },
  LiveFirstPage: async ({ canvasElement, loaded }: PlayContext) => {
    await waitFor(() => expect(names(canvasElement)).toEqual(['Accra', 'Berlin', 'Cairo']))
    await (loaded as Loaded).otherUser.db().collection<City>('cities').add({ name: 'Aarhus' })
    await waitFor(() => expect(names(canvasElement)).toEqual(['Aarhus', 'Accra', 'Berlin']))
  },
}
