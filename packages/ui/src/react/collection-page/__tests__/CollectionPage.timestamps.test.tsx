import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import { closeClients, COLUMNS, renderPage, seed, stored, world } from './world.js'

afterEach(() => {
  vi.restoreAllMocks()
  closeClients()
})

const row = (id: string) => document.querySelector<HTMLElement>(`[data-row-id="${id}"]`)
const rowCount = () => document.querySelectorAll('[role="row"][data-row-id]').length
const STAMPS = { createdAt: 'createdAt', updatedAt: 'updatedAt' }

describe('<CollectionPage timestamps>', () => {
  it('stamps createdAt and updatedAt with the server time when the dialog creates', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal, { timestamps: STAMPS, defaultValues: { userId: 'me' } })
    await waitFor(() => expect(rowCount()).toBe(3))
    const before = Date.now()
    await user.click(screen.getByRole('button', { name: 'New' }))
    const dialog = screen.getByRole('dialog', { name: 'New Task' })
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Plan sprint')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(rowCount()).toBe(4))
    const added = Object.values(await stored(metal)).find((t) => t.title === 'Plan sprint')!
    expect(typeof added.createdAt).toBe('number')
    expect(added.createdAt).toBeGreaterThanOrEqual(before)
    expect(added.updatedAt).toBe(added.createdAt)
  })

  it('stamps only updatedAt when the edit dialog, a cell edit or a bulk change writes', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal, {
      t1: { title: 'Write docs', status: 'todo', createdAt: 1, updatedAt: 1 },
      t2: { title: 'Fix bug', status: 'doing', createdAt: 2, updatedAt: 2 },
      t3: { title: 'Ship it', status: 'todo', createdAt: 3, updatedAt: 3 },
    })
    renderPage(metal, {
      timestamps: STAMPS,
      columns: [{ ...COLUMNS[0]!, editable: true }, COLUMNS[1]!],
      bulkActions: [{ label: 'Set status', field: 'status' }],
    })
    await waitFor(() => expect(rowCount()).toBe(3))

    // The edit dialog.
    await user.click(within(row('t2')!).getByRole('button', { name: /^Edit/ }))
    const dialog = screen.getByRole('dialog', { name: 'Edit Task' })
    const input = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(input).toHaveProperty('value', 'Fix bug'))
    await user.type(input, '!')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(async () => expect((await stored(metal)).t2?.title).toBe('Fix bug!'))

    // A cell edit.
    await user.dblClick(within(row('t1')!).getByText('Write docs'))
    const editor = within(screen.getByRole('grid')).getByRole('textbox', { name: 'Title' })
    await user.clear(editor)
    await user.type(editor, 'Write the docs{Enter}')
    await waitFor(async () => expect((await stored(metal)).t1?.title).toBe('Write the docs'))

    // A bulk change.
    await user.click(within(row('t3')!).getByRole('checkbox'))
    await user.click(screen.getByRole('button', { name: 'Set status' }))
    const bulk = await screen.findByRole('dialog', { name: /^Set status/ })
    await user.click(within(bulk).getByRole('combobox', { name: /Value/ }))
    await user.click(screen.getByRole('option', { name: 'done' }))
    await user.click(within(bulk).getByRole('button', { name: 'Apply' }))
    await waitFor(async () => expect((await stored(metal)).t3?.status).toBe('done'))

    const tasks = await stored(metal)
    for (const [id, created] of [
      ['t1', 1],
      ['t2', 2],
      ['t3', 3],
    ] as const) {
      expect(tasks[id]?.createdAt).toBe(created)
      expect(tasks[id]?.updatedAt).toBeGreaterThan(1_000_000)
    }
  })

  it.each([
    [{ createdAt: 'a.b' }, /<CollectionPage>: timestamps\.createdAt must be a top-level field/],
    [{ updatedAt: 3 }, /<CollectionPage>: timestamps\.updatedAt must be a top-level field/],
    [{ editedAt: 'x' }, /<CollectionPage>: timestamps must be an object with createdAt/],
    ['updatedAt', /<CollectionPage>: timestamps must be an object/],
  ])('rejects timestamps %j with a MetalError naming the field', (timestamps, message) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const metal = world()()
    let thrown: unknown
    try {
      renderPage(metal, { timestamps } as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MetalError)
    expect((thrown as Error).message).toMatch(message)
  })
})
