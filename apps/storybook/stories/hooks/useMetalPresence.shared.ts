// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export const ROOM = 'design-review'

export type Loaded = { metal: Metal; ada: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  return { metal: demoClient(id, { backend }), ada: demoClient(id, { backend }) }
}

const members = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('list', { name: 'Members' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

/** The play function of each story, by its export name. */
export const plays = {
  SecondUser: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(members(canvasElement)).toEqual(['you (you): online']))

    await userEvent.click(canvas.getByRole('button', { name: 'Ada joins' }))
    await waitFor(() =>
      expect(members(canvasElement)).toEqual(['you (you): online', 'ada: online']),
    )
    await expect(canvas.getByRole('heading', { name: /In the room/ })).toHaveTextContent(
      'In the room: 2 (1 besides you)',
    )

    await userEvent.click(canvas.getByRole('button', { name: 'Ada goes away' }))
    await waitFor(() => expect(members(canvasElement)).toContain('ada: away'))

    await userEvent.click(canvas.getByRole('button', { name: 'Ada leaves' }))
    await waitFor(() => expect(members(canvasElement)).toEqual(['you (you): online']))
  },
  ChangeOwnStatus: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(members(canvasElement)).toEqual(['you (you): online']))
    await userEvent.click(canvas.getByRole('button', { name: 'Set me away' }))
    await waitFor(() => expect(members(canvasElement)).toEqual(['you (you): away']))
  },
  RoomMessage: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Ada joins' }))
    await waitFor(() =>
      expect(members(canvasElement)).toEqual(['you (you): online', 'ada: online']),
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Ada waves' }))
    await waitFor(() =>
      expect(canvas.getByLabelText('Last message')).toHaveTextContent('ada sent wave'),
    )
  },
}
