import { defineComponent, h, type PropType } from 'vue'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import { onPinnedMouseDown } from '../../data-table/dataTable.focus.js'
import { Icon } from '../controls/Icon.js'
import { ColumnMenu } from './ColumnMenu.js'
import type { DataTableRowColumn } from './DataTableRow.js'
import { ResizeHandle } from './ResizeHandle.js'
import { SelectionCheckbox } from './SelectionCheckbox.js'
import { SortIndicator } from './SortIndicator.js'

/**
 * The header row: the selection column's "select page" checkbox, then each shown column's
 * header with its sort indicator, menu button and resize handle. Only the same window of columns
 * as the rows is rendered, plus the pinned and the focused ones.
 */
export const DataTableHeader = defineComponent({
  name: 'MetalDataTableHeader',
  props: {
    /** `connectDataTable` with `vueProps`. */
    api: { type: Object as PropType<DataTableApi<unknown>>, required: true },
    columns: { type: Array as PropType<readonly DataTableRowColumn<unknown>[]>, required: true },
    template: { type: String, required: true },
    colStart: { type: Number, required: true },
    colEnd: { type: Number, required: true },
  },
  setup(props) {
    return () => {
      const { api, columns } = props
      const { state, send, focus } = api
      const shown = columns.filter(
        ({ col, pinned }) =>
          (col >= props.colStart && col < props.colEnd) ||
          pinned !== null ||
          (focus.row === 0 && col === focus.col),
      )
      const windowed = shown.length < columns.length
      return h('div', api.getHeadProps(), [
        h(
          'div',
          { ...api.getHeaderRowProps(), style: { gridTemplateColumns: props.template } },
          shown.map(({ col, column, pinned }) => {
            const placement = { gridColumn: windowed ? col + 1 : undefined, pinned }
            const pin = pinned ? { onMousedown: onPinnedMouseDown } : {}
            if (column === null) {
              return h(
                'div',
                { key: '$select', ...api.getColumnHeaderProps('$select', placement), ...pin },
                [h(SelectionCheckbox, api.getSelectPageCheckboxProps())],
              )
            }
            return h(
              'div',
              { key: column.id, ...api.getColumnHeaderProps(column.id, placement), ...pin },
              [
                h(
                  'span',
                  { 'data-scope': 'data-table', 'data-part': 'header-label' },
                  column.header,
                ),
                h(SortIndicator, { state, columnId: column.id }),
                state.filters[column.id]
                  ? h(
                      'span',
                      {
                        'data-scope': 'data-table',
                        'data-part': 'filter-indicator',
                        'aria-hidden': 'true',
                      },
                      [h(Icon, { name: 'filter', size: 16 })],
                    )
                  : null,
                h(ColumnMenu, { api, column }),
                h(ResizeHandle, {
                  ...api.getResizeHandleProps(column.id),
                  width: api.width(column),
                  onResize: (width: number) =>
                    send({ type: 'RESIZE_COLUMN', columnId: column.id, width }),
                }),
              ],
            )
          }),
        ),
      ])
    }
  },
})
