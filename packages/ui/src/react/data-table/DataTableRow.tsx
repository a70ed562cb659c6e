import { memo, type CSSProperties, type ReactNode } from 'react'
import { SELECT_COLUMN_ID } from '../../data-table/dataTable.columns.js'
import { formatCellValue, getCellValue } from '../../data-table/dataTable.values.js'
import type { ResolvedColumn } from '../../data-table/dataTable.types.js'

/**
 * What a row asks of its table. The table passes one object for its whole life (its methods
 * read the table's latest state), so a row's props stay equal across table renders.
 */
export interface DataTableRowActions {
  /** A cell got DOM focus: `row` counts the header as 0, `col` counts grid columns. */
  focusCell: (row: number, col: number) => void
  /** Double-click on an editable cell. */
  startEdit: (rowId: string, columnId: string) => void
  toggleRow: (rowId: string) => void
  changeDraft: (draft: string) => void
  /** Enter in the editor, or its blur. */
  commit: () => void
  /** Escape in the editor. */
  cancel: () => void
  /** Double-click on a cell that is not editable: the row is opened (when the table says how). */
  activate: (rowId: string) => void
}

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
  /** The shown columns (the same array while they do not change). */
  columns: readonly ResolvedColumn<Row>[]
  /**
   * Horizontal virtualization: the first shown column, as an index into `columns`. Only the
   * columns in `[colStart, colEnd)` are rendered, plus the focused and edited cells.
   */
  colStart: number
  /** Horizontal virtualization: one past the last shown column, as an index into `columns`. */
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
  /** `aria-label` of the row's checkbox. */
  selectLabel: string
  /** Virtualized rows: the row's offset from the top of the body, in CSS pixels. */
  top?: number | undefined
  /** Virtualized rows: the row's height. */
  height?: number | undefined
  actions: DataTableRowActions
  /** Custom cell content (a stable reference keeps the row memoized). */
  renderCell?: DataTableRenderCell<Row> | undefined
}

function RowView<Row>(props: DataTableRowProps<Row>) {
  const { row, rowId, index, tableId, columns, selectable, selected, actions } = props
  const { focusedCol, editingCol, cellErrors, colStart, colEnd } = props
  const offset = selectable ? 1 : 0
  // Columns outside the window are left out; the focused and edited cells always stay, so the
  // roving tab stop and the editor never leave the DOM.
  const shown = columns
    .map((column, i) => ({ column, col: i + offset }))
    .filter(
      ({ col }, i) => (i >= colStart && i < colEnd) || col === focusedCol || col === editingCol,
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
          left: 0,
          right: 0,
          height: props.height,
          transform: `translateY(${props.top}px)`,
        }
  const cellProps = (col: number, columnId: string, column: ResolvedColumn<Row> | undefined) => {
    const editing = col === editingCol
    const error = editing ? props.editError : cellErrors?.[columnId]
    const id = `${tableId}-cell-${index + 1}-${col}`
    return {
      'data-scope': 'data-table' as const,
      'data-part': 'cell',
      id,
      role: 'gridcell' as const,
      'aria-colindex': col + 1,
      tabIndex: col === focusedCol ? (0 as const) : (-1 as const),
      ...(column && !column.editable ? { 'aria-readonly': true } : {}),
      ...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}),
      ...(editing ? { 'data-editing': '' } : {}),
      ...(column?.type ? { 'data-type': column.type } : {}),
      ...(windowed ? { style: { gridColumn: col + 1 } } : {}),
      onFocus: () => actions.focusCell(index + 1, col),
      onDoubleClick: () => {
        if (column?.editable && !editing) actions.startEdit(rowId, columnId)
        else if (column && !column.editable) actions.activate(rowId)
      },
    }
  }
  return (
    <div
      data-scope="data-table"
      data-part="row"
      role="row"
      aria-rowindex={props.ariaRowIndex}
      {...(selectable ? { 'aria-selected': selected } : {})}
      {...(selectable && selected ? { 'data-selected': '' } : {})}
      data-row-id={rowId}
      {...(props.changed ? { 'data-changed': '' } : {})}
      style={style}
    >
      {selectable && (
        <div {...cellProps(0, SELECT_COLUMN_ID, undefined)}>
          <input
            data-scope="data-table"
            data-part="select-row"
            type="checkbox"
            checked={selected}
            aria-label={props.selectLabel}
            tabIndex={-1}
            onChange={() => actions.toggleRow(rowId)}
          />
        </div>
      )}
      {shown.map(({ column, col }) => {
        const isEditing = col === editingCol
        const error = isEditing ? (props.editError ?? undefined) : cellErrors?.[column.id]
        return (
          <div key={column.id} {...cellProps(col, column.id, column)}>
            {isEditing ? (
              <CellEditor
                type={column.type}
                options={column.options}
                header={column.header}
                draft={props.draft}
                invalid={Boolean(props.editError)}
                actions={actions}
              />
            ) : (
              <CellContent row={row} rowId={rowId} column={column} render={props.renderCell} />
            )}
            {error && (
              <span
                data-scope="data-table"
                data-part="cell-error"
                id={`${tableId}-cell-${index + 1}-${col}-error`}
                role="alert"
              >
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
  render,
}: {
  row: Row
  rowId: string
  column: ResolvedColumn<Row>
  render: DataTableRenderCell<Row> | undefined
}) {
  const value = getCellValue(row, column)
  const text = formatCellValue(column, value, row)
  const custom = render?.({ row, rowId, column, value, text })
  return (
    <span data-scope="data-table" data-part="cell-value">
      {custom === undefined ? text : custom}
    </span>
  )
}

function CellEditor({
  type,
  options,
  header,
  draft,
  invalid,
  actions,
}: {
  type: string
  options: readonly { value: string; label: string }[]
  header: string
  draft: string
  invalid: boolean
  actions: DataTableRowActions
}) {
  const props = {
    'data-scope': 'data-table',
    'data-part': 'editor',
    value: draft,
    'aria-label': header,
    ...(invalid ? { 'aria-invalid': true } : {}),
    onChange: (event: { target: { value: string } }) => actions.changeDraft(event.target.value),
  }
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      actions.commit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      actions.cancel()
    }
  }
  if (type === 'enum' || type === 'boolean') {
    const choices =
      type === 'enum'
        ? options
        : [
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]
    return (
      <select {...props} autoFocus onKeyDown={onKeyDown} onBlur={actions.commit}>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  }
  return (
    <input
      {...props}
      type={type === 'date' ? 'date' : 'text'}
      inputMode={type === 'number' ? 'decimal' : undefined}
      autoFocus
      onKeyDown={onKeyDown}
      onBlur={actions.commit}
    />
  )
}
