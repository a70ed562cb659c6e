import { screen, within } from '@testing-library/dom'
import { Metal, MetalError, type Backend, type DocumentData } from '@metal/core'
import { memory } from '@metal/core/memory'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type {
  DataTableColumn,
  DataTableFilter,
  DataTableLayout,
  DataTableSelection,
  DataTableSort,
} from '../../data-table/dataTable.types.js'
import type { PaginationMode } from '../../pagination/pagination.types.js'

// What the data-table behaviour suite needs of a renderer, and the framework-free parts it
// shares: the neutral props, two Metal clients on one backend, and DOM queries.

/**
 * The neutral props of a data table: the React `<DataTable>`'s names. A Vue harness maps them
 * to the Vue API (`onSelectionChange` → `onUpdate:selection`, …): that mapping is the documented
 * difference between the two.
 */
export interface NeutralDataTableProps {
  label: string
  columns: readonly DataTableColumn<never>[]
  rows?: readonly object[]
  collection?: string
  query?: DataTableBaseQuery<DocumentData>
  pagingMode?: PaginationMode
  defaultPageSize?: number
  defaultSorting?: readonly DataTableSort[]
  defaultFilters?: Readonly<Record<string, DataTableFilter>>
  selectable?: boolean
  height?: number
  rowHeight?: number
  highlightMs?: number
  loading?: boolean
  error?: Error | null
  onRetry?: () => void
  onCellEdit?: (row: never, field: string, value: unknown) => void | Promise<unknown>
  onSelectionChange?: (selection: DataTableSelection) => void
  onRowActivate?: (row: never, rowId: string) => void
  onLayoutChange?: (layout: DataTableLayout) => void
}

/** A mounted view: new props, or gone. */
export interface Mounted<P> {
  rerender(props: P): Promise<void>
  unmount(): void
}

/** How a suite mounts one renderer's data table. */
export interface DataTableHarness {
  renderer: 'react' | 'vue'
  /**
   * Mounts the view into document.body with the neutral props; a bound table (`collection`)
   * reads and writes through `metal` (the renderer's provider or plugin around it).
   */
  render(props: NeutralDataTableProps, metal?: Metal): Promise<Mounted<NeutralDataTableProps>>
}

/**
 * Two Metal clients on one embedded backend: `mine` behind the table, `other` playing another
 * user whose writes arrive live. Commits and listens of `mine` can be refused.
 */
export function twoClients() {
  const inner = memory({ presenceChannel: false })
  let refuseWrites = false
  let refuseListens = false
  const gated: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request: (message) =>
          refuseListens && message.type === 'listen'
            ? Promise.reject(new MetalError('permission-denied', 'Reading users is not allowed'))
            : refuseWrites && message.type === 'commit'
              ? Promise.reject(
                  new MetalError('permission-denied', 'Writes to users are not allowed'),
                )
              : conn.request(message),
        close: () => conn.close(),
      }
    },
  }
  const options = {
    projectId: 'test',
    watchBrowserNetwork: false,
    sync: { storage: false },
    auth: { persistence: false },
  } as const
  const mine = new Metal({ ...options, backend: gated })
  const other = new Metal({ ...options, backend: inner })
  return {
    mine,
    other,
    refuseWrites: () => (refuseWrites = true),
    refuseListens: () => (refuseListens = true),
    /** Writes users u01…uN (`User NN`, age 20 + N, admin when N is odd) from the other client. */
    async seed(n: number) {
      const batch = other.db().batch()
      for (let i = 1; i <= n; i++) {
        const id = `u${String(i).padStart(2, '0')}`
        batch.set(other.db().collection('users').doc(id), {
          name: `User ${String(i).padStart(2, '0')}`,
          age: 20 + i,
          role: i % 2 ? 'admin' : 'user',
        })
      }
      await batch.commit()
    },
    close() {
      mine.close()
      other.close()
    },
  }
}

/** The grid named `name`. */
export const grid = (name: string) => screen.getByRole('grid', { name })
/** The body rows of a grid (the header row left out). */
export const bodyRows = (name: string) => within(grid(name)).getAllByRole('row').slice(1)
/** The texts of a grid's column `n` (0: the first data column), top to bottom. */
export const columnTexts = (name: string, n: number) =>
  bodyRows(name).map((row) => {
    const cells = within(row)
      .getAllByRole('gridcell')
      .filter((cell) => cell.getAttribute('data-type') !== null)
    return cells[n]?.querySelector('[data-part="cell-value"]')?.textContent
  })
/** A column header by its name. */
export const header = (name: string, column: string) =>
  within(grid(name)).getByRole('columnheader', { name: column })
/** The "1–10 of 45" text of the table's pagination. */
export const range = () =>
  screen.getByRole('navigation', { name: / pages$/ }).querySelector('[data-part="range"]')
    ?.textContent
