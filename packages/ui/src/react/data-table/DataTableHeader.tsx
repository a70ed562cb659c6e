import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import type { DataTableRowColumn } from './DataTableRow.js'
import { Icon } from '../controls/Icon.js'
import { ColumnMenu } from './ColumnMenu.js'
import { onPinnedMouseDown } from '../../data-table/dataTable.focus.js'
import { ResizeHandle } from './ResizeHandle.js'
import { SelectionCheckbox } from './SelectionCheckbox.js'
import { SortIndicator } from './SortIndicator.js'

/**
 * The header row: the selection column's "select page" checkbox, then each shown column's
 * header with its sort indicator, menu button and resize handle. Only the same window of columns
 * as the rows is rendered, plus the pinned and the focused ones.
 */
export function DataTableHeader<Row>({
  api,
  columns,
  template,
  colStart,
  colEnd,
}: {
  api: DataTableApi<Row>
  columns: readonly DataTableRowColumn<Row>[]
  template: string
  colStart: number
  colEnd: number
}) {
  const { state, send, focus } = api
  const shown = columns.filter(
    ({ col, pinned }) =>
      (col >= colStart && col < colEnd) ||
      pinned !== null ||
      (focus.row === 0 && col === focus.col),
  )
  const windowed = shown.length < columns.length
  return (
    <div {...api.getHeadProps()}>
      <div {...api.getHeaderRowProps()} style={{ gridTemplateColumns: template }}>
        {shown.map(({ col, column, pinned }) => {
          const placement = { gridColumn: windowed ? col + 1 : undefined, pinned }
          const pin = pinned ? { onMouseDown: onPinnedMouseDown } : {}
          if (column === null) {
            return (
              <div key="$select" {...api.getColumnHeaderProps('$select', placement)} {...pin}>
                <SelectionCheckbox {...api.getSelectPageCheckboxProps()} />
              </div>
            )
          }
          return (
            <div key={column.id} {...api.getColumnHeaderProps(column.id, placement)} {...pin}>
              <span data-scope="data-table" data-part="header-label">
                {column.header}
              </span>
              <SortIndicator state={state} columnId={column.id} />
              {state.filters[column.id] && (
                <span data-scope="data-table" data-part="filter-indicator" aria-hidden="true">
                  <Icon name="filter" size={16} />
                </span>
              )}
              <ColumnMenu api={api} column={column} />
              <ResizeHandle
                props={api.getResizeHandleProps(column.id)}
                width={api.width(column)}
                onResize={(width) => send({ type: 'RESIZE_COLUMN', columnId: column.id, width })}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}
