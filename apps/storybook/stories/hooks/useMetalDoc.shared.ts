// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export interface Task {
  title: string
  done: boolean
}

export type Loaded = { metal: Metal; otherUser: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  const otherUser = demoClient(id, { backend })
  const tasks = metal.db().collection<Task>('tasks')
  await tasks.doc('t1').set({ title: 'Write the README', done: false })
  await tasks.doc('t2').set({ title: 'Review the pull request', done: true })
  return { metal, otherUser }
}

const shown = (canvasElement: HTMLElement) => within(canvasElement).getByTestId('task')

/** The play function of each story, by its export name. */
export const plays = {
  LiveDocument: async ({ canvasElement, loaded }: PlayContext) => {
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent('Write the README (open)'))
    const task = (loaded as Loaded).otherUser.db().collection<Task>('tasks').doc('t1')

    await task.update({ done: true })
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent('Write the README (done)'))

    await task.delete()
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent("No task 't1'"))
  },
  SwitchDocuments: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent('Write the README'))

    await userEvent.click(canvas.getByRole('button', { name: 'Show t2' }))
    await waitFor(() =>
      expect(shown(canvasElement)).toHaveTextContent('Review the pull request (done)'),
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Show missing' }))
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent("No task 'missing'"))
  },
  PendingWrite: async ({ canvasElement, loaded }: PlayContext) => {
    const { metal } = loaded as Loaded
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent('Write the README (open)'))

    metal.disableNetwork()
    void metal.db().collection<Task>('tasks').doc('t1').update({ done: true })
    await waitFor(() =>
      expect(shown(canvasElement)).toHaveTextContent('Write the README (done), saving…'),
    )

    metal.enableNetwork()
    await waitFor(() => expect(shown(canvasElement)).toHaveTextContent('Write the README (done)'))
    await waitFor(() => expect(shown(canvasElement)).not.toHaveTextContent('saving'))
  },
}
