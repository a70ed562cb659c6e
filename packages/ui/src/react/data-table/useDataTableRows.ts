import { useEffect, useMemo } from 'react'
import { useMetalCount, useMetalPaginatedQuery, useMetalQuery } from '@metal/react'
import type { DocumentData } from '@metal/core'
import type { DataTableDefaultOrder } from '../../data-table/dataTable.defaultSort.js'
import { getCursorPagesStep } from '../../data-table/dataTable.cursorPages.js'
import { getMatchingRows, getPageRows } from '../../data-table/dataTable.rows.js'
import { dataTableQuery, type DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type { DataTableEvent, DataTableState } from '../../data-table/dataTable.types.js'

/** What a table shows of its data source: the page's rows and what is known about the rest. */
export interface DataTableRowSource<Row> {
  /** The rows of the current page, in order. */
  rows: readonly Row[]
  /** Rows matching the filters in all, or `null` while unknown (cursor pages). */
  total: number | null
  /** Cursor pages: whether a page follows this one. */
  hasNextPage: boolean
  /** No rows to show yet. */
  isPending: boolean
  error: Error | null
  /** Reads the rows again after an error (bound tables re-run their queries). */
  retry?: (() => void) | undefined
}

/** Unbound mode: filters, sorts and pages `rows` in memory. */
export function useClientRows<Row>(
  rows: readonly Row[],
  state: DataTableState<Row>,
): DataTableRowSource<Row> & { matching: readonly Row[] } {
  const { columns, filters, search, sorting } = state
  const matching = useMemo(
    () => getMatchingRows(rows, { ...state, columns, filters, search, sorting }),
    // Only what changes the matching rows: paging, focus and selection do not.
    [rows, columns, filters, search, sorting],
  )
  const total = matching.length
  if (state.pagingMode === 'cursor') {
    const page = getPageRows(matching, state)
    const hasNextPage = state.page * state.pageSize < total
    return { rows: page, total: null, hasNextPage, isPending: false, error: null, matching }
  }
  return {
    rows: getPageRows(matching, state),
    total,
    hasNextPage: false,
    isPending: false,
    error: null,
    matching,
  }
}

/**
 * Bound mode with offset pages: the page is a live `offset().limit()` query; the total is a live
 * count of the same query without the page (`useMetalCount`), which the backend keeps from each
 * write, so no row outside the page is read or held.
 */
export function useBoundOffsetRows<Row>(
  collection: string,
  base: DataTableBaseQuery<DocumentData> | undefined,
  state: DataTableState<Row>,
  defaultOrder?: DataTableDefaultOrder,
): DataTableRowSource<Row> {
  const order = defaultOrder ? { defaultOrder } : {}
  const page = useMetalQuery(collection, dataTableQuery(state, base, order))
  const count = useMetalCount(collection, dataTableQuery(state, base, { page: false }))
  return {
    rows: (page.data ?? []) as unknown as Row[],
    total: count.data ?? null,
    hasNextPage: false,
    isPending: page.isPending,
    error: page.error ?? count.error ?? null,
    retry: () => {
      void page.refetch()
      void count.refetch()
    },
  }
}

/**
 * Bound mode with cursor pages: pages are read one after another with `startAfter()` cursors
 * (`useMetalPaginatedQuery`); the first page stays live.
 */
export function useBoundCursorRows<Row>(
  collection: string,
  base: DataTableBaseQuery<DocumentData> | undefined,
  state: DataTableState<Row>,
  send: (event: DataTableEvent) => void,
  defaultOrder?: DataTableDefaultOrder,
): DataTableRowSource<Row> {
  const options = { page: false, ...(defaultOrder ? { defaultOrder } : {}) }
  const query = useMetalPaginatedQuery(collection, dataTableQuery(state, base, options), {
    pageSize: state.pageSize,
  })
  const pages = query.data?.pages ?? []
  const index = state.page - 1
  const loaded = index < pages.length
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query
  const { isSuccess } = query
  useEffect(() => {
    const step = getCursorPagesStep({
      page: state.page,
      loadedPages: pages.length,
      isSuccess,
      hasNextPage,
      isFetchingNextPage,
    })
    if (step === 'fetch') void fetchNextPage()
    else if (step) send({ type: 'SET_PAGE', page: step.page })
  }, [state.page, isSuccess, hasNextPage, isFetchingNextPage, fetchNextPage, pages.length, send])
  const rows = (pages[index] ?? []) as unknown as Row[]
  return {
    rows,
    total: null,
    hasNextPage: index + 1 < pages.length || (hasNextPage && rows.length === state.pageSize),
    isPending: query.isPending || (!loaded && isFetchingNextPage),
    error: query.error ?? null,
    retry: () => void query.refetch(),
  }
}
