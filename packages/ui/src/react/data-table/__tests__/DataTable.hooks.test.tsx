import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableToolbarContext } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { twoClients } from './metalTestClients.js'

// What a page built on the table plugs in: custom cell content, opening a row, the page's rows,
// and toolbar actions that act on the selection.

interface Fruit {
  id: string
  name: string
  colour: string
}

const FRUIT: Fruit[] = [
  { id: 'f1', name: 'Apple', colour: 'red' },
  { id: 'f2', name: 'Banana', colour: 'yellow' },
  { id: 'f3', name: 'Cherry', colour: 'red' },
]

const columns: DataTableColumn<Fruit>[] = [
  { field: 'name', header: 'Name', editable: true },
  { field: 'colour', header: 'Colour' },
  { id: 'tag', header: 'Tag', type: 'custom' },
]

const grid = () => screen.getByRole('grid', { name: 'Fruit' })
const cell = (row: number, col: number) =>
  within(within(grid()).getAllByRole('row')[row] as HTMLElement).getAllByRole('gridcell')[
    col
  ] as HTMLElement

let clients: ReturnType<typeof twoClients> | undefined
afterEach(() => {
  clients?.close()
  clients = undefined
})

describe('<DataTable> renderCell', () => {
  it('renders custom content in the cells it answers, and the text elsewhere', () => {
    render(
      <DataTable
        label="Fruit"
        rows={FRUIT}
        columns={columns}
        renderCell={({ row, column, text }) =>
          column.id === 'tag' ? (
            <mark>{row.name.toUpperCase()}</mark>
          ) : column.id === 'colour' ? (
            `[${text}]`
          ) : undefined
        }
      />,
    )
    expect(cell(1, 0).textContent).toBe('Apple')
    expect(cell(1, 1).textContent).toBe('[red]')
    expect(within(cell(1, 2)).getByText('APPLE').tagName).toBe('MARK')
  })
})

describe('<DataTable> onRowActivate', () => {
  it('opens a row on Enter or double-click in a cell that is not editable', async () => {
    const user = userEvent.setup()
    const onRowActivate = vi.fn()
    render(<DataTable label="Fruit" rows={FRUIT} columns={columns} onRowActivate={onRowActivate} />)
    await user.click(cell(2, 1))
    await user.keyboard('{Enter}')
    expect(onRowActivate).toHaveBeenLastCalledWith(FRUIT[1], 'f2')
    await user.dblClick(cell(3, 2))
    expect(onRowActivate).toHaveBeenLastCalledWith(FRUIT[2], 'f3')
    expect(onRowActivate).toHaveBeenCalledTimes(2)
  })

  it('leaves Enter on an editable cell to inline editing', async () => {
    const user = userEvent.setup()
    const onRowActivate = vi.fn()
    render(<DataTable label="Fruit" rows={FRUIT} columns={columns} onRowActivate={onRowActivate} />)
    await user.click(cell(1, 0))
    await user.keyboard('{Enter}')
    expect(within(cell(1, 0)).getByRole('textbox', { name: 'Name' })).toBeTruthy()
    expect(onRowActivate).not.toHaveBeenCalled()
  })
})

describe('<DataTable> onRowsChange', () => {
  it("reports the page's rows as they change", async () => {
    const user = userEvent.setup()
    const onRowsChange = vi.fn()
    render(
      <DataTable
        label="Fruit"
        rows={FRUIT}
        columns={columns}
        defaultPageSize={2}
        onRowsChange={onRowsChange}
      />,
    )
    expect(onRowsChange).toHaveBeenLastCalledWith([FRUIT[0], FRUIT[1]])
    await user.click(screen.getByRole('button', { name: /next page/i }))
    expect(onRowsChange).toHaveBeenLastCalledWith([FRUIT[2]])
  })
})

describe('<DataTable> toolbarActions as a function', () => {
  function Actions({
    context,
    onIds,
  }: {
    context: DataTableToolbarContext
    onIds: (ids: string[]) => void
  }) {
    return (
      <>
        <output aria-label="count">{String(context.selectedCount)}</output>
        <button type="button" onClick={() => void context.getSelectedIds().then(onIds)}>
          Act
        </button>
        <button type="button" onClick={context.clearSelection}>
          Drop
        </button>
      </>
    )
  }

  it('gets the selection, resolves "all matching" to ids and can clear it (unbound)', async () => {
    const user = userEvent.setup()
    const onIds = vi.fn()
    render(
      <DataTable
        label="Fruit"
        rows={FRUIT}
        columns={columns}
        selectable
        defaultPageSize={2}
        toolbarActions={(context) => <Actions context={context} onIds={onIds} />}
      />,
    )
    await user.click(screen.getByRole('checkbox', { name: /select all rows on this page/i }))
    await user.click(screen.getByRole('button', { name: /Select all 3/ }))
    await user.click(within(grid()).getAllByRole('checkbox')[2] as HTMLElement) // leave out f2
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/2 selected/)
    expect(screen.getByLabelText('count').textContent).toBe('2')
    await user.click(screen.getByRole('button', { name: 'Act' }))
    await waitFor(() => expect(onIds).toHaveBeenCalledWith(['f1', 'f3']))

    await user.click(screen.getByRole('button', { name: 'Drop' }))
    expect(screen.getByLabelText('count').textContent).toBe('0')
  })

  it('reads the matching rows from the collection when bound, filters applied', async () => {
    const user = userEvent.setup()
    clients = twoClients()
    await clients.seed('fruit', {
      f1: { name: 'Apple', colour: 'red' },
      f2: { name: 'Banana', colour: 'yellow' },
      f3: { name: 'Cherry', colour: 'red' },
    })
    const onIds = vi.fn()
    render(
      <DataTable
        label="Fruit"
        collection="fruit"
        query={(q) => q.where('colour', '==', 'red')}
        columns={columns}
        selectable
        defaultPageSize={1}
        toolbarActions={(context) => <Actions context={context} onIds={onIds} />}
      />,
      { wrapper: clients.wrapper },
    )
    await screen.findByText('Apple')
    await user.click(screen.getByRole('checkbox', { name: /select all rows on this page/i }))
    await user.click(await screen.findByRole('button', { name: /Select all 2/ }))
    await user.click(screen.getByRole('button', { name: 'Act' }))
    await waitFor(() => expect(onIds).toHaveBeenCalledWith(['f1', 'f3']))
  })
})
