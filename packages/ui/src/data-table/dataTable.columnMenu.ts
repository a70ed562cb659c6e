import { columnById } from './dataTable.check.js'
import { getVisibleColumns } from './dataTable.columns.js'
import { DEFAULT_DATA_TABLE_MESSAGES, type DataTableMessages } from './dataTable.messages.js'
import type { IconName } from '../icons/icons.js'
import type { DataTableEvent, DataTableState } from './dataTable.types.js'

/** An item of a column header's menu: what it says, and the event it sends. */
export type DataTableColumnMenuItem =
  | {
      readonly type?: 'item'
      /** Stable key: `sortAsc`, `sortDesc`, `unsort`, `filter`, `hide`, `pinLeft`, `pinRight`, `unpin`. */
      readonly id: string
      readonly label: string
      readonly icon: IconName
      /** Greyed out: it would change nothing (already so), or is not possible. */
      readonly disabled: boolean
      /** What choosing it sends. */
      readonly event: DataTableEvent
    }
  | { readonly type: 'divider'; readonly id: string }

/**
 * The items of a column header's menu, from the state: sort ascending / descending / unsort (for
 * a sortable column), filter… (a filterable one: opens the filter panel on it), hide column
 * (while another column stays shown), and pin left / pin right / unpin. Items that would change
 * nothing are `disabled`. Throws a `MetalError` for an unknown column.
 */
export function getColumnMenuItems<Row>(
  state: DataTableState<Row>,
  columnId: string,
  messages: Pick<
    DataTableMessages,
    | 'sortAscending'
    | 'sortDescending'
    | 'unsort'
    | 'filter'
    | 'hideColumn'
    | 'pinLeft'
    | 'pinRight'
    | 'unpin'
  > = DEFAULT_DATA_TABLE_MESSAGES,
): DataTableColumnMenuItem[] {
  const column = columnById(state, 'getColumnMenuItems()', columnId)
  const id = column.id
  const items: DataTableColumnMenuItem[] = []
  if (column.sortable) {
    const sort = state.sorting.find((s) => s.id === id)
    const only = state.sorting.length === 1
    const rest = state.sorting.filter((s) => s.id !== id)
    items.push(
      {
        id: 'sortAsc',
        label: messages.sortAscending,
        icon: 'arrowUpward',
        disabled: only && sort?.direction === 'asc',
        event: { type: 'SET_SORTING', sorting: [{ id, direction: 'asc' }] },
      },
      {
        id: 'sortDesc',
        label: messages.sortDescending,
        icon: 'arrowDownward',
        disabled: only && sort?.direction === 'desc',
        event: { type: 'SET_SORTING', sorting: [{ id, direction: 'desc' }] },
      },
      {
        id: 'unsort',
        label: messages.unsort,
        icon: 'sort',
        disabled: sort === undefined,
        event: { type: 'SET_SORTING', sorting: rest },
      },
      { type: 'divider', id: 'sortDivider' },
    )
  }
  if (column.filterable) {
    items.push({
      id: 'filter',
      label: messages.filter,
      icon: 'filter',
      disabled: false,
      event: { type: 'OPEN_PANEL', panel: { kind: 'filters', columnId: id } },
    })
  }
  items.push({
    id: 'hide',
    label: messages.hideColumn,
    icon: 'visibilityOff',
    disabled: getVisibleColumns(state).length <= 1,
    event: { type: 'SET_COLUMN_VISIBLE', columnId: id, visible: false },
  })
  const { left, right } = state.layout.pinned
  const side = left.includes(id) ? 'left' : right.includes(id) ? 'right' : null
  items.push(
    { type: 'divider', id: 'pinDivider' },
    {
      id: 'pinLeft',
      label: messages.pinLeft,
      icon: 'pin',
      disabled: side === 'left',
      event: { type: 'PIN_COLUMN', columnId: id, side: 'left' },
    },
    {
      id: 'pinRight',
      label: messages.pinRight,
      icon: 'pin',
      disabled: side === 'right',
      event: { type: 'PIN_COLUMN', columnId: id, side: 'right' },
    },
    {
      id: 'unpin',
      label: messages.unpin,
      icon: 'close',
      disabled: side === null,
      event: { type: 'PIN_COLUMN', columnId: id, side: null },
    },
  )
  return items
}
