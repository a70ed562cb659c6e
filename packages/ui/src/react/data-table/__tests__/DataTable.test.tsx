import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'

interface Person {
  id: string
  name: string
  age: number
  role: string
  address: { city: string }
}

const PEOPLE: Person[] = Array.from({ length: 45 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Person ${String(i + 1).padStart(2, '0')}`,
  age: 20 + ((i * 7) % 40),
  role: i % 3 === 0 ? 'admin' : 'user',
  address: { city: i % 2 ? 'Lima' : 'Oslo' },
}))

const columns: DataTableColumn<Person>[] = [
  { field: 'name', header: 'Name', editable: true, validate: (v) => (v ? null : 'Required') },
  { field: 'age', header: 'Age', type: 'number', editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
  { field: 'address.city', header: 'City' },
]

const grid = () => screen.getByRole('grid', { name: 'People' })
const bodyRows = () => within(grid()).getAllByRole('row').slice(1)
const column = (n: number) =>
  bodyRows().map((r) => within(r).getAllByRole('gridcell')[n]?.textContent)
const header = (name: string) =>
  within(grid()).getByRole('columnheader', { name: new RegExp(name) })

describe('<DataTable> unbound', () => {
  it('renders a labelled grid with aria-rowcount over all matching rows and the first page', () => {
    render(<DataTable label="People" rows={PEOPLE} columns={columns} defaultPageSize={10} />)
    expect(grid()?.getAttribute('aria-rowcount')).toBe('46')
    expect(bodyRows()).toHaveLength(10)
    expect(bodyRows()[0]?.getAttribute('aria-rowindex')).toBe('2')
    expect(column(3)?.[1]).toBe('Lima') // dotted field
    expect(screen.getByRole('navigation', { name: 'People pages' })?.textContent).toContain(
      '1–10 of 45',
    )
  })

  it('sorts on header click with aria-sort, and multi-sorts with shift-click', async () => {
    const user = userEvent.setup()
    render(<DataTable label="People" rows={PEOPLE} columns={columns} defaultPageSize={50} />)
    await user.click(header('Role'))
    expect(header('Role')?.getAttribute('aria-sort')).toBe('ascending')
    await user.keyboard('{Shift>}')
    await user.click(header('Age'))
    await user.click(header('Age'))
    await user.keyboard('{/Shift}')
    expect(header('Age')?.getAttribute('aria-sort')).toBe('none') // only the first key is announced
    expect(header('Age')?.getAttribute('data-sort-index')).toBe('2')
    const ages = column(1).map(Number)
    const roles = column(2)
    expect(roles.slice(0, 15).every((r) => r === 'admin')).toBe(true)
    expect(ages.slice(0, 15)).toEqual([...ages.slice(0, 15)].sort((a, b) => b - a))
  })

  it('pages through Pagination and keeps aria-rowindex counting from the first row', async () => {
    const user = userEvent.setup()
    render(<DataTable label="People" rows={PEOPLE} columns={columns} defaultPageSize={20} />)
    await user.click(screen.getByRole('button', { name: 'Page 3' }))
    expect(bodyRows()).toHaveLength(5)
    expect(bodyRows()[0]?.getAttribute('aria-rowindex')).toBe('42')
    expect(column(0)[0]).toBe('Person 41')
  })

  it('quick-searches and filters by type, back on page 1', async () => {
    const user = userEvent.setup()
    render(<DataTable label="People" rows={PEOPLE} columns={columns} defaultPageSize={10} />)
    await user.click(screen.getByRole('button', { name: 'Page 2' }))
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'person 1')
    expect(column(0)).toEqual(Array.from({ length: 10 }, (_, i) => `Person 1${i}`))
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }))
    await user.click(screen.getByRole('button', { name: 'Filters' }))
    await user.type(screen.getByRole('spinbutton', { name: 'Age from' }), '55')
    await user.click(screen.getByRole('checkbox', { name: 'admin' }))
    expect(column(1).every((a) => Number(a) >= 55)).toBe(true)
    expect(column(2).every((r) => r === 'admin')).toBe(true)
    expect(grid()?.getAttribute('aria-rowcount')).toBe(String(column(0).length + 1))
  })

  it('shows the empty and loading states', () => {
    const { rerender } = render(<DataTable label="People" rows={[]} columns={columns} loading />)
    expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy()
    expect(screen.queryByText(/0 of 0/)).toBeNull()
    expect(screen.queryByRole('status')).toBeNull()
    rerender(<DataTable label="People" rows={[]} columns={columns} />)
    expect(screen.getByRole('status')?.textContent).toContain('No rows')
  })

  it('selects a page, then all matching rows, and keeps it across pages', async () => {
    const user = userEvent.setup()
    const onSelectionChange = vi.fn()
    render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        defaultPageSize={10}
        selectable
        onSelectionChange={onSelectionChange}
      />,
    )
    expect(grid()?.getAttribute('aria-multiselectable')).toBe('true')
    await user.click(screen.getByRole('checkbox', { name: 'Select all rows on this page' }))
    expect(bodyRows().every((r) => r.getAttribute('aria-selected') === 'true')).toBe(true)
    expect(screen.getByText('10 selected')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Select all 45 matching rows' }))
    expect(screen.getByText('45 selected')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Page 3' }))
    expect(bodyRows().every((r) => r.getAttribute('aria-selected') === 'true')).toBe(true)
    await user.click(screen.getByRole('checkbox', { name: 'Select row p21' }))
    expect(screen.getByText('44 selected')).toBeTruthy()
    expect(onSelectionChange).toHaveBeenLastCalledWith({ all: true, ids: ['p21'] })
    const selectPage = screen.getByRole('checkbox', { name: 'Select all rows on this page' })
    expect((selectPage as HTMLInputElement).indeterminate).toBe(true)
  })

  it('moves focus like a WAI-ARIA grid: arrows, Home/End, Ctrl+End, PageDown', async () => {
    const user = userEvent.setup()
    render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        defaultPageSize={20}
        height={260}
        rowHeight={52}
      />,
    )
    const first = header('Name')
    expect(first?.getAttribute('tabindex')).toBe('0')
    act(() => first.focus())
    await user.keyboard('{ArrowDown}{ArrowRight}')
    expect(document.activeElement?.textContent).toContain(String(PEOPLE[0]?.age))
    await user.keyboard('{End}')
    expect(document.activeElement?.textContent).toContain('Oslo')
    await user.keyboard('{Home}')
    expect(document.activeElement?.textContent).toContain('Person 01')
    await user.keyboard('{PageDown}') // 260/52 - 1 = 4 rows
    expect(document.activeElement?.textContent).toContain('Person 05')
    await user.keyboard('{Control>}{End}{/Control}')
    expect(document.activeElement?.textContent).toContain('Lima')
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe(
      '21',
    )
    expect(
      within(grid())
        .getAllByRole('gridcell')
        .filter((c) => c.tabIndex === 0),
    ).toHaveLength(1)
  })

  it('edits with Enter, validates, and writes through onCellEdit', async () => {
    const user = userEvent.setup()
    const onCellEdit = vi.fn(() => new Promise(() => {})) // still being written
    render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        defaultPageSize={5}
        onCellEdit={onCellEdit}
      />,
    )
    act(() => header('Name').focus())
    await user.keyboard('{ArrowDown}{Enter}')
    const editor = within(grid()).getByRole('textbox', { name: 'Name' })
    expect(editor as HTMLInputElement).toHaveProperty('value', 'Person 01')
    await user.clear(editor)
    await user.keyboard('{Enter}')
    expect(editor?.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert')?.textContent).toContain('Required')
    await user.type(editor, 'Ada{Enter}')
    expect(onCellEdit).toHaveBeenCalledWith(PEOPLE[0], 'name', 'Ada')
    expect(onCellEdit).toHaveBeenCalledTimes(1)
    expect(column(0)[0]).toBe('Ada') // shown at once
    expect(document.activeElement?.textContent).toContain('Ada')
  })

  it('rolls an edit back and shows the error on the cell when the write fails', async () => {
    const user = userEvent.setup()
    let reject: (e: Error) => void = () => {}
    const onCellEdit = vi.fn(() => new Promise((_, r) => (reject = r)))
    render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        defaultPageSize={5}
        onCellEdit={onCellEdit}
      />,
    )
    const cell = bodyRows()[0]?.querySelectorAll('[role="gridcell"]')[1] as HTMLElement
    await user.dblClick(cell)
    const editor = within(grid()).getByRole('textbox', { name: 'Age' })
    await user.clear(editor)
    await user.type(editor, '99{Enter}')
    expect(column(1)[0]).toBe('99')
    await act(async () => reject(new Error('Not allowed')))
    expect(column(1)[0]).toContain(String(PEOPLE[0]?.age))
    expect(cell?.getAttribute('aria-invalid')).toBe('true')
    expect(within(cell).getByRole('alert')?.textContent).toContain('Not allowed')
  })

  it('cancels an edit with Escape', async () => {
    const user = userEvent.setup()
    const onCellEdit = vi.fn()
    render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        defaultPageSize={5}
        onCellEdit={onCellEdit}
      />,
    )
    act(() => header('Name').focus())
    await user.keyboard('{ArrowDown}{Enter}x{Escape}')
    expect(within(grid()).queryByRole('textbox', { name: 'Name' })).toBeNull()
    expect(onCellEdit).not.toHaveBeenCalled()
    expect(column(0)[0]).toBe('Person 01')
  })

  it('hides columns and resizes them by keyboard and pointer, persisting the layout', async () => {
    const user = userEvent.setup()
    localStorage.clear()
    const onLayoutChange = vi.fn()
    const { unmount } = render(
      <DataTable
        label="People"
        rows={PEOPLE}
        columns={columns}
        persistKey="people"
        onLayoutChange={onLayoutChange}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    await user.click(screen.getByRole('checkbox', { name: 'City' }))
    expect(within(grid()).queryByRole('columnheader', { name: /City/ })).toBeNull()
    const handle = screen.getByRole('separator', { name: 'Resize Name' })
    expect(handle.tabIndex).toBe(-1) // not a tab stop: the header resizes its column by keyboard
    const nameHeader = within(grid()).getByRole('columnheader', { name: /Name/ })
    act(() => nameHeader.focus())
    await user.keyboard('{Control>}{ArrowRight}{Shift>}{ArrowRight}{/Shift}{/Control}')
    expect(handle?.getAttribute('aria-valuenow')).toBe('220')
    expect(document.activeElement).toBe(nameHeader)
    fireEvent.pointerDown(handle, { clientX: 100 })
    fireEvent.pointerMove(window, { clientX: 130 })
    fireEvent.pointerUp(window)
    expect(handle?.getAttribute('aria-valuenow')).toBe('250')
    expect(onLayoutChange).toHaveBeenLastCalledWith({
      hidden: ['address.city'],
      widths: { name: 250 },
      pinned: { left: [], right: [] },
      density: 'standard',
    })
    unmount()
    render(<DataTable label="People" rows={PEOPLE} columns={columns} persistKey="people" />)
    expect(
      screen.getByRole('separator', { name: 'Resize Name' })?.getAttribute('aria-valuenow'),
    ).toBe('250')
    expect(within(grid()).queryByRole('columnheader', { name: /City/ })).toBeNull()
  })

  it('virtualizes long pages: few rows in the DOM, aria-rowindex still right', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      ...PEOPLE[0],
      id: `r${i}`,
      name: `Row ${i}`,
    })) as Person[]
    // jsdom lays nothing out: give every element the height of the scrolling body.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480)
    render(<DataTable label="People" rows={many} columns={columns} defaultPageSize={1000} />)
    height.mockRestore()
    const rendered = bodyRows()
    expect(rendered.length).toBeGreaterThan(0)
    expect(rendered.length).toBeLessThan(60)
    expect(grid()?.getAttribute('aria-rowcount')).toBe('2001')
    expect(rendered[0]?.getAttribute('aria-rowindex')).toBe('2')
  })

  it('highlights rows that change in place', async () => {
    vi.useFakeTimers()
    try {
      const { rerender } = render(
        <DataTable label="People" rows={PEOPLE} columns={columns} defaultPageSize={5} />,
      )
      const changed = PEOPLE.map((p) => (p.id === 'p2' ? { ...p, age: 77 } : p))
      rerender(<DataTable label="People" rows={changed} columns={columns} defaultPageSize={5} />)
      expect(bodyRows()[1]?.hasAttribute('data-changed')).toBe(true)
      expect(bodyRows()[0]?.hasAttribute('data-changed')).toBe(false)
      await act(async () => vi.advanceTimersByTime(1600))
      expect(bodyRows()[1]?.hasAttribute('data-changed')).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('rejects bad columns with a MetalError naming <DataTable>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() =>
      render(
        <DataTable
          label="People"
          rows={PEOPLE}
          columns={[{ field: 'x', header: 'X', width: 0 }]}
        />,
      ),
    ).toThrow('<DataTable>: columns[0].width must be a positive number of pixels, got 0')
    vi.mocked(console.error).mockRestore()
  })
})
