import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { DataTable } from '../DataTable.js'
import type { DataTableToolbarContext } from '../DataTable.types.js'
import type { DataTableCellContext } from '../DataTableRow.js'

interface Person {
  id: string
  name: string
  age: number
  role: string
}

const PEOPLE: Person[] = Array.from({ length: 12 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Person ${String(i + 1).padStart(2, '0')}`,
  age: 20 + i,
  role: i % 2 ? 'user' : 'admin',
}))
const columns: DataTableColumn<Person>[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number', editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
]

const grid = () => screen.getByRole('grid', { name: 'People' })
const bodyRows = () => within(grid()).getAllByRole('row').slice(1)

describe('<DataTable> (Vue) slots', { timeout: 30_000 }, () => {
  it('renders cells through cell-<column id>, else cell, else the text', () => {
    mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, defaultPageSize: 5 },
      slots: {
        'cell-role': (cell: DataTableCellContext<Person>) =>
          h('mark', { 'data-row': cell.rowId }, cell.text.toUpperCase()),
        cell: (cell: DataTableCellContext<Person>) =>
          cell.column.id === 'age' ? h('b', `${cell.value as number} y`) : cell.text,
      },
      attachTo: document.body,
    })
    const cells = within(bodyRows()[1] as HTMLElement).getAllByRole('gridcell')
    expect(cells[0]?.textContent).toBe('Person 02')
    expect(cells[1]?.querySelector('b')?.textContent).toBe('21 y')
    expect(cells[2]?.querySelector('mark')?.outerHTML).toBe('<mark data-row="p2">USER</mark>')
  })

  it('gives toolbar-actions the selection, its count and the selected ids', async () => {
    const user = userEvent.setup()
    const seen: DataTableToolbarContext[] = []
    const removed = vi.fn()
    mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, defaultPageSize: 5, selectable: true },
      slots: {
        'toolbar-actions': (context: DataTableToolbarContext) => {
          seen.push(context)
          return h(
            'button',
            {
              disabled: context.selectedCount === 0,
              onClick: async () => {
                removed(await context.getSelectedIds())
                context.clearSelection()
              },
            },
            `Delete ${context.selectedCount}`,
          )
        },
      },
      attachTo: document.body,
    })
    expect(screen.getByRole('button', { name: 'Delete 0' })).toHaveProperty('disabled', true)
    await user.click(screen.getByRole('checkbox', { name: 'Select all rows on this page' }))
    await user.click(screen.getByRole('button', { name: 'Select all 12 matching rows' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select row p3' }))
    expect(seen.at(-1)?.selection).toEqual({ all: true, ids: ['p3'] })
    await user.click(screen.getByRole('button', { name: 'Delete 11' }))
    expect(removed).toHaveBeenCalledWith(PEOPLE.filter((p) => p.id !== 'p3').map((p) => p.id))
    expect(screen.getByRole('button', { name: 'Delete 0' })).toBeTruthy()
  })

  it('shows the empty slot for no rows and the error slot with the error and retry', async () => {
    const user = userEvent.setup()
    const onRetry = vi.fn()
    const wrapper = mount(DataTable<Person>, {
      props: { label: 'People', rows: [], columns },
      slots: {
        empty: () => h('p', 'Nobody here yet'),
        error: ({ error, retry }: { error: Error; retry: () => void }) =>
          h('button', { onClick: retry }, `Try again (${error.message})`),
      },
      attachTo: document.body,
    })
    expect(screen.getByRole('status').textContent).toBe('Nobody here yet')
    await wrapper.setProps({ error: new Error('Offline'), onRetry })
    const alert = screen.getByRole('alert')
    await user.click(within(alert).getByRole('button', { name: 'Try again (Offline)' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })
})

describe('<DataTable> (Vue) emits', { timeout: 30_000 }, () => {
  it('emits rowActivate on Enter or a double-click of a read-only cell', async () => {
    const user = userEvent.setup()
    const onRowActivate = vi.fn()
    const wrapper = mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, defaultPageSize: 5, onRowActivate },
      attachTo: document.body,
    })
    await user.dblClick(within(bodyRows()[1] as HTMLElement).getByText('Person 02'))
    expect(onRowActivate).toHaveBeenLastCalledWith(PEOPLE[1], 'p2')
    await user.keyboard('{ArrowDown}{Enter}')
    expect(onRowActivate).toHaveBeenLastCalledWith(PEOPLE[2], 'p3')
    expect(wrapper.emitted('rowActivate')).toHaveLength(2)
    // Moving focus changes no rows.
    expect(wrapper.emitted('rowsChange')).toHaveLength(1)
  })

  it('emits rowsChange with the page on screen and layoutChange when a column is hidden', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, defaultPageSize: 5 },
      attachTo: document.body,
    })
    expect(wrapper.emitted('rowsChange')?.at(-1)).toEqual([PEOPLE.slice(0, 5)])
    await user.click(within(grid()).getByRole('columnheader', { name: 'Age' }))
    await user.click(within(grid()).getByRole('columnheader', { name: 'Age' }))
    expect(wrapper.emitted('rowsChange')?.at(-1)).toEqual([PEOPLE.slice(-5).reverse()])
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    await user.click(screen.getByRole('checkbox', { name: 'Role' }))
    expect(wrapper.emitted('layoutChange')?.at(-1)).toEqual([
      { hidden: ['role'], widths: {}, pinned: { left: [], right: [] }, density: 'standard' },
    ])
    expect(within(grid()).queryByRole('columnheader', { name: 'Role' })).toBeNull()
  })

  it('awaits onCellEdit (bound as @cell-edit) and rolls back when it rejects', async () => {
    const user = userEvent.setup()
    const onCellEdit = vi.fn(() => Promise.reject(new Error('Locked')))
    mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, defaultPageSize: 5, onCellEdit },
      attachTo: document.body,
    })
    const cell = within(bodyRows()[0] as HTMLElement).getAllByRole('gridcell')[1] as HTMLElement
    await user.dblClick(cell)
    await user.clear(within(grid()).getByRole('textbox', { name: 'Age' }))
    await user.keyboard('33{Enter}')
    expect(onCellEdit).toHaveBeenCalledWith(PEOPLE[0], 'age', 33)
    await vi.waitFor(() => expect(within(cell).getByRole('alert').textContent).toBe('Locked'))
    expect(cell.querySelector('[data-part="cell-value"]')?.textContent).toBe('20')
  })

  it('refuses a table without rows or collection with a MetalError naming <DataTable>', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() =>
      mount(DataTable<Person>, { props: { label: 'People', columns } as never }),
    ).toThrow('<DataTable>: rows must be an array (or a `collection`)')
    expect(() =>
      mount(DataTable<Person>, {
        props: { label: 'People', rows: PEOPLE, columns: [{ field: 'x', header: 'X', width: 0 }] },
      }),
    ).toThrow('<DataTable>: columns[0].width must be a positive number of pixels, got 0')
    vi.mocked(console.warn).mockRestore()
  })
})
