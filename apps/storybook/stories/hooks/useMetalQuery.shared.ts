// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { demoBackend, demoClient } from '../support/demoClients.js'
import type { PlayContext } from '../support/play.js'

export interface Task {
  title: string
  done: boolean
  createdAt: number
}

export type Loaded = { metal: Metal; otherUser: Metal }

/** The stories' loader: the clients, on one embedded backend, and the seed data. */
export async function load({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  const otherUser = demoClient(id, { backend })
  const tasks = metal.db().collection<Task>('tasks')
  const seed = ['Write the README', 'Review the pull request', 'Plan the sprint']
  await Promise.all(seed.map((title, i) => tasks.add({ title, done: i === 1, createdAt: i })))
  return { metal, otherUser }
}

const list = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('list', { name: 'Tasks' })

/** The play function of each story, by its export name. */
export const plays = {
  LiveList: async ({ canvasElement }: PlayContext) => {
    const items = within(await list(canvasElement)).getAllByRole('listitem')
    await expect(items.map((li) => li.textContent?.trim())).toEqual([
      'Write the README',
      'Review the pull request',
      'Plan the sprint',
    ])
    await expect(within(canvasElement).getByRole('heading')).toHaveTextContent('Tasks (2 open)')
  },
  AddFromThisClient: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await list(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'New task' }), 'Ship Storybook')
    await userEvent.click(canvas.getByRole('button', { name: 'Add' }))
    await expect(await canvas.findByText('Ship Storybook')).toBeVisible()
    await expect(canvas.getByRole('heading')).toHaveTextContent('Tasks (3 open)')

    await userEvent.click(canvas.getByRole('checkbox', { name: 'Write the README' }))
    await expect(await canvas.findByText('Tasks (2 open)')).toBeVisible()
    await expect(canvas.getByRole('checkbox', { name: 'Write the README' })).toBeChecked()
  },
  WritesFromAnotherUser: async ({ canvasElement, loaded }: PlayContext) => {
    const canvas = within(canvasElement)
    await list(canvasElement)
    const tasks = (loaded as Loaded).otherUser.db().collection<Task>('tasks')

    const ref = await tasks.add({ title: 'Written by another user', done: false, createdAt: 10 })
    await expect(await canvas.findByText('Written by another user')).toBeVisible()

    await tasks.doc(ref.id).update({ title: 'Renamed by another user' })
    await expect(await canvas.findByText('Renamed by another user')).toBeVisible()
    await expect(canvas.queryByText('Written by another user')).toBeNull()

    await tasks.doc(ref.id).delete()
    await waitFor(() => expect(canvas.queryByText('Renamed by another user')).toBeNull())
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3)
  },
}
