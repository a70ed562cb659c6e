import { useId, useState, type FormEvent } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { MetalProvider, useMetalMutation, useMetalQuery } from '@metal/react'
import { Checkbox } from '@metal/ui/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, type Task, type Loaded } from './useMetalQuery.shared.js'

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
  loaders: [load],
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

/** The seeded rows, ordered by `createdAt`, with a `select`ed count of open tasks. */
export const LiveList: Story = {
  play: plays.LiveList,
}

/** A write from this component appears in the list without a refetch. */
export const AddFromThisClient: Story = {
  play: plays.AddFromThisClient,
}

/** Another client writes, updates and deletes documents; the list follows each change live. */
export const WritesFromAnotherUser: Story = {
  play: plays.WritesFromAnotherUser,
}
