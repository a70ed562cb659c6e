import { identityProps, type NormalizeProps } from '../normalizeProps.js'
import type { DataTableEvent } from './dataTable.types.js'

// Per-row and per-cell props of the grid as pure functions of primitives. `connectDataTable`
// builds its `getRowProps` / `getCellProps` on them, and a view that memoizes its rows calls them
// directly with what the row was given, so a table render re-renders only the rows whose own
// inputs changed, while connect stays the one source of their ARIA and event wiring.

/** What a row's or cell's events ask of the table. Give one object for a table's whole life. */
export interface DataTablePartHandlers {
  /** Sends an event to the model. */
  send: (event: DataTableEvent) => void
  /** A cell's current value, to start editing it from. */
  getValue: (rowId: string, columnId: string) => unknown
  /** Opens a row: double-click on a cell that is neither editable nor the checkbox. */
  activate: (rowId: string) => void
  /** Ends the edit, writing the draft (Enter in the editor, or its blur). */
  commit: () => void
  /** Drops the edit (Escape in the editor). */
  cancel: () => void
}

/**
 * Handlers that send events and nothing else: `commit` ends the edit without writing it
 * anywhere, `activate` does nothing. A view replaces the parts it knows more about.
 */
export function createDataTableHandlers(
  send: (event: DataTableEvent) => void,
  overrides: Partial<Omit<DataTablePartHandlers, 'send'>> = {},
): DataTablePartHandlers {
  return {
    send,
    getValue: () => undefined,
    activate: () => {},
    commit: () => send({ type: 'END_EDIT' }),
    cancel: () => send({ type: 'CANCEL_EDIT' }),
    ...overrides,
  }
}

/** A row's state, in primitives. */
export interface DataTableRowInput {
  rowId: string
  /** `aria-rowindex`: 1 is the header row, so the first matching row is 2. */
  ariaRowIndex: number
  selectable: boolean
  selected: boolean
  /** Changed in place lately (highlighted). */
  changed: boolean
}

/** Props of a row (`role="row"`). */
export function getDataTableRowProps(
  input: DataTableRowInput,
  normalize: NormalizeProps = identityProps,
) {
  return normalize({
    'data-scope': 'data-table' as const,
    'data-part': 'row',
    role: 'row' as const,
    'aria-rowindex': input.ariaRowIndex,
    ...(input.selectable ? { 'aria-selected': input.selected } : {}),
    ...(input.selectable && input.selected ? { 'data-selected': '' } : {}),
    ...(input.changed ? { 'data-changed': '' } : {}),
    'data-row-id': input.rowId,
  })
}

/** The DOM id of the cell at grid row `row` (0: header) and grid column `col`. */
export function getDataTableCellId(tableId: string, row: number, col: number): string {
  return `${tableId}-cell-${row}-${col}`
}

/** Where a pinned cell sticks: its side, its offset from that edge, and whether it is the edge. */
export interface DataTablePinnedCell {
  side: 'start' | 'end'
  /** Distance from the start (or end) edge, in CSS pixels. */
  offset: number
  /** The innermost pinned cell of its side: it draws the shadow edge content scrolls under. */
  edge: boolean
}

/** A cell's state, in primitives. */
export interface DataTableCellInput {
  tableId: string
  rowId: string
  /** Grid row: 1 for the first row of the page. */
  row: number
  /** Grid column: 0 for the first column (the selection column when there is one). */
  col: number
  columnId: string
  /** The column type, or `null` for the selection column. */
  type: string | null
  editable: boolean
  /** The roving tab stop: the one cell of the grid with `tabIndex` 0. */
  focused: boolean
  editing: boolean
  /** The edit's error, or the error of the cell's failed write. */
  error?: string | null | undefined
  /** Set when only some cells are rendered: places the cell on the full grid template. */
  gridColumn?: number | undefined
  /** Set for a cell of a pinned column. */
  pinned?: DataTablePinnedCell | null | undefined
}

/** Inline style of a cell: where it sits on a windowed template, where it sticks when pinned. */
export function getDataTableCellStyle(
  gridColumn: number | undefined,
  pinned: DataTablePinnedCell | null | undefined,
): Record<string, string | number> | undefined {
  if (gridColumn === undefined && !pinned) return undefined
  return {
    ...(gridColumn === undefined ? {} : { gridColumn }),
    ...(pinned
      ? {
          position: 'sticky',
          [pinned.side === 'start' ? 'insetInlineStart' : 'insetInlineEnd']: pinned.offset,
        }
      : {}),
  }
}

/** Attributes of a pinned cell, for styling. */
function pinnedAttributes(pinned: DataTablePinnedCell | null | undefined) {
  if (!pinned) return {}
  return { 'data-pinned': pinned.side, ...(pinned.edge ? { 'data-pinned-edge': '' } : {}) }
}

/** Props of a body cell (`role="gridcell"`). */
export function getDataTableCellProps(
  input: DataTableCellInput,
  handlers: DataTablePartHandlers,
  normalize: NormalizeProps = identityProps,
) {
  const { tableId, rowId, row, col, columnId, type, editable, editing, error } = input
  const id = getDataTableCellId(tableId, row, col)
  const style = getDataTableCellStyle(input.gridColumn, input.pinned)
  return normalize({
    'data-scope': 'data-table' as const,
    'data-part': 'cell',
    id,
    role: 'gridcell' as const,
    'aria-colindex': col + 1,
    tabIndex: input.focused ? (0 as const) : (-1 as const),
    ...(type !== null && !editable ? { 'aria-readonly': true } : {}),
    ...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}),
    ...(editing ? { 'data-editing': '' } : {}),
    ...(type !== null ? { 'data-type': type } : {}),
    ...pinnedAttributes(input.pinned),
    ...(style ? { style } : {}),
    onFocus: () => handlers.send({ type: 'FOCUS_CELL', row, col }),
    onDoubleClick: () => {
      if (type === null) return
      if (editable && !editing) {
        const value = handlers.getValue(rowId, columnId)
        handlers.send({ type: 'START_EDIT', rowId, columnId, value })
      } else if (!editable) handlers.activate(rowId)
    },
  })
}

/** Props of the message under a cell whose edit or write failed. */
export function getDataTableCellErrorProps(
  tableId: string,
  row: number,
  col: number,
  normalize: NormalizeProps = identityProps,
) {
  return normalize({
    'data-scope': 'data-table' as const,
    'data-part': 'cell-error',
    id: `${getDataTableCellId(tableId, row, col)}-error`,
    role: 'alert' as const,
  })
}

/**
 * Props of a selection checkbox, shaped for a `<Checkbox>` control (`checked`,
 * `onCheckedChange`); out of the tab order, since the cell around it is the tab stop.
 */
export function getDataTableCheckboxProps(
  input: { part: 'select-row' | 'select-page'; checked: boolean; mixed?: boolean; label: string },
  onCheckedChange: (checked: boolean) => void,
  normalize: NormalizeProps = identityProps,
) {
  return normalize({
    'data-scope': 'data-table' as const,
    'data-part': input.part,
    checked: input.checked,
    ...(input.mixed ? { indeterminate: true } : {}),
    'aria-label': input.label,
    tabIndex: -1 as const,
    onCheckedChange,
  })
}

/** Props of a row's selection checkbox. */
export function getDataTableRowCheckboxProps(
  rowId: string,
  selected: boolean,
  label: string,
  handlers: DataTablePartHandlers,
  normalize: NormalizeProps = identityProps,
) {
  return getDataTableCheckboxProps(
    { part: 'select-row', checked: selected, label },
    () => handlers.send({ type: 'TOGGLE_ROW', rowId }),
    normalize,
  )
}

/** Props of the inline editor of the cell being edited (a text input, or a list for enums). */
export function getDataTableEditorProps(
  input: { header: string; draft: string; invalid: boolean },
  handlers: DataTablePartHandlers,
  normalize: NormalizeProps = identityProps,
) {
  return normalize({
    'data-scope': 'data-table' as const,
    'data-part': 'editor',
    value: input.draft,
    'aria-label': input.header,
    ...(input.invalid ? { 'aria-invalid': true } : {}),
    onChange: (event: { target: { value: string } }) =>
      handlers.send({ type: 'CHANGE_DRAFT', draft: event.target.value }),
    onKeyDown: (event: { key: string; preventDefault(): void; stopPropagation?(): void }) => {
      if (event.key === 'Enter') {
        event.preventDefault()
        handlers.commit()
      } else if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation?.()
        handlers.cancel()
      }
    },
    onBlur: () => handlers.commit(),
  })
}
