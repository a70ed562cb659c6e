import { defineComponent, h, type PropType, type Slots, type VNodeChild } from 'vue'
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
import { onPinnedMouseDown } from '../../data-table/dataTable.focus.js'
import { formatCellValue, getCellValue } from '../../data-table/dataTable.values.js'
import type { ResolvedColumn } from '../../data-table/dataTable.types.js'
import { vueProps } from '../normalizeProps.js'
import { CellEditor } from './CellEditor.js'
import { SelectionCheckbox } from './SelectionCheckbox.js'

/** What the `cell` and `cell-<field>` slots get: the cell's row, column, value and text. */
export interface DataTableCellContext<Row> {
  row: Row
  rowId: string
  column: ResolvedColumn<Row>
  /** The cell's value (`getCellValue`), before formatting. */
  value: unknown
  /** The text the table would show: the column's `format`, else the default for its type. */
  text: string
}

/** A column of a row as laid out: its grid index, definition (null: selection) and pinning. */
export interface DataTableRowColumn<Row> {
  col: number
  column: ResolvedColumn<Row> | null
  pinned: DataTablePinnedCell | null
}

/**
 * One row of the data table. Its props are primitives and references that change only with
 * this row, so a table render re-renders only the rows whose own inputs changed.
 */
export const DataTableRowView = defineComponent({
  name: 'MetalDataTableRow',
  props: {
    row: { type: null as unknown as PropType<unknown>, required: true },
    rowId: { type: String, required: true },
    /** Index of the row on the page (0 for the first row). */
    index: { type: Number, required: true },
    tableId: { type: String, required: true },
    ariaRowIndex: { type: Number, required: true },
    gridTemplate: { type: String, required: true },
    columns: { type: Array as PropType<readonly DataTableRowColumn<unknown>[]>, required: true },
    colStart: { type: Number, required: true },
    colEnd: { type: Number, required: true },
    selectable: { type: Boolean, required: true },
    selected: { type: Boolean, required: true },
    changed: { type: Boolean, required: true },
    /** Grid column index of the focused cell when it is in this row, else -1. */
    focusedCol: { type: Number, required: true },
    /** Grid column index of the cell being edited when it is in this row, else -1. */
    editingCol: { type: Number, required: true },
    draft: { type: String, required: true },
    editError: { type: String as PropType<string | null>, default: null },
    cellErrors: { type: Object as PropType<Readonly<Record<string, string>>>, default: undefined },
    messages: { type: Object as PropType<DataTableMessages>, required: true },
    /** Virtualized rows: the row's offset from the top of the body, in CSS pixels. */
    top: { type: Number, default: undefined },
    height: { type: Number, default: undefined },
    handlers: { type: Object as PropType<DataTablePartHandlers>, required: true },
    /** The table's slots: `cell` and `cell-<field>` give custom cell content. */
    cellSlots: { type: Object as PropType<Slots>, required: true },
  },
  setup(props) {
    return () => {
      const { row, rowId, index, tableId, columns, handlers, focusedCol, editingCol } = props
      // Columns outside the window are left out; pinned, focused and edited cells always stay,
      // so the roving tab stop and the editor never leave the DOM.
      const shown = columns.filter(
        ({ col, pinned }) =>
          (col >= props.colStart && col < props.colEnd) ||
          pinned !== null ||
          col === focusedCol ||
          col === editingCol,
      )
      const windowed = shown.length < columns.length
      const style =
        props.top === undefined
          ? { gridTemplateColumns: props.gridTemplate }
          : {
              gridTemplateColumns: props.gridTemplate,
              position: 'absolute',
              top: 0,
              insetInlineStart: 0,
              minWidth: '100%',
              height: `${props.height}px`,
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
        vueProps,
      )
      return h(
        'div',
        { ...rowProps, style },
        shown.map(({ col, column, pinned }) => {
          const editing = col === editingCol
          const columnId = column?.id ?? '$select'
          const error = editing ? props.editError : props.cellErrors?.[columnId]
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
            vueProps,
          )
          let content: VNodeChild
          if (column === null) {
            content = h(
              SelectionCheckbox,
              getDataTableRowCheckboxProps(
                rowId,
                props.selected,
                props.messages.selectRow(rowId),
                handlers,
                vueProps,
              ),
            )
          } else if (editing) {
            content = h(CellEditor, {
              type: column.type,
              header: column.header,
              options: column.options,
              messages: props.messages,
              editor: getDataTableEditorProps(
                { header: column.header, draft: props.draft, invalid: Boolean(props.editError) },
                handlers,
              ),
            })
          } else {
            content = cellContent(row, rowId, column, props.messages, props.cellSlots)
          }
          return h(
            'div',
            {
              key: columnId,
              ...cellProps,
              ...(pinned ? { onMousedown: onPinnedMouseDown } : {}),
            },
            [
              content,
              error
                ? h('span', getDataTableCellErrorProps(tableId, index + 1, col, vueProps), error)
                : null,
            ],
          )
        }),
      )
    }
  },
})

/** A cell's text, or what its `cell-<field>` (else `cell`) slot renders for it. */
function cellContent<Row>(
  row: Row,
  rowId: string,
  column: ResolvedColumn<Row>,
  messages: DataTableMessages,
  slots: Slots,
): VNodeChild {
  const value = getCellValue(row, column)
  const text = formatCellValue(column, value, row, messages)
  const slot = slots[`cell-${column.id}`] ?? slots.cell
  const context: DataTableCellContext<Row> = { row, rowId, column, value, text }
  return h(
    'span',
    { 'data-scope': 'data-table', 'data-part': 'cell-value' },
    slot ? slot(context) : text,
  )
}
