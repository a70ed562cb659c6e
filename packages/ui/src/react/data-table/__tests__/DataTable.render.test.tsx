import { Profiler, useState } from 'react'
import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'

interface Item {
  id: string
  name: string
  qty: number
}

const ITEMS: Item[] = Array.from({ length: 18 }, (_, i) => ({
  id: `i${i + 1}`,
  name: `Item ${i + 1}`,
  qty: i,
}))

/** Counts row renders: a row component formats its `name` cell once per render. */
function setup() {
  const renders = new Map<string, number>()
  let commits = 0
  const columns: DataTableColumn<Item>[] = [
    {
      field: 'name',
      header: 'Name',
      format: (value, row) => {
        renders.set(row.id, (renders.get(row.id) ?? 0) + 1)
        return String(value)
      },
    },
    { field: 'qty', header: 'Qty', type: 'number', editable: true },
  ]
  let setRows: (rows: Item[]) => void = () => {}
  function App() {
    const [rows, set] = useState(ITEMS)
    setRows = set
    return (
      <Profiler id="table" onRender={() => (commits += 1)}>
        <DataTable label="Items" rows={rows} columns={columns} selectable defaultPageSize={20} />
      </Profiler>
    )
  }
  render(<App />)
  return {
    setRows: (rows: Item[]) => setRows(rows),
    reset: () => {
      renders.clear()
      commits = 0
    },
    renders,
    commits: () => commits,
  }
}

describe('DataTable row renders', () => {
  it('re-renders only the updated row on a single-row update, highlight included', async () => {
    const table = setup()
    expect(table.renders.size).toBe(18)
    table.reset()
    const next = ITEMS.slice()
    next[3] = { ...(ITEMS[3] as Item), name: 'Updated' }
    await act(async () => table.setRows(next))
    const row = screen.getByText('Updated').closest('[role="row"]') as HTMLElement
    expect(row.hasAttribute('data-changed')).toBe(true)
    // The new rows and the highlight: two commits, one row component rendered in them.
    expect(table.commits()).toBeGreaterThanOrEqual(2)
    expect([...table.renders.keys()]).toEqual(['i4'])
  })

  it('re-renders only the rows whose focus moves', async () => {
    const table = setup()
    table.reset()
    const cell = screen.getByText('Item 5').closest('[role="gridcell"]') as HTMLElement
    await act(async () => cell.focus())
    // Focus starts in the header row: only the row that gets it renders.
    expect([...table.renders.keys()]).toEqual(['i5'])
    table.reset()
    const below = screen.getByText('Item 6').closest('[role="gridcell"]') as HTMLElement
    await act(async () => below.focus())
    expect([...table.renders.keys()].sort()).toEqual(['i5', 'i6'])
  })
})
