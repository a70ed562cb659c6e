import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn, DataTableRow } from '../../../data-table/dataTable.types.js'

const wideColumns = (n: number): DataTableColumn<DataTableRow>[] =>
  Array.from({ length: n }, (_, c) => ({ field: `c${c}`, header: `Col ${c}` }))

const wideRows = (n: number): DataTableRow[] =>
  Array.from({ length: 5 }, (_, r) => ({
    id: `r${r}`,
    ...Object.fromEntries(Array.from({ length: n }, (_, c) => [`c${c}`, `v${r}-${c}`])),
  }))

const grid = () => screen.getByRole('grid', { name: 'Wide' })
const headers = () => within(grid()).getAllByRole('columnheader')
const bodyRows = () => within(grid()).getAllByRole('row').slice(1)
const colIndexes = (cells: HTMLElement[]) =>
  cells.map((c) => Number(c.getAttribute('aria-colindex')))

function renderWide(n: number, props: { selectable?: boolean } = {}) {
  // jsdom lays nothing out: give the grid (every element) a width of 800px.
  const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800)
  const result = render(
    <DataTable label="Wide" rows={wideRows(n)} columns={wideColumns(n)} {...props} />,
  )
  width.mockRestore()
  return result
}

afterEach(() => vi.restoreAllMocks())

describe('<DataTable> column virtualization', () => {
  it('renders only a window of 200 columns, with aria-colcount and aria-colindex right', () => {
    renderWide(200)
    expect(grid().getAttribute('aria-colcount')).toBe('200')
    const shown = headers()
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length).toBeLessThan(20)
    expect(colIndexes(shown)).toEqual(shown.map((_, i) => i + 1))
    expect(shown[0]?.textContent).toContain('Col 0')
    for (const row of bodyRows()) {
      const cells = within(row).getAllByRole('gridcell')
      expect(colIndexes(cells)).toEqual(colIndexes(shown))
      expect(cells[2]?.textContent).toBe(`v${Number(row.getAttribute('aria-rowindex')) - 2}-2`)
      // Cells are placed on the full template by column number.
      expect(cells[2]?.style.gridColumn).toBe('3')
    }
    const template = bodyRows()[0]?.style.gridTemplateColumns ?? ''
    expect(template.split(' ')).toHaveLength(200)
  })

  it('counts the selection column, which always stays rendered', () => {
    renderWide(200, { selectable: true })
    expect(grid().getAttribute('aria-colcount')).toBe('201')
    expect(grid().hasAttribute('data-virtual-columns')).toBe(true)
    const shown = headers()
    expect(colIndexes(shown)).toEqual(shown.map((_, i) => i + 1))
    expect(shown[1]?.textContent).toContain('Col 0')
    const first = within(bodyRows()[0]!).getAllByRole('gridcell')
    expect(first[0]?.querySelector('input[type="checkbox"]')).not.toBeNull()
    expect(first[0]?.style.gridColumn).toBe('1')
    expect(bodyRows()[0]?.style.gridTemplateColumns.split(' ')).toHaveLength(201)
  })

  it('brings the column that ArrowRight or End moves to into the DOM and focuses it', async () => {
    const user = userEvent.setup()
    renderWide(200)
    const row = () => bodyRows()[0]!
    const cells = within(row()).getAllByRole('gridcell')
    const last = cells[cells.length - 1]!
    const lastIndex = Number(last.getAttribute('aria-colindex'))
    await user.click(last)
    expect(document.activeElement).toBe(last)
    expect(within(row()).queryByText(`v0-${lastIndex}`)).toBeNull()

    await user.keyboard('{ArrowRight}')
    const next = document.activeElement as HTMLElement
    expect(next.getAttribute('role')).toBe('gridcell')
    expect(next.getAttribute('aria-colindex')).toBe(String(lastIndex + 1))
    expect(next.textContent).toBe(`v0-${lastIndex}`)
    expect(row().contains(next)).toBe(true)

    await user.keyboard('{End}')
    const end = document.activeElement as HTMLElement
    expect(end.getAttribute('aria-colindex')).toBe('200')
    expect(end.textContent).toBe('v0-199')
    expect(end.tabIndex).toBe(0)

    await user.keyboard('{ArrowUp}')
    const header = document.activeElement as HTMLElement
    expect(header.getAttribute('role')).toBe('columnheader')
    expect(header.getAttribute('aria-colindex')).toBe('200')
    expect(header.textContent).toContain('Col 199')
  })

  it('leaves narrow tables alone: every column rendered, no explicit placement', () => {
    renderWide(5)
    expect(grid().getAttribute('aria-colcount')).toBe('5')
    expect(grid().hasAttribute('data-virtual-columns')).toBe(false)
    expect(colIndexes(headers())).toEqual([1, 2, 3, 4, 5])
    for (const row of bodyRows()) {
      const cells = within(row).getAllByRole('gridcell')
      expect(colIndexes(cells)).toEqual([1, 2, 3, 4, 5])
      expect(cells.every((c) => c.getAttribute('style') === null)).toBe(true)
    }
  })

  it('honours virtualizeColumnsAbove', () => {
    const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800)
    render(
      <DataTable
        label="Wide"
        rows={wideRows(40)}
        columns={wideColumns(40)}
        virtualizeColumnsAbove={50}
      />,
    )
    width.mockRestore()
    expect(headers()).toHaveLength(40)
  })
})
