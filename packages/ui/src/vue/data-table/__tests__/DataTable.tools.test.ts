import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import { screen, waitFor, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { DataTable } from '../DataTable.js'
import { useDataTableCsvExport } from '../useDataTableCsvExport.js'
import { useDataTableState } from '../useDataTableState.js'

interface Item {
  id: string
  name: string
  price: number
  kind: string
}

const columns: DataTableColumn<Item>[] = [
  { field: 'name', header: 'Name' },
  { field: 'price', header: 'Price', type: 'number' },
  { field: 'kind', header: 'Kind', type: 'enum', options: ['tool', 'toy'] },
]
const ITEMS: Item[] = Array.from({ length: 12 }, (_, i) => ({
  id: `i${String(i + 1).padStart(2, '0')}`,
  name: `Item ${String(i + 1).padStart(2, '0')}`,
  price: 1000 + i,
  kind: i % 2 ? 'toy' : 'tool',
}))

const grid = () => screen.getByRole('grid', { name: 'Items' })
const names = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('[data-part="cell-value"]')?.textContent)

/** What the table downloaded: the Blob's text and the file name of the link it clicked. */
let downloads: { name: string; text: Promise<string> }[]
beforeEach(() => {
  downloads = []
  const blobs = new Map<string, Blob>()
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size}`
    blobs.set(url, blob)
    return url
  })
  URL.revokeObjectURL = vi.fn()
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, text: (blobs.get(this.href) as Blob).text() })
  })
})
afterEach(() => vi.restoreAllMocks())

describe('<DataTable> (Vue) toolbar and column menu', { timeout: 30_000 }, () => {
  it('exports every matching row in the sort order as CSV, raw, under the given name', async () => {
    const user = userEvent.setup()
    mount(DataTable<Item>, {
      props: {
        label: 'Items',
        rows: ITEMS,
        columns,
        defaultPageSize: 3,
        defaultFilters: { kind: { kind: 'set', values: ['toy'] } },
        csvExport: { values: 'raw', fileName: 'toys.csv' },
      },
      attachTo: document.body,
    })
    await user.click(within(grid()).getByRole('columnheader', { name: 'Price' }))
    await user.click(within(grid()).getByRole('columnheader', { name: 'Price' }))
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('toys.csv')
    const toys = ITEMS.filter((i) => i.kind === 'toy').reverse()
    expect(await downloads[0]?.text).toBe(
      'Name,Price,Kind\r\n' + toys.map((i) => `${i.name},${i.price},toy\r\n`).join(''),
    )
  })

  it('sorts and hides a column from its header menu, opened by the button or Alt+ArrowDown', async () => {
    const user = userEvent.setup()
    mount(DataTable<Item>, {
      props: { label: 'Items', rows: ITEMS, columns, defaultPageSize: 5 },
      attachTo: document.body,
    })
    await user.click(screen.getByRole('button', { name: 'Price column menu' }))
    await user.click(screen.getByRole('menuitem', { name: 'Sort descending' }))
    expect(
      within(grid()).getByRole('columnheader', { name: 'Price' }).getAttribute('aria-sort'),
    ).toBe('descending')
    expect(names()[0]).toBe('Item 12')
    within(grid()).getByRole('columnheader', { name: 'Kind' }).focus()
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}')
    await waitFor(() => expect(screen.getByRole('menu', { name: 'Kind column menu' })).toBeTruthy())
    await user.click(screen.getByRole('menuitem', { name: 'Hide column' }))
    expect(within(grid()).queryByRole('columnheader', { name: 'Kind' })).toBeNull()
  })

  it('opens the filter panel on a column from its menu, focused on that column’s filter', async () => {
    const user = userEvent.setup()
    mount(DataTable<Item>, {
      props: { label: 'Items', rows: ITEMS, columns, defaultPageSize: 5 },
      attachTo: document.body,
    })
    await user.click(screen.getByRole('button', { name: 'Kind column menu' }))
    await user.click(screen.getByRole('menuitem', { name: 'Filter…' }))
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'tool' })),
    )
    await user.keyboard(' ')
    expect(names()).toEqual(['Item 01', 'Item 03', 'Item 05', 'Item 07', 'Item 09'])
    expect(screen.getByRole('button', { name: 'Filters (1 active)' })).toBeTruthy()
  })

  it('changes the row density from the density menu', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DataTable<Item>, {
      props: { label: 'Items', rows: ITEMS, columns },
      attachTo: document.body,
    })
    await user.click(screen.getByRole('button', { name: 'Density' }))
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'Compact' }))
    const container = wrapper.element as HTMLElement
    expect(container.getAttribute('data-density')).toBe('compact')
    expect(container.style.getPropertyValue('--_metal-data-table-row')).toBe('36px')
    expect(wrapper.emitted('layoutChange')?.at(-1)?.[0]).toMatchObject({ density: 'compact' })
  })
})

describe('Vue data-table composables', { timeout: 30_000 }, () => {
  it('useDataTableState holds the model and reports held parts; useDataTableCsvExport exports it', async () => {
    const pages: number[] = []
    let api!: ReturnType<typeof useDataTableState<Item>>
    let csv!: ReturnType<typeof useDataTableCsvExport<Item>>
    mount(
      defineComponent(() => {
        api = useDataTableState<Item>(() => ({
          columns,
          defaultPageSize: 5,
          onPageChange: (page) => pages.push(page),
        }))
        csv = useDataTableCsvExport(api.state, { rows: ITEMS.slice(0, 2) }, true, 'Two')
        return () => h('p', api.state.value.page)
      }),
    )
    api.send({ type: 'SET_PAGE', page: 2 })
    await nextTick()
    expect(api.state.value.page).toBe(2)
    expect(pages).toEqual([2])
    csv.value?.start()
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('Two.csv')
    expect(() => useDataTableState({ columns: [{ header: 'No field' }] })).toThrow(/columns\[0\]/)
  })
})
