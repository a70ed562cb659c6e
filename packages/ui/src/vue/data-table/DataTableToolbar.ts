import { defineComponent, h, nextTick, ref, watch, type PropType, type Slot } from 'vue'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import type { DataTableDensity } from '../../data-table/dataTable.types.js'
import { Button } from '../controls/Button.js'
import { Checkbox } from '../controls/Checkbox.js'
import { IconButton } from '../controls/IconButton.js'
import { Popover } from '../controls/Popover.js'
import { TextField } from '../controls/TextField.js'
import { ColumnFilter } from './ColumnFilter.js'
import type { DataTableToolbarContext } from './DataTable.types.js'
import { Menu } from '../controls/Menu.js'
import { Tooltip } from '../controls/Tooltip.js'
import type { CsvExportControl } from './useDataTableCsvExport.js'

const DENSITIES: readonly DataTableDensity[] = ['compact', 'standard', 'comfortable']
const part = (name: string) => ({ 'data-scope': 'data-table', 'data-part': name })

/**
 * Above the grid: quick search, icon buttons for the filter panel (with the count of active
 * filters), the column panel, the density menu and the CSV export, the `toolbar-actions` slot,
 * and the selection bar with "select all N matching". The panels are popovers in the top layer.
 */
export const DataTableToolbar = defineComponent({
  name: 'MetalDataTableToolbar',
  props: {
    api: { type: Object as PropType<DataTableApi<unknown>>, required: true },
    total: { type: Number as PropType<number | null>, default: null },
    /** The table's `toolbar-actions` slot. */
    actions: { type: Function as PropType<Slot<DataTableToolbarContext>>, default: undefined },
    /** The selected rows' ids, "select all matching" resolved. */
    getSelectedIds: { type: Function as PropType<() => Promise<string[]>>, required: true },
    csvExport: { type: Object as PropType<CsvExportControl>, default: undefined },
  },
  setup(props) {
    const filtersButton = ref<HTMLElement | null>(null)
    const columnsButton = ref<HTMLElement | null>(null)
    const filtersPanel = ref<HTMLElement | null>(null)
    // Opened from a column's menu, the filter panel focuses that column's filter.
    watch(
      () => {
        const panel = props.api.state.panel
        return panel?.kind === 'filters' ? (panel.columnId ?? null) : null
      },
      async (columnId) => {
        if (columnId === null) return
        await nextTick()
        const at = props.api.state.columns
          .filter((c) => c.filterable)
          .findIndex((c) => c.id === columnId)
        const filters = filtersPanel.value?.querySelectorAll('[data-part="filter"]')
        filters?.[at]?.querySelector<HTMLElement>('input, textarea, [role="combobox"]')?.focus()
      },
      { flush: 'post' },
    )
    const element = (component: unknown) =>
      ((component as { $el?: unknown } | null)?.$el as HTMLElement | undefined) ?? null
    return () => {
      const { api, csvExport } = props
      const { state, send, messages } = api
      const filterable = state.columns.filter((c) => c.filterable)
      const activeFilters = Object.keys(state.filters).length
      const panel = state.panel
      const filtersLabel =
        activeFilters > 0 ? messages.filtersActive(activeFilters) : messages.filters
      const close = (open: boolean) => {
        if (!open) send({ type: 'CLOSE_PANEL' })
      }
      const toggle = (kind: 'filters' | 'columns') =>
        send(
          panel?.kind === kind ? { type: 'CLOSE_PANEL' } : { type: 'OPEN_PANEL', panel: { kind } },
        )
      const selecting = state.selectable && (state.selection.all || state.selection.ids.length > 0)
      return h('div', part('toolbar'), [
        h('div', part('search'), [
          h(TextField, {
            label: messages.search,
            type: 'search',
            leadingIcon: 'search',
            modelValue: state.search,
            'onUpdate:modelValue': (search: string) => send({ type: 'SET_SEARCH', search }),
          }),
        ]),
        h('div', part('tools'), [
          filterable.length > 0 &&
            h('span', part('badged'), [
              h(Tooltip, { content: filtersLabel, describeChild: false }, () =>
                h(IconButton, {
                  ref: (c: unknown) => (filtersButton.value = element(c)),
                  icon: 'filter',
                  label: filtersLabel,
                  selected: panel?.kind === 'filters',
                  'aria-haspopup': 'dialog',
                  'aria-expanded': panel?.kind === 'filters',
                  onClick: () => toggle('filters'),
                }),
              ),
              activeFilters > 0 &&
                h('span', { ...part('badge'), 'aria-hidden': 'true' }, activeFilters),
            ]),
          h(Tooltip, { content: messages.columns, describeChild: false }, () =>
            h(IconButton, {
              ref: (c: unknown) => (columnsButton.value = element(c)),
              icon: 'columns',
              label: messages.columns,
              selected: panel?.kind === 'columns',
              'aria-haspopup': 'dialog',
              'aria-expanded': panel?.kind === 'columns',
              onClick: () => toggle('columns'),
            }),
          ),
          h(
            Menu,
            {
              label: messages.density,
              items: DENSITIES.map((density) => ({
                id: density,
                label: messages.densities[density],
                checked: state.layout.density === density,
                onSelect: () => send({ type: 'SET_DENSITY', density }),
              })),
            },
            {
              trigger: (trigger: Record<string, unknown>) =>
                h(Tooltip, { content: messages.density, describeChild: false }, () =>
                  h(IconButton, { ...trigger, icon: 'density', label: messages.density }),
                ),
            },
          ),
          csvExport &&
            h(
              Tooltip,
              {
                content: csvExport.busy ? messages.exporting : messages.exportCsv,
                describeChild: false,
              },
              () =>
                h(IconButton, {
                  icon: 'download',
                  label: csvExport.busy ? messages.exporting : messages.exportCsv,
                  disabled: csvExport.busy,
                  'aria-busy': csvExport.busy,
                  onClick: csvExport.start,
                }),
            ),
        ]),
        csvExport?.error &&
          h('span', { ...part('export-error'), role: 'alert' }, csvExport.error.message),
        props.actions?.({
          selection: state.selection,
          selectedCount: api.selectedCount,
          getSelectedIds: props.getSelectedIds,
          clearSelection: () => send({ type: 'CLEAR_SELECTION' }),
        }),
        selecting &&
          h('div', { ...part('selection-bar'), role: 'status' }, [
            h('span', messages.selected(api.selectedCount)),
            api.canSelectAllMatching &&
              props.total !== null &&
              h(
                Button,
                { variant: 'text', onClick: () => send({ type: 'SELECT_ALL_MATCHING' }) },
                () => messages.selectAllMatching(props.total as number),
              ),
            h(
              Button,
              { variant: 'text', onClick: () => send({ type: 'CLEAR_SELECTION' }) },
              () => messages.clearSelection,
            ),
          ]),
        h(
          Popover,
          {
            open: panel?.kind === 'filters' && filtersButton.value !== null,
            'onUpdate:open': close,
            anchor: filtersButton.value,
            label: messages.filters,
          },
          () =>
            h('div', { ...part('panel'), ref: filtersPanel }, [
              ...filterable.map((column) =>
                h(ColumnFilter, {
                  key: column.id,
                  column,
                  filter: state.filters[column.id],
                  messages,
                  onChange: (filter) => send({ type: 'SET_FILTER', columnId: column.id, filter }),
                }),
              ),
              h(
                Button,
                {
                  variant: 'text',
                  icon: 'close',
                  disabled: activeFilters === 0 && state.search === '',
                  onClick: () => send({ type: 'CLEAR_FILTERS' }),
                },
                () => messages.clearFilters,
              ),
            ]),
        ),
        h(
          Popover,
          {
            open: panel?.kind === 'columns' && columnsButton.value !== null,
            'onUpdate:open': close,
            anchor: columnsButton.value,
            label: messages.columns,
          },
          () =>
            h(
              'div',
              part('panel'),
              state.columns.map((column) => {
                const visible = !state.layout.hidden.includes(column.id)
                const last = visible && state.layout.hidden.length === state.columns.length - 1
                return h(Checkbox, {
                  key: column.id,
                  label: column.header,
                  modelValue: visible,
                  disabled: last,
                  'onUpdate:modelValue': (checked: boolean) =>
                    send({ type: 'SET_COLUMN_VISIBLE', columnId: column.id, visible: checked }),
                })
              }),
            ),
        ),
      ])
    }
  },
})
