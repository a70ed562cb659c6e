import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import { closeClients, renderPage, seed, stored, world } from './world.js'

afterEach(() => {
  vi.restoreAllMocks()
  closeClients()
})

const row = (id: string) => document.querySelector<HTMLElement>(`[data-row-id="${id}"]`)
const rowCount = () => document.querySelectorAll('[role="row"][data-row-id]').length

/** Checks the row's checkbox (its label is the table's "Select row <id>"). */
async function select(user: ReturnType<typeof userEvent.setup>, id: string) {
  await user.click(within(row(id) as HTMLElement).getByRole('checkbox'))
}

describe('<CollectionPage> props', () => {
  it.each([
    ['collection', { collection: '' }, /<CollectionPage>: collection must be a collection path/],
    ['collection', { collection: 'tasks/t1' }, /collection must be .*got 'tasks\/t1'/],
    ['columns', { columns: [] }, /<CollectionPage>: columns must be a non-empty array/],
    ['columns', { columns: [{ field: 'title' }] }, /<CollectionPage>: columns\[0\]\.header/],
    ['schema', { schema: null }, /<CollectionPage>: schema must be an entity definition/],
    ['schema', { schema: { name: 'task', fields: 'x' } }, /<CollectionPage>: schema\.fields/],
    ['bulkActions', { bulkActions: [{ label: 'Set', field: 'title' }] }, /bulkActions\[0\]\.field/],
    ['bulkActions', { bulkActions: [{ label: 'Go', run: 1 }] }, /bulkActions\[0\]\.run/],
  ])('rejects a bad %s with a MetalError naming it', (_, props, message) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const metal = world()()
    let thrown: unknown
    try {
      renderPage(metal, props as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MetalError)
    expect((thrown as MetalError).code).toBe('invalid-argument')
    expect((thrown as Error).message).toMatch(message)
  })
})

describe('<CollectionPage> table', () => {
  it('lists the collection live, with a live count in the header', async () => {
    const client = world()
    const metal = client()
    const other = client()
    await seed(metal)
    renderPage(metal)
    expect(screen.getByRole('heading', { level: 1, name: 'Tasks' })).toBeTruthy()
    await waitFor(() => expect(rowCount()).toBe(3))
    await waitFor(() => expect(screen.getByText('3 items')).toBeTruthy())

    await act(() => other.db().collection('tasks').doc('t4').set({ title: 'New one' }))
    await waitFor(() => expect(rowCount()).toBe(4))
    await waitFor(() => expect(screen.getByText('4 items')).toBeTruthy())
  })

  it('narrows the table and the count by the base query', async () => {
    const metal = world()()
    await seed(metal)
    renderPage(metal, { query: (q) => q.where('status', '==', 'todo') })
    await waitFor(() => expect(rowCount()).toBe(2))
    await waitFor(() => expect(screen.getByText('2 items')).toBeTruthy())
  })
})

describe('<CollectionPage> create and edit', () => {
  it('"New" opens a dialog whose form adds a document with the default values', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal, { defaultValues: { userId: 'me', status: 'todo' } })
    await waitFor(() => expect(rowCount()).toBe(3))

    await user.click(screen.getByRole('button', { name: 'New' }))
    const dialog = screen.getByRole('dialog', { name: 'New Task' })
    expect(within(dialog).getByRole('combobox', { name: 'Status' }).textContent).toBe('todo')
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Plan sprint')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(rowCount()).toBe(4))
    const added = Object.values(await stored(metal)).find((t) => t.title === 'Plan sprint')
    expect(added).toEqual({ title: 'Plan sprint', status: 'todo', userId: 'me' })
  })

  it('Enter on a row opens its edit form; saving updates the document', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal)
    await waitFor(() => expect(rowCount()).toBe(3))

    const title = within(row('t2') as HTMLElement).getByText('Fix bug')
    await user.click(title)
    await user.keyboard('{Enter}')
    const dialog = screen.getByRole('dialog', { name: 'Edit Task' })
    const input = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(input).toHaveProperty('value', 'Fix bug'))
    await user.clear(input)
    await user.type(input, 'Fix the bug')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect((await stored(metal)).t2).toEqual({
      title: 'Fix the bug',
      status: 'doing',
      userId: 'me',
    })
  })

  it("a row's edit button opens the same form; Cancel closes it without writing", async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal)
    await waitFor(() => expect(rowCount()).toBe(3))
    await user.click(screen.getByRole('button', { name: 'Edit Ship it' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit Task' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect((await stored(metal)).t3?.title).toBe('Ship it')
  })

  it('Escape closes a dialog and focus goes back to the button that opened it', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal)
    const opener = screen.getByRole('button', { name: 'New' })
    await user.click(opener)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('hides New, edit and delete when the app says the user may not', async () => {
    const metal = world()()
    await seed(metal)
    renderPage(metal, { canCreate: false, canEdit: false, canDelete: false })
    await waitFor(() => expect(rowCount()).toBe(3))
    expect(screen.queryByRole('button', { name: 'New' })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Edit / })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull()
    expect(document.querySelectorAll('[data-part="select-row"]')).toHaveLength(0)
  })
})

describe('<CollectionPage> delete', () => {
  it("a row's delete asks first; Cancel keeps the row, Delete removes it", async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal)
    await waitFor(() => expect(rowCount()).toBe(3))

    await user.click(screen.getByRole('button', { name: 'Delete Fix bug' }))
    let confirm = screen.getByRole('alertdialog', { name: 'Delete 1 item?' })
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }))
    expect(Object.keys(await stored(metal))).toEqual(['t1', 't2', 't3'])

    await user.click(screen.getByRole('button', { name: 'Delete Fix bug' }))
    confirm = screen.getByRole('alertdialog', { name: 'Delete 1 item?' })
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(rowCount()).toBe(2))
    expect(Object.keys(await stored(metal))).toEqual(['t1', 't3'])
  })

  it('deletes the selection after one confirmation, and clears the selection', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal)
    await waitFor(() => expect(rowCount()).toBe(3))
    await select(user, 't1')
    await select(user, 't3')

    await user.click(screen.getByRole('button', { name: 'Delete selected' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete 2 items?' })
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(rowCount()).toBe(1))
    expect(Object.keys(await stored(metal))).toEqual(['t2'])
    expect(screen.queryByRole('button', { name: 'Delete selected' })).toBeNull()
  })
})

describe('<CollectionPage> bulk actions', () => {
  it('sets an enum field of every selected row to the picked value, in one batch', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal, { bulkActions: [{ label: 'Set status', field: 'status' }] })
    await waitFor(() => expect(rowCount()).toBe(3))
    await select(user, 't1')
    await select(user, 't2')
    const batch = vi.spyOn(metal.db(), 'batch')

    await user.click(screen.getByRole('button', { name: 'Set status' }))
    const dialog = await screen.findByRole('dialog', { name: 'Set status of 2 items' })
    await user.click(within(dialog).getByRole('combobox', { name: /Value/ }))
    await user.click(screen.getByRole('option', { name: 'done' }))
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))

    await waitFor(async () => {
      const tasks = await stored(metal)
      expect([tasks.t1?.status, tasks.t2?.status, tasks.t3?.status]).toEqual([
        'done',
        'done',
        'todo',
      ])
    })
    expect(batch).toHaveBeenCalledTimes(1)
  })

  it('runs a custom action with the selected ids, "select all matching" included', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    const run = vi.fn()
    renderPage(metal, {
      bulkActions: [{ label: 'Archive', run }],
      tableProps: { defaultPageSize: 2 },
    })
    await waitFor(() => expect(rowCount()).toBe(2))
    await user.click(screen.getByRole('checkbox', { name: /select all rows on this page/i }))
    await user.click(screen.getByRole('button', { name: /Select all 3/ }))

    await user.click(screen.getByRole('button', { name: 'Archive' }))
    await waitFor(() => expect(run).toHaveBeenCalledWith(['t1', 't2', 't3']))
  })

  it('shows a refused write in the alert region until dismissed', async () => {
    const user = userEvent.setup()
    // Everyone reads; only the signed-in admin writes.
    const client = world({
      rules: ({ op, auth }) => op === 'get' || op === 'list' || auth?.userId === 'admin',
    })
    const metal = client()
    const admin = client()
    await admin.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'admin' } })
    await seed(admin)
    renderPage(metal, { bulkActions: [{ label: 'Set status', field: 'status' }] })
    await waitFor(() => expect(rowCount()).toBe(3))
    await select(user, 't1')
    await user.click(screen.getByRole('button', { name: 'Set status' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Apply' }))

    const alert = await screen.findByText(/^Not saved: /)
    expect(alert.closest('[role="alert"]')).toBeTruthy()
    expect(alert.textContent).toBe(
      "Not saved: update of 'tasks/t1' is not allowed without signing in",
    )
    expect((await stored(admin)).t1?.status).toBe('todo')
    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText(/^Not saved: /)).toBeNull()
  })
})
