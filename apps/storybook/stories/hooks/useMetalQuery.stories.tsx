import { useId, useState, type FormEvent } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { MetalProvider, useMetalMutation, useMetalQuery } from '@metal/react'
import { Checkbox } from '@metal/ui/react'
import { closeDemoClients, demoBackend, demoClient } from '../support/demoClients.js'

interface Task {
  title: string
  done: boolean
  createdAt: number
}

/** A live task list: `useMetalQuery` for the rows, `useMetalMutation` for the writes. */
function TaskList() {
  const tasksTitleId = useId()
  const {
    data: tasks,
    isPending,
    error,
  } = useMetalQuery<Task>('tasks', (q) => q.orderBy('createdAt'))
  const { data: openCount } = useMetalQuery<Task, number>('tasks', (q) => q.orderBy('createdAt'), {
    select: (rows) => rows.filter((t) => !t.done).length,
  })
  const writes = useMetalMutation<Task>('tasks')
  const [title, setTitle] = useState('')

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) return
    void writes.add({ title: title.trim(), done: false, createdAt: Date.now() })
    setTitle('')
  }

  if (isPending) return <p>Loading…</p>
  if (error) return <p role="alert">{error.message}</p>
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={tasksTitleId}>
      <h2 id={tasksTitleId}>Tasks ({openCount} open)</h2>
      <ul aria-label="Tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <Checkbox
              checked={task.done}
              onCheckedChange={() => void writes.update(task.id, { done: !task.done })}
              label={task.title}
            />
          </li>
        ))}
      </ul>
      <form className="metal-demo-row" onSubmit={add}>
        <input
          className="metal-demo-input"
          aria-label="New task"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button className="metal-demo-button" type="submit">
          Add
        </button>
      </form>
      {writes.error && <p role="alert">{writes.error.message}</p>}
    </div>
  )
}

type Loaded = { metal: Metal; otherUser: Metal }

/**
 * `useMetalQuery(collection, buildQuery?, options?)` returns a TanStack query whose rows a Metal
 * subscription keeps current: writes from this component, from other components and from other
 * clients show up at once, with no refetching.
 *
 * ```tsx
 * const { data, isPending, error } = useMetalQuery<Task>('tasks', (q) => q.orderBy('createdAt'))
 * ```
 *
 * These stories run on an embedded `new Metal()` seeded with three tasks; a second client on the
 * same embedded backend plays another user.
 */
const meta = {
  title: 'Hooks/useMetalQuery',
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const otherUser = demoClient(id, { backend })
      const tasks = metal.db().collection<Task>('tasks')
      const seed = ['Write the README', 'Review the pull request', 'Plan the sprint']
      await Promise.all(seed.map((title, i) => tasks.add({ title, done: i === 1, createdAt: i })))
      return { metal, otherUser }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
      <TaskList />
    </MetalProvider>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const list = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('list', { name: 'Tasks' })

/** The seeded rows, ordered by `createdAt`, with a `select`ed count of open tasks. */
export const LiveList: Story = {
  play: async ({ canvasElement }) => {
    const items = within(await list(canvasElement)).getAllByRole('listitem')
    await expect(items.map((li) => li.textContent?.trim())).toEqual([
      'Write the README',
      'Review the pull request',
      'Plan the sprint',
    ])
    await expect(within(canvasElement).getByRole('heading')).toHaveTextContent('Tasks (2 open)')
  },
}

/** A write from this component appears in the list without a refetch. */
export const AddFromThisClient: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await list(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'New task' }), 'Ship Storybook')
    await userEvent.click(canvas.getByRole('button', { name: 'Add' }))
    await expect(await canvas.findByText('Ship Storybook')).toBeVisible()
    await expect(canvas.getByRole('heading')).toHaveTextContent('Tasks (3 open)')

    await userEvent.click(canvas.getByRole('checkbox', { name: 'Write the README' }))
    await expect(await canvas.findByText('Tasks (2 open)')).toBeVisible()
  },
}

/** Another client writes, updates and deletes documents; the list follows each change live. */
export const WritesFromAnotherUser: Story = {
  play: async ({ canvasElement, loaded }) => {
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
