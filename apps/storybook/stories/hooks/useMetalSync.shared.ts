// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export interface Doc {
  title: string
}

export type Loaded = { metal: Metal; otherUser: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  await metal.db().collection<Doc>('docs').doc('d1').set({ title: 'First draft' })
  return { metal, otherUser: demoClient(id, { backend }) }
}

const text = (canvasElement: HTMLElement, id: string) => within(canvasElement).getByTestId(id)

/** The play function of each story, by its export name. */
export const plays = {
  OfflineQueue: async ({ canvasElement, loaded }: PlayContext) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('online, 0 to send'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent(/^offline/))
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('Mine (saving…)'))
    await expect(text(canvasElement, 'sync')).toHaveTextContent('offline, 1 to send')

    await userEvent.click(canvas.getByRole('button', { name: 'Go online' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('online, 0 to send'))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent(/^Mine$/))
    const other = (loaded as Loaded).otherUser.db().collection<Doc>('docs').doc('d1')
    await waitFor(async () => expect((await other.get()).data()?.title).toBe('Mine'))
  },
  Conflict: async ({ canvasElement, loaded }: PlayContext) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('First draft'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }))
    await (loaded as Loaded).otherUser
      .db()
      .collection<Doc>('docs')
      .doc('d1')
      .update({ title: 'Theirs' })
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent('Mine (saving…)'))

    await userEvent.click(canvas.getByRole('button', { name: 'Go online' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('1 conflicts'))
    await waitFor(() => expect(text(canvasElement, 'doc')).toHaveTextContent(/^Theirs$/))

    await userEvent.click(canvas.getByRole('button', { name: 'Clear conflicts' }))
    await waitFor(() => expect(text(canvasElement, 'sync')).toHaveTextContent('0 conflicts'))
  },
}
