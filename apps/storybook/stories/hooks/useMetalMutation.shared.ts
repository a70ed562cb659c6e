// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { PlayContext } from '../support/play.js'

export interface Note {
  text: string
  pinned: boolean
}

const items = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('list', { name: 'Notes' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

/** The play function of each story, by its export name. */
export const plays = {
  Writes: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Add' }))
    await waitFor(() => expect(items(canvasElement)).toEqual(['Buy milk']))

    await waitFor(() => expect(canvas.getByRole('button', { name: 'Pin' })).toBeEnabled())
    await userEvent.click(canvas.getByRole('button', { name: 'Pin' }))
    await waitFor(() => expect(items(canvasElement)).toEqual(['Buy milk (pinned)']))

    await userEvent.click(canvas.getByRole('button', { name: 'Set welcome' }))
    await waitFor(() =>
      expect(items(canvasElement)).toEqual(['Buy milk (pinned)', 'Welcome (pinned)']),
    )

    await userEvent.click(canvas.getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(items(canvasElement)).toEqual(['Welcome (pinned)']))
  },
  RefusedWrite: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Update a missing note' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/nowhere/)
  },
}
