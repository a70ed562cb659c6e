import { memo, type CSSProperties, type ReactNode } from 'react'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import {
  getDataTableCellErrorProps,
  getDataTableCellProps,
  getDataTableEditorProps,
  getDataTableRowCheckboxProps,
  getDataTableRowProps,
  type DataTablePartHandlers,
  type DataTablePinnedCell,
} from '../../data-table/dataTable.parts.js'
import { formatCellValue, getCellValue } from '../../data-table/dataTable.values.js'
import type { ResolvedColumn } from '../../data-table/dataTable.types.js'
import type { NormalizeProps } from '../../normalizeProps.js'
import { CellEditor } from './CellEditor.js'
import { SelectionCheckbox } from './SelectionCheckbox.js'
import { onPinnedMouseDown } from '../../data-table/dataTable.focus.js'

/** What {@link DataTableBaseProps.renderCell} gets: the cell's row, column, value and text. */
export interface DataTableCellContext<Row> {
  row: Row
  rowId: string
  column: ResolvedColumn<Row>
  /** The cell's value (`getCellValue`), before formatting. */
  value: unknown
  /** The text the table would show: the column's `format`, else the default for its type. */
  text: string
}

/** Renders a cell's content, or `undefined` for the default text. */
export type DataTableRenderCell<Row> = (cell: DataTableCellContext<Row>) => ReactNode

/** A column of a row as laid out: its grid index, definition (null: selection) and pinning. */
export interface DataTableRowColumn<Row> {
  col: number
  column: ResolvedColumn<Row> | null
  pinned: DataTablePinnedCell | null
}

/** Props of {@link DataTableRowView}: primitives and references that change only with this row. */
export interface DataTableRowProps<Row> {
  row: Row
  rowId: string
  /** Index of the row on the page (0 for the first row). */
  index: number
  /** Base of the ids of the grid's parts. */
  tableId: string
  ariaRowIndex: number
  /** `grid-template-columns` of the row. */
  gridTemplate: string
  /** The grid's columns, in order (the same array while the layout does not change). */
  columns: readonly DataTableRowColumn<Row>[]
  /**
   * Horizontal virtualization: only grid columns in `[colStart, colEnd)` are rendered, plus the
   * pinned, focused and edited cells.
   */
  colStart: number
  colEnd: number
  selectable: boolean
  selected: boolean
  /** Changed in place lately: highlighted. */
  changed: boolean
  /** Grid column index of the focused cell when it is in this row, else -1. */
  focusedCol: number
  /** Grid column index of the cell being edited when it is in this row, else -1. */
  editingCol: number
  /** The edit's draft when a cell of this row is edited, else ''. */
  draft: string
  /** The edit's validation error when a cell of this row is edited, else null. */
  editError: string | null
  /** Failed writes of this row's cells, by column id (undefined when none). */
  cellErrors: Readonly<Record<string, string>> | undefined
  /** The table's words (the same object while they do not change). */
  messages: DataTableMessages
  /** Virtualized rows: the row's offset from the top of the body, in CSS pixels. */
  top?: number | undefined
  /** Virtualized rows: the row's height. */
  height?: number | undefined
  /** The table's handlers (one object for the table's life). */
  handlers: DataTablePartHandlers
  normalizeProps: NormalizeProps
  /** Custom cell content (a stable reference keeps the row memoized). */
  renderCell?: DataTableRenderCell<Row> | undefined
}

function RowView<Row>(props: DataTableRowProps<Row>) {
  const { row, rowId, index, tableId, columns, handlers, normalizeProps: normalize } = props
  const { focusedCol, editingCol, cellErrors, colStart, colEnd } = props
  // Columns outside the window are left out; pinned, focused and edited cells always stay, so
  // the roving tab stop and the editor never leave the DOM.
  const shown = columns.filter(
    ({ col, pinned }) =>
      (col >= colStart && col < colEnd) ||
      pinned !== null ||
      col === focusedCol ||
      col === editingCol,
  )
  // A partial set of cells is placed on the full grid template by column number.
  const windowed = shown.length < columns.length
  const style: CSSProperties =
    props.top === undefined
      ? { gridTemplateColumns: props.gridTemplate }
      : {
          gridTemplateColumns: props.gridTemplate,
          position: 'absolute',
          top: 0,
          insetInlineStart: 0,
          minWidth: '100%',
          height: props.height,
          transform: `translateY(${props.top}px)`,
        }
  const rowProps = getDataTableRowProps(
    {
      rowId,
      ariaRowIndex: props.ariaRowIndex,
      selectable: props.selectable,
      selected: props.selected,
      changed: props.changed,
    },
    normalize,
  )
  return (
    <div {...rowProps} style={style}>
      {shown.map(({ col, column, pinned }) => {
        const editing = col === editingCol
        const columnId = column?.id ?? '$select'
        const error = editing ? props.editError : cellErrors?.[columnId]
        const cellProps = getDataTableCellProps(
          {
            tableId,
            rowId,
            row: index + 1,
            col,
            columnId,
            type: column ? column.type : null,
            editable: column?.editable ?? false,
            focused: col === focusedCol,
            editing,
            error,
            gridColumn: windowed ? col + 1 : undefined,
            pinned,
          },
          handlers,
          normalize,
        )
        return (
          <div
            key={columnId}
            {...cellProps}
            {...(pinned ? { onMouseDown: onPinnedMouseDown } : {})}
          >
            {column === null ? (
              <SelectionCheckbox
                {...getDataTableRowCheckboxProps(
                  rowId,
                  props.selected,
                  props.messages.selectRow(rowId),
                  handlers,
                  normalize,
                )}
              />
            ) : editing ? (
              <CellEditor
                type={column.type}
                header={column.header}
                options={column.options}
                messages={props.messages}
                props={getDataTableEditorProps(
                  { header: column.header, draft: props.draft, invalid: Boolean(props.editError) },
                  handlers,
                  normalize,
                )}
              />
            ) : (
              <CellContent
                row={row}
                rowId={rowId}
                column={column}
                messages={props.messages}
                render={props.renderCell}
              />
            )}
            {error && (
              <span {...getDataTableCellErrorProps(tableId, index + 1, col, normalize)}>
                {error}
              </span>
            )}
          </div>
        )
      })}
    </div>
  )
}

/**
 * One row of the data table, memoized: a table render re-renders only the rows whose props
 * changed (the row object, its focus, edit, selection or highlight).
 */
export const DataTableRowView = memo(RowView) as typeof RowView

function CellContent<Row>({
  row,
  rowId,
  column,
  messages,
  render,
}: {
  row: Row
  rowId: string
  column: ResolvedColumn<Row>
  messages: DataTableMessages
  render: DataTableRenderCell<Row> | undefined
}) {
  const value = getCellValue(row, column)
  const text = formatCellValue(column, value, row, messages)
  const custom = render?.({ row, rowId, column, value, text })
  return (
    <span data-scope="data-table" data-part="cell-value">
      {custom === undefined ? text : custom}
    </span>
  )
}
