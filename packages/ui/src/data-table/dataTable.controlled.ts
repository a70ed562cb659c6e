import type {
  DataTableEvent,
  DataTableFilter,
  DataTableSelection,
  DataTableSort,
  DataTableState,
} from './dataTable.types.js'

/**
 * The parts of a table's state a view may hold outside it (Vue's `v-model:page` and friends):
 * `undefined` leaves a part to the table.
 */
export interface DataTableControlled {
  page?: number | undefined
  pageSize?: number | undefined
  sorting?: readonly DataTableSort[] | undefined
  filters?: Readonly<Record<string, DataTableFilter>> | undefined
  selection?: DataTableSelection | undefined
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * The events that bring `state` to the given controlled values: sorting and filters first (they
 * return to page 1), then the selection, the page size and the page. Empty when the state already
 * holds them. A page that did not change is not re-applied, so a new sort still starts at page 1.
 */
export function getControlledEvents<Row>(
  state: DataTableState<Row>,
  controlled: DataTableControlled,
): DataTableEvent[] {
  const events: DataTableEvent[] = []
  const { sorting, filters, selection, pageSize, page } = controlled
  if (sorting !== undefined && !same(sorting, state.sorting)) {
    events.push({ type: 'SET_SORTING', sorting })
  }
  if (filters !== undefined && !same(filters, state.filters)) {
    for (const columnId of Object.keys(state.filters)) {
      if (!(columnId in filters)) events.push({ type: 'SET_FILTER', columnId, filter: null })
    }
    for (const [columnId, filter] of Object.entries(filters)) {
      if (!same(filter, state.filters[columnId])) {
        events.push({ type: 'SET_FILTER', columnId, filter })
      }
    }
  }
  if (selection !== undefined && !same(selection, state.selection)) {
    events.push({ type: 'CLEAR_SELECTION' })
    // In "all matching" mode the ids are the rows left out: selecting "none" of them adds them.
    if (selection.all) events.push({ type: 'SELECT_ALL_MATCHING' })
    if (selection.ids.length > 0) {
      events.push({ type: 'SET_ROWS_SELECTED', rowIds: selection.ids, selected: !selection.all })
    }
  }
  if (pageSize !== undefined && pageSize !== state.pageSize) {
    events.push({ type: 'SET_PAGE_SIZE', pageSize })
  }
  if (page !== undefined && page !== state.page) {
    events.push({ type: 'SET_PAGE', page })
  }
  return events
}
