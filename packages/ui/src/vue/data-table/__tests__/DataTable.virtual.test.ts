import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { screen, within } from '@testing-library/dom'
import type { DataTableColumn, DataTableRow } from '../../../data-table/dataTable.types.js'
import { DataTable } from '../DataTable.js'

const grid = (name: string) => screen.getByRole('grid', { name })
const bodyRows = (name: string) => within(grid(name)).getAllByRole('row').slice(1)
const colIndexes = (cells: HTMLElement[]) =>
  cells.map((c) => Number(c.getAttribute('aria-colindex')))

/** Mounts with jsdom's layout faked: every element `size` pixels high or wide until measured. */
async function mountMeasured(
  dimension: 'clientHeight' | 'clientWidth',
  size: number,
  props: Record<string, unknown>,
) {
  const spy = vi.spyOn(HTMLElement.prototype, dimension, 'get').mockReturnValue(size)
  mount(DataTable<DataTableRow>, { props: props as never, attachTo: document.body })
  // The virtualizers measure the grid once it is mounted.
  await nextTick()
  await nextTick()
  spy.mockRestore()
}

afterEach(() => vi.restoreAllMocks())

describe('<DataTable> (Vue) virtualization', { timeout: 30_000 }, () => {
  it('puts only the rows in view of a long page in the DOM, aria-rowindex still right', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}` }))
    await mountMeasured('clientHeight', 480, {
      label: 'Long',
      rows,
      columns: [{ field: 'name', header: 'Name' }],
      defaultPageSize: 1000,
    })
    const rendered = bodyRows('Long')
    expect(rendered.length).toBeGreaterThan(0)
    expect(rendered.length).toBeLessThan(60)
    expect(grid('Long').getAttribute('aria-rowcount')).toBe('2001')
    expect(rendered[0]?.getAttribute('aria-rowindex')).toBe('2')
    expect(rendered[0]?.style.transform).toBe('translateY(0px)')
  })

  it('renders a window of 200 columns, with aria-colcount and aria-colindex right', async () => {
    const columns: DataTableColumn[] = Array.from({ length: 200 }, (_, c) => ({
      field: `c${c}`,
      header: `Col ${c}`,
    }))
    const rows = Array.from({ length: 5 }, (_, r) => ({
      id: `r${r}`,
      ...Object.fromEntries(columns.map((_, c) => [`c${c}`, `v${r}-${c}`])),
    }))
    await mountMeasured('clientWidth', 800, { label: 'Wide', rows, columns, selectable: true })
    expect(grid('Wide').getAttribute('aria-colcount')).toBe('201')
    expect(grid('Wide').hasAttribute('data-virtual-columns')).toBe(true)
    const headers = within(grid('Wide')).getAllByRole('columnheader')
    expect(headers.length).toBeLessThan(20)
    expect(colIndexes(headers)).toEqual(headers.map((_, i) => i + 1))
    for (const row of bodyRows('Wide')) {
      const cells = within(row).getAllByRole('gridcell')
      expect(colIndexes(cells)).toEqual(colIndexes(headers))
      expect(cells[3]?.style.gridColumn).toBe('4')
    }
  })
})
