import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { useMetalCount, useMetalPaginatedQuery, useMetalQuery } from '@metal/vue'
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

const NO_ROWS: readonly never[] = []

/**
 * `next`, or `previous` when it holds the same rows: the page on screen stays the same array
 * while focus, selection or editing change, so nothing downstream runs again for them.
 */
function sameRows<Row>(previous: readonly Row[] | undefined, next: readonly Row[]): readonly Row[] {
  const same =
    previous !== undefined &&
    previous.length === next.length &&
    previous.every((row, i) => row === next[i])
  return same ? previous : next
}

/** Unbound mode: filters, sorts and pages `rows` in memory. */
export function useClientRows<Row>(
  rows: MaybeRefOrGetter<readonly Row[]>,
  state: Ref<DataTableState<Row>>,
): ComputedRef<DataTableRowSource<Row>> {
  // Only what changes the matching rows: paging, focus and selection keep the last match.
  const matchState = computed((previous?: DataTableState<Row>) => {
    const next = state.value
    const same =
      previous !== undefined &&
      previous.columns === next.columns &&
      previous.filters === next.filters &&
      previous.search === next.search &&
      previous.sorting === next.sorting
    return same ? previous : next
  })
  const matched = computed(() => getMatchingRows(toValue(rows), matchState.value))
  const pageRows = computed((previous?: readonly Row[]) =>
    sameRows(previous, getPageRows(matched.value, state.value)),
  )
  return computed(() => {
    const s = state.value
    const all = matched.value
    const page = pageRows.value
    if (s.pagingMode === 'cursor') {
      const hasNextPage = s.page * s.pageSize < all.length
      return { rows: page, total: null, hasNextPage, isPending: false, error: null }
    }
    return { rows: page, total: all.length, hasNextPage: false, isPending: false, error: null }
  })
}

/**
 * Bound mode with offset pages: the page is a live `offset().limit()` query; the total is a live
 * count of the same query without the page (`useMetalCount`), so no row outside the page is read.
 */
export function useBoundOffsetRows<Row>(
  collection: MaybeRefOrGetter<string>,
  base: MaybeRefOrGetter<DataTableBaseQuery<DocumentData> | undefined>,
  state: Ref<DataTableState<Row>>,
  defaultOrder?: DataTableDefaultOrder,
): ComputedRef<DataTableRowSource<Row>> {
  const order = defaultOrder ? { defaultOrder } : {}
  // The builders change only with what they read of the state: focus or selection keep them.
  const read = queryState(state)
  const pageQuery = computed(() => dataTableQuery(read.value, toValue(base), order))
  const countQuery = computed(() => dataTableQuery(read.value, toValue(base), { page: false }))
  const page = useMetalQuery(() => toValue(collection), pageQuery)
  const count = useMetalCount(() => toValue(collection), countQuery)
  return computed(() => ({
    rows: (page.data.value ?? NO_ROWS) as unknown as Row[],
    total: count.data.value ?? null,
    hasNextPage: false,
    isPending: page.isPending.value,
    error: page.error.value ?? count.error.value ?? null,
    retry: () => {
      void page.refetch()
      void count.refetch()
    },
  }))
}

/**
 * Bound mode with cursor pages: pages are read one after another with `startAfter()` cursors
 * (`useMetalPaginatedQuery`); the first page stays live.
 */
export function useBoundCursorRows<Row>(
  collection: MaybeRefOrGetter<string>,
  base: MaybeRefOrGetter<DataTableBaseQuery<DocumentData> | undefined>,
  state: Ref<DataTableState<Row>>,
  send: (event: DataTableEvent) => void,
  defaultOrder?: DataTableDefaultOrder,
): ComputedRef<DataTableRowSource<Row>> {
  const options = { page: false, ...(defaultOrder ? { defaultOrder } : {}) }
  const read = queryState(state, false)
  const builder = computed(() => dataTableQuery(read.value, toValue(base), options))
  const query = useMetalPaginatedQuery(
    () => toValue(collection),
    builder,
    () => ({
      pageSize: state.value.pageSize,
    }),
  )
  const pages = computed(() => query.data.value?.pages ?? [])
  watch(
    () => [
      state.value.page,
      query.isSuccess.value,
      query.hasNextPage.value,
      query.isFetchingNextPage.value,
      pages.value.length,
    ],
    () => {
      const step = getCursorPagesStep({
        page: state.value.page,
        loadedPages: pages.value.length,
        isSuccess: query.isSuccess.value,
        hasNextPage: query.hasNextPage.value,
        isFetchingNextPage: query.isFetchingNextPage.value,
      })
      if (step === 'fetch') void query.fetchNextPage()
      else if (step) send({ type: 'SET_PAGE', page: step.page })
    },
    { immediate: true },
  )
  return computed(() => {
    const index = state.value.page - 1
    const loaded = index < pages.value.length
    const rows = (pages.value[index] ?? NO_ROWS) as unknown as Row[]
    return {
      rows,
      total: null,
      hasNextPage:
        index + 1 < pages.value.length ||
        (query.hasNextPage.value && rows.length === state.value.pageSize),
      isPending: query.isPending.value || (!loaded && query.isFetchingNextPage.value),
      error: query.error.value ?? null,
      retry: () => void query.refetch(),
    }
  })
}

/**
 * The state as far as a query reads it: the same object while the columns, sort, filters,
 * search and page stay the same, so builders computed from it change only when the query would.
 */
function queryState<Row>(
  state: Ref<DataTableState<Row>>,
  paged = true,
): ComputedRef<DataTableState<Row>> {
  const keyOf = (s: DataTableState<Row>) =>
    JSON.stringify([
      s.columns.map((c) => [c.id, c.field, c.type, c.searchable, c.options]),
      s.sorting,
      s.filters,
      s.search,
      s.pagingMode,
      paged ? [s.page, s.pageSize] : null,
    ])
  return computed((previous) => {
    const next = state.value
    return previous && keyOf(previous) === keyOf(next) ? previous : next
  })
}
