import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'

// No native <select>, checkbox or date input anywhere in the grid: choices are <Select>s,
// selection boxes and filters are the Material controls.

interface Pet {
  id: string
  name: string
  kind: string
  born: number
  vaccinated: boolean
}

const PETS: Pet[] = [
  { id: 'a', name: 'Ace', kind: 'cat', born: Date.UTC(2020, 0, 1), vaccinated: true },
  { id: 'b', name: 'Bo', kind: 'dog', born: Date.UTC(2021, 5, 1), vaccinated: false },
]

const columns: DataTableColumn<Pet>[] = [
  { field: 'name', header: 'Name' },
  { field: 'kind', header: 'Kind', type: 'enum', options: ['cat', 'dog'], editable: true },
  { field: 'born', header: 'Born', type: 'date', editable: true },
  { field: 'vaccinated', header: 'Vaccinated', type: 'boolean' },
]

const grid = () => screen.getByRole('grid', { name: 'Pets' })
const cell = (row: number, col: number) =>
  within(within(grid()).getAllByRole('row')[row] as HTMLElement).getAllByRole('gridcell')[
    col
  ] as HTMLElement

describe('<DataTable> editors and filters', () => {
  it('edits an enum cell with a Select and saves the pick', async () => {
    const user = userEvent.setup()
    const onCellEdit = vi.fn()
    render(
      <DataTable label="Pets" rows={PETS} columns={columns} selectable onCellEdit={onCellEdit} />,
    )
    await user.dblClick(cell(1, 2))
    const select = within(grid()).getByRole('combobox', { name: 'Kind' })
    await waitFor(() => expect(document.activeElement).toBe(select))
    await user.keyboard('{ArrowDown}')
    await user.click(await screen.findByRole('option', { name: 'dog' }))
    await waitFor(() => expect(onCellEdit).toHaveBeenCalledWith(PETS[0], 'kind', 'dog'))
    expect(within(grid()).queryByRole('combobox')).toBeNull()
  })

  it('renders no native select, checkbox or date input, in the grid or its panels', async () => {
    const user = userEvent.setup()
    const { container } = render(
      <DataTable label="Pets" rows={PETS} columns={columns} selectable />,
    )
    await user.dblClick(cell(1, 3))
    expect(screen.getByRole('textbox', { name: 'Born' }).getAttribute('type')).toBe('text')
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: 'Filters' }))
    // Everything but the pagination (which renders its own rows-per-page control).
    const nav = screen.getByRole('navigation', { name: / pages$/ })
    const inTable = (selector: string) =>
      [...container.querySelectorAll(selector)].filter((el) => !nav.contains(el))
    expect(inTable('select')).toEqual([])
    expect(inTable('input[type="date"]')).toEqual([])
    // Checkboxes keep a visually hidden native input inside the Material control.
    for (const box of inTable('input[type="checkbox"]')) {
      expect(box.closest('[data-scope="checkbox"]')).not.toBeNull()
    }
    expect(screen.getByRole('combobox', { name: 'Vaccinated' })).toBeTruthy()
  })
})

describe('<DataTable> selection checkbox', () => {
  it('a click toggles the row and leaves focus on the cell, so Space toggles it back once', async () => {
    const user = userEvent.setup()
    render(<DataTable label="Pets" rows={PETS} columns={columns} selectable />)
    const box = screen.getByRole('checkbox', { name: 'Select row a' })
    await user.click(box)
    const row = () => within(grid()).getAllByRole('row')[1] as HTMLElement
    expect(row().getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(cell(1, 0))
    await user.keyboard(' ')
    expect(row().getAttribute('aria-selected')).toBe('false')
  })
})
