// Must come first: installs the render counter before react-dom loads.
import { startCounting, stopCounting } from './renderCounter.js'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { DataGrid, useGridApiRef, type GridColDef } from '@mui/x-data-grid'
import { DataTable } from '../src/react/index.js'
import type { DataTableColumn } from '../src/index.js'
import '../src/theme.css'

// ─── The data set: 100k rows, the same for both grids ───────────────────────────────────────────

interface Row {
  id: number
  name: string
  city: string
  amount: number
  quantity: number
  created: Date
}

const ROW_COUNT = 100_000
const PAGE_SIZE = 100 // the largest page MUI's community grid allows
const SORT_HEADER = 'Amount'
const UPDATED_ID = 3

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Linus']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson']
const CITIES = ['Lisbon', 'Oslo', 'Kyoto', 'Lima', 'Accra', 'Austin', 'Perth', 'Tallinn', 'Quito']

function makeRows(): Row[] {
  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const start = Date.UTC(2020, 0, 1)
  return Array.from({ length: ROW_COUNT }, (_, id) => ({
    id,
    name: `${pick(FIRST)} ${pick(LAST)} ${id}`,
    city: pick(CITIES),
    amount: Math.round(random() * 1_000_000) / 100,
    quantity: Math.floor(random() * 500),
    created: new Date(start + Math.floor(random() * 1_500) * 86_400_000),
  }))
}

const metalColumns: DataTableColumn<Row>[] = [
  { field: 'id', header: 'ID', type: 'number', width: 100 },
  { field: 'name', header: 'Name', type: 'text', width: 240 },
  { field: 'city', header: 'City', type: 'text', width: 160 },
  { field: 'amount', header: SORT_HEADER, type: 'number', width: 160 },
  { field: 'quantity', header: 'Quantity', type: 'number', width: 140 },
  { field: 'created', header: 'Created', type: 'date', width: 160 },
]

const muiColumns: GridColDef<Row>[] = [
  { field: 'id', headerName: 'ID', type: 'number', width: 100 },
  { field: 'name', headerName: 'Name', type: 'string', width: 240 },
  { field: 'city', headerName: 'City', type: 'string', width: 160 },
  { field: 'amount', headerName: SORT_HEADER, type: 'number', width: 160 },
  { field: 'quantity', headerName: 'Quantity', type: 'number', width: 140 },
  { field: 'created', headerName: 'Created', type: 'date', width: 160 },
]

// ─── The two apps ───────────────────────────────────────────────────────────────────────────────

const params = new URLSearchParams(globalThis.location.search)
/**
 * metal (React), metal-vue (the Vue view), mui (single-row update through apiRef.updateRows) or
 * mui-prop (through a new rows prop).
 */
const lib = params.get('lib') ?? 'metal'
const rows = makeRows()
let setRows: (rows: Row[]) => void = () => {}
let updateMuiRow: (row: Row) => void = () => {}

function MetalApp() {
  const [current, set] = useState<Row[]>(rows)
  setRows = set
  return (
    <DataTable
      label="Benchmark"
      rows={current}
      columns={metalColumns}
      getRowId={(row) => String(row.id)}
      defaultPageSize={PAGE_SIZE}
      pageSizeOptions={[PAGE_SIZE]}
      height={480}
    />
  )
}

function MuiApp() {
  const [current, set] = useState<Row[]>(rows)
  const apiRef = useGridApiRef()
  setRows = set
  updateMuiRow = (row) => apiRef.current?.updateRows([row])
  return (
    <div style={{ height: 480 + 56 + 52, width: 1100 }}>
      <DataGrid
        apiRef={apiRef}
        rows={current}
        columns={muiColumns}
        initialState={{ pagination: { paginationModel: { pageSize: PAGE_SIZE } } }}
        pageSizeOptions={[PAGE_SIZE]}
      />
    </div>
  )
}

// ─── Measurements ───────────────────────────────────────────────────────────────────────────────

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
/** Two animation frames: the changed DOM has been laid out and painted. */
const painted = async () => {
  await frame()
  await frame()
}

/** Resolves as soon as `check()` holds after a DOM change (or on a frame, as a fallback). */
function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve()
    let done = false
    const finish = (error?: Error) => {
      if (done) return
      done = true
      observer.disconnect()
      clearTimeout(timer)
      if (error) reject(error)
      else resolve()
    }
    const observer = new MutationObserver(() => check() && finish())
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    })
    const poll = () => {
      if (done) return
      if (check()) finish()
      else requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)
    const timer = setTimeout(() => finish(new Error('timed out waiting for the grid')), timeoutMs)
  })
}

/** The first data row: both grids give the header row aria-rowindex 1 and the first row 2. */
const firstRow = () => document.querySelector<HTMLElement>('[role="row"][aria-rowindex="2"]')
const rowById = (id: number) =>
  document.querySelector<HTMLElement>(
    `[role="row"][data-row-id="${id}"], [role="row"][data-id="${id}"]`,
  )

/** Rows whose DOM changed (any mutation inside a data row), for comparison with React renders. */
function watchRowMutations(): { stop: () => number } {
  const touched = new Set<Element>()
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const node = record.target instanceof Element ? record.target : record.target.parentElement
      const row = node?.closest('[role="row"]')
      if (row && row.getAttribute('aria-rowindex') !== '1') touched.add(row)
    }
  })
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  })
  return {
    stop: () => {
      for (const record of observer.takeRecords()) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement
        const row = node?.closest('[role="row"]')
        if (row && row.getAttribute('aria-rowindex') !== '1') touched.add(row)
      }
      observer.disconnect()
      return touched.size
    },
  }
}

const bench = {
  lib,
  rowCount: rows.length,

  /** Time from render() until the first rows are in the DOM and painted. */
  async mount(): Promise<number> {
    const container = document.getElementById('root') as HTMLElement
    let start = performance.now()
    if (lib === 'metal-vue') {
      // Loading Vue and the Vue views is not counted, as React's load before `bench` exists.
      const { mountVueTable } = await import('./vueApp.js')
      start = performance.now()
      setRows = mountVueTable(container, rows, metalColumns, PAGE_SIZE)
    } else {
      createRoot(container).render(lib === 'metal' ? <MetalApp /> : <MuiApp />)
    }
    await until(() => (firstRow()?.textContent ?? '') !== '')
    await painted()
    return performance.now() - start
  },

  /** Time from a click on the Amount header until the first row shows another row, painted. */
  async sort(): Promise<{ ms: number; before: string; after: string }> {
    const header = [...document.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((el) =>
      el.textContent?.includes(SORT_HEADER),
    )
    if (!header) throw new Error(`no "${SORT_HEADER}" column header`)
    const before = firstRow()?.textContent ?? ''
    const start = performance.now()
    header.click()
    await until(() => (firstRow()?.textContent ?? before) !== before)
    await painted()
    const ms = performance.now() - start
    return { ms, before, after: firstRow()?.textContent ?? '' }
  },

  /**
   * Time from replacing one row until it shows the new values, painted; and how many rows
   * re-rendered meanwhile (React renders, counted until 100 ms after the paint, and DOM changes).
   */
  async update(): Promise<{
    ms: number
    commits: number
    rowRenders: number
    rowsRendered: number
    rowsMutated: number
  }> {
    const old = rows[UPDATED_ID] as Row
    const next: Row = { ...old, name: `Updated ${old.name}`, amount: old.amount + 1 }
    const replaced = rows.slice()
    replaced[UPDATED_ID] = next
    if (!rowById(UPDATED_ID)) throw new Error(`row ${UPDATED_ID} is not on screen`)
    const mutations = watchRowMutations()
    const count = startCounting()
    const start = performance.now()
    if (lib === 'mui') updateMuiRow(next)
    else setRows(replaced)
    await until(() => rowById(UPDATED_ID)?.textContent?.includes('Updated') === true)
    await painted()
    const ms = performance.now() - start
    await new Promise((resolve) => setTimeout(resolve, 100))
    stopCounting()
    return {
      ms,
      commits: count.commits,
      rowRenders: count.rowRenders,
      rowsRendered: count.rows.size,
      rowsMutated: mutations.stop(),
    }
  },
}

;(globalThis as Record<string, unknown>).bench = bench
