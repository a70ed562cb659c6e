import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import type { DataTableColumn, DataTableRow, EntityDefinition } from '@metal/ui'
import { CollectionPage } from '@metal/ui/react'
import { closeDemoClients, demoBackend, demoClient } from './support/demoClients.js'

const STATUSES = ['todo', 'doing', 'done']

/** A task, as the create and edit forms show it. */
const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    { name: 'status', type: 'enum', label: 'Status', options: STATUSES, rules: { required: true } },
    { name: 'estimate', type: 'number', label: 'Estimate (hours)', rules: { min: 0 } },
    { name: 'userId', type: 'string', label: 'Owner' },
  ],
}

const COLUMNS: DataTableColumn[] = [
  { field: 'title', header: 'Title', width: 220 },
  { field: 'status', header: 'Status', type: 'enum', options: STATUSES },
  { field: 'estimate', header: 'Estimate', type: 'number', width: 120 },
]

const TASKS = {
  t1: { title: 'Write the docs', status: 'todo', estimate: 3, userId: 'me' },
  t2: { title: 'Fix the login bug', status: 'doing', estimate: 5, userId: 'me' },
  t3: { title: 'Ship the release', status: 'todo', estimate: 1, userId: 'me' },
  t4: { title: 'Plan the sprint', status: 'done', estimate: 2, userId: 'me' },
  t5: { title: 'Review pull requests', status: 'todo', estimate: 2, userId: 'ada' },
}

type Loaded = { metal: Metal; ada: Metal }

/** Two users on one embedded backend, with the tasks written. */
async function loadTasks({ id }: { id: string }): Promise<Loaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend, presence: { throttleMs: 0 } })
  const ada = demoClient(id, { backend, presence: { throttleMs: 0 } })
  const batch = metal.db().batch()
  for (const [docId, task] of Object.entries(TASKS)) {
    batch.set(metal.db().collection('tasks').doc(docId), task)
  }
  await batch.commit()
  return { metal, ada }
}

/**
 * A docs page shows every story at once: there each page gets its own name (its landmark and its
 * table's) and a heading level that follows the page's own (`<h1>` title, `<h2>` sections).
 */
function onDocsPage(args: { title: string }, context: { name: string; viewMode: string }) {
  return context.viewMode === 'docs'
    ? { title: `${args.title} (${context.name})`, headingLevel: 2 as const }
    : {}
}

/**
 * `<CollectionPage collection schema columns … />` is a drop-in admin page for one collection:
 * the live bound `<DataTable>` with selection, a "New" button and row editing (Enter, a
 * double-click or the pencil) in modal `<dialog>`s holding the schema's `<Form>`, delete with a
 * confirmation, bulk actions on the selection written in one batch, a live count, marks on rows
 * whose writes are not yet confirmed and, with `presence`, on rows someone else edits.
 *
 * Two clients share one embedded backend: the page is "you" (Grace); Ada is a second user.
 */
const meta = {
  title: 'Components/CollectionPage',
  component: CollectionPage<DataTableRow>,
  args: {
    collection: 'tasks',
    title: 'Tasks',
    schema: TASK,
    columns: COLUMNS,
    query: (q) => q.where('userId', '==', 'me'),
    defaultValues: { userId: 'me', status: 'todo' },
    bulkActions: [{ label: 'Set status', field: 'status' }],
    presence: { userId: 'me', name: 'Grace Hopper' },
  },
  loaders: [loadTasks],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (args, context) => {
    const { metal } = context.loaded as Loaded
    return (
      <MetalProvider client={metal}>
        <CollectionPage {...args} {...onDocsPage(args, context)} />
      </MetalProvider>
    )
  },
} satisfies Meta<typeof CollectionPage<DataTableRow>>

export default meta
type Story = StoryObj<typeof meta>

const rowOf = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-row-id="${id}"]`)
const rowCount = (canvasElement: HTMLElement) =>
  canvasElement.querySelectorAll('[role="row"][data-row-id]').length

/** "New" opens a dialog with the schema's form; creating adds a row and updates the count. */
export const Create: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    await expect(await canvas.findByText('4 items')).toBeVisible()

    await userEvent.click(canvas.getByRole('button', { name: 'New' }))
    const dialog = await canvas.findByRole('dialog', { name: 'New Task' })
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Triage issues')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(rowCount(canvasElement)).toBe(5))
    await expect(canvas.getByText('Triage issues')).toBeVisible()
    await expect(await canvas.findByText('5 items')).toBeVisible()
    // Focus went back to the button that opened the dialog.
    await expect(canvas.getByRole('button', { name: 'New' })).toHaveFocus()
  },
}

/** Delete asks first: Escape keeps the row, "Delete" removes it. */
export const Delete: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))

    await userEvent.click(canvas.getByRole('button', { name: 'Delete Ship the release' }))
    await canvas.findByRole('alertdialog', { name: 'Delete 1 item?' })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull())
    await expect(rowOf(canvasElement, 't3')).not.toBeNull()

    await userEvent.click(canvas.getByRole('button', { name: 'Delete Ship the release' }))
    const confirm = await canvas.findByRole('alertdialog', { name: 'Delete 1 item?' })
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(rowOf(canvasElement, 't3')).toBeNull())
    await expect(await canvas.findByText('3 items')).toBeVisible()
  },
}

/** Select rows, then "Set status": every selected row gets the picked status in one batch. */
export const BulkStatus: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    for (const id of ['t1', 't3']) {
      await userEvent.click(within(rowOf(canvasElement, id) as HTMLElement).getByRole('checkbox'))
    }
    await userEvent.click(canvas.getByRole('button', { name: 'Set status' }))
    const dialog = await canvas.findByRole('dialog', { name: 'Set status of 2 items' })
    await userEvent.click(within(dialog).getByRole('combobox', { name: /Value/ }))
    await userEvent.click(within(dialog).getByRole('option', { name: 'done' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }))

    for (const id of ['t1', 't3']) {
      const row = rowOf(canvasElement, id) as HTMLElement
      await waitFor(() => expect(within(row).getByText('done')).toBeVisible())
    }
    await expect(within(rowOf(canvasElement, 't2') as HTMLElement).getByText('doing')).toBeVisible()
  },
}

/** Enter on a row opens its edit form, pre-filled from the live document. */
export const EditWithKeyboard: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    await userEvent.click(within(rowOf(canvasElement, 't2') as HTMLElement).getByText('doing'))
    await userEvent.keyboard('{Enter}')
    const dialog = await canvas.findByRole('dialog', { name: 'Edit Task' })
    const title = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveValue('Fix the login bug'))
    await userEvent.type(title, ' today')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(canvas.getByText('Fix the login bug today')).toBeVisible())
  },
}

/**
 * With `presence`, the page tracks you in a room named after the collection. Ada is on the page
 * and edits "Fix the login bug": her avatar is in the header and on that row, and if she saves
 * while you edit the same task, the form's banner names her.
 */
export const Presence: Story = {
  loaders: [
    async (context): Promise<Loaded> => {
      const loaded = await loadTasks(context)
      loaded.ada
        .presence('tasks')
        .track({ userId: 'ada', metadata: { name: 'Ada Lovelace', editing: 't2' } })
      loaded.ada.presence('tasks').subscribe(() => {}) // so Ada's client hears the room
      return loaded
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const { ada } = loaded as Loaded
    const viewers = await canvas.findByRole('list', { name: 'Also on this page' })
    await expect(within(viewers).getByRole('img', { name: 'Ada Lovelace' })).toHaveTextContent('AL')
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    await within(rowOf(canvasElement, 't2') as HTMLElement).findByRole('img', {
      name: 'Ada Lovelace is editing',
    })

    await userEvent.click(canvas.getByRole('button', { name: 'Edit Fix the login bug' }))
    const dialog = await canvas.findByRole('dialog', { name: 'Edit Task' })
    const title = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveValue('Fix the login bug'))
    // Ada hears that you edit it too.
    await waitFor(() =>
      expect(ada.presence('tasks').members.find((m) => m.userId === 'me')?.metadata.editing).toBe(
        't2',
      ),
    )
    await userEvent.type(title, '!')
    await ada.db().collection('tasks').doc('t2').update({ estimate: 8 })
    await expect(await within(dialog).findByText(/changed this document/)).toHaveTextContent(
      'Ada Lovelace changed this document while you were editing it.',
    )
  },
}

/** A button to take this client off the network and back, to watch writes wait. */
function NetworkSwitch({ metal }: { metal: Metal }) {
  const [online, setOnline] = useState(true)
  return (
    <section className="metal-demo-card" aria-label="Simulated network">
      <button
        type="button"
        className="metal-demo-button"
        data-variant="tonal"
        onClick={() => {
          if (online) metal.disableNetwork()
          else metal.enableNetwork()
          setOnline(!online)
        }}
      >
        {online ? 'Go offline' : 'Go online'}
      </button>
    </section>
  )
}

/**
 * Writes show at once and carry a "saving" mark until the backend confirms them; the header
 * counts this page's pending rows. Here the client goes offline, then a bulk change is made.
 */
export const PendingWrites: Story = {
  render: (args, context) => {
    const { metal } = context.loaded as Loaded
    return (
      <MetalProvider client={metal}>
        <div style={{ display: 'grid', gap: 16 }}>
          <NetworkSwitch metal={metal} />
          <CollectionPage {...args} {...onDocsPage(args, context)} />
        </div>
      </MetalProvider>
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    await canvas.findByText('4 items') // counted before going offline
    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }))
    for (const id of ['t1', 't2']) {
      await userEvent.click(within(rowOf(canvasElement, id) as HTMLElement).getByRole('checkbox'))
    }
    await userEvent.click(canvas.getByRole('button', { name: 'Set status' }))
    const dialog = await canvas.findByRole('dialog', { name: 'Set status of 2 items' })
    await userEvent.click(within(dialog).getByRole('combobox', { name: /Value/ }))
    await userEvent.click(within(dialog).getByRole('option', { name: 'done' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Apply' }))

    await waitFor(() => expect(canvas.getByText('2 rows not yet saved')).toBeVisible())
    const row = rowOf(canvasElement, 't1') as HTMLElement
    await expect(within(row).getByRole('img', { name: 'Saving: not yet confirmed' })).toBeVisible()
    await expect(within(row).getByText('done')).toBeVisible()
  },
}

/**
 * Right to left (`dir="rtl"`): the header runs from the right, "New" sits at the left end, the
 * table's columns start on the right, and the dialogs follow.
 */
export const RightToLeft: Story = {
  render: (args, context) => {
    const { metal } = context.loaded as Loaded
    return (
      <MetalProvider client={metal}>
        <div dir="rtl">
          <CollectionPage {...args} {...onDocsPage(args, context)} />
        </div>
      </MetalProvider>
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowCount(canvasElement)).toBe(4))
    const heading = canvas.getByRole('heading', { name: /Tasks/ }).getBoundingClientRect()
    const create = canvas.getByRole('button', { name: 'New' }).getBoundingClientRect()
    await expect(create.right).toBeLessThan(heading.left)
    const [first, second] = canvas.getAllByRole('columnheader', { name: /Title|Status/ })
    await expect(first!.getBoundingClientRect().left).toBeGreaterThan(
      second!.getBoundingClientRect().left,
    )
  },
}
