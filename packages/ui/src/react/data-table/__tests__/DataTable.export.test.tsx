import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { twoClients } from './metalTestClients.js'

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

const ITEMS: Item[] = Array.from({ length: 30 }, (_, i) => ({
  id: `i${String(i + 1).padStart(2, '0')}`,
  name: i === 4 ? 'Hammer, "claw"\nsteel' : `Item ${String(i + 1).padStart(2, '0')}`,
  price: 1000 + i,
  kind: i % 2 ? 'toy' : 'tool',
}))

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

describe('<DataTable csvExport>', () => {
  it('offers no export button unless asked', () => {
    render(<DataTable label="Items" rows={ITEMS} columns={columns} />)
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull()
  })

  it('downloads every matching row of an unbound table in the sort order, not just the page', async () => {
    const user = userEvent.setup()
    render(<DataTable label="Items" rows={ITEMS} columns={columns} defaultPageSize={5} csvExport />)
    await user.click(screen.getByRole('button', { name: 'Filters' }))
    await user.click(screen.getByRole('checkbox', { name: 'toy' }))
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('columnheader', { name: /Price/ }))
    await user.click(screen.getByRole('columnheader', { name: /Price/ }))
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('Items.csv')
    const toys = ITEMS.filter((i) => i.kind === 'toy').reverse()
    expect(await downloads[0]?.text).toBe(
      'Name,Price,Kind\r\n' +
        toys.map((i) => `${i.name},"${i.price.toLocaleString('en-US')}",toy\r\n`).join(''),
    )
  })

  it('writes raw values, hidden columns left out, under the given file name', async () => {
    const user = userEvent.setup()
    render(
      <DataTable
        label="Items"
        rows={ITEMS.slice(3, 5)}
        columns={columns}
        csvExport={{ values: 'raw', fileName: 'items.csv' }}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    await user.click(screen.getByRole('checkbox', { name: 'Kind' }))
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('items.csv')
    expect(await downloads[0]?.text).toBe(
      'Name,Price\r\nItem 04,1003\r\n"Hammer, ""claw""\nsteel",1004\r\n',
    )
  })
})

describe('<DataTable collection csvExport>', () => {
  let env: ReturnType<typeof twoClients>
  afterEach(() => env?.close())

  it('reads the whole bound view in pages of the collection and downloads it', async () => {
    env = twoClients()
    await env.seed('items', Object.fromEntries(ITEMS.map(({ id, ...item }) => [id, item])))
    const user = userEvent.setup()
    render(
      <DataTable
        label="Items"
        collection="items"
        query={(items) => items.where('kind', '==', 'tool')}
        columns={columns}
        defaultPageSize={5}
        csvExport={{ pageSize: 4, values: 'raw' }}
      />,
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(6))
    await user.click(screen.getByRole('columnheader', { name: /Price/ }))
    await user.click(screen.getByRole('columnheader', { name: /Price/ }))
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    const tools = ITEMS.filter((i) => i.kind === 'tool').reverse()
    expect(tools).toHaveLength(15)
    expect(await downloads[0]?.text).toBe(
      'Name,Price,Kind\r\n' +
        tools
          .map(
            (i) =>
              `${i.name.includes(',') ? `"${i.name.replaceAll('"', '""')}"` : i.name},${i.price},tool\r\n`,
          )
          .join(''),
    )
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', false)
  })

  it('shows why an export failed', async () => {
    env = twoClients()
    await env.seed('items', { a: { name: 'A', price: 1, kind: 'tool' } })
    const user = userEvent.setup()
    render(<DataTable label="Items" collection="items" columns={columns} csvExport />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2))
    URL.createObjectURL = vi.fn(() => {
      throw new Error('Downloads are blocked')
    })
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Downloads are blocked'))
  })
})
