import { useRef, useState, type ReactNode } from 'react'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import type { DataTableDensity } from '../../data-table/dataTable.types.js'
import { Button } from '../controls/Button.js'
import { Checkbox } from '../controls/Checkbox.js'
import { IconButton } from '../controls/IconButton.js'
import { Menu } from '../controls/Menu.js'
import { Popover } from '../controls/Popover.js'
import { TextField } from '../controls/TextField.js'
import { Tooltip } from '../controls/Tooltip.js'
import type { DataTableToolbarContext } from './DataTable.js'
import { ColumnFilter } from './ColumnFilter.js'
import type { CsvExportControl } from './useDataTableCsvExport.js'

const DENSITIES: readonly DataTableDensity[] = ['compact', 'standard', 'comfortable']

/**
 * Above the grid: quick search, icon buttons for the filter panel (with the count of active
 * filters), the column panel, the density menu and the CSV export, the caller's actions, and
 * the selection bar with "select all N matching". The panels are popovers in the top layer.
 */
export function DataTableToolbar<Row>({
  api,
  total,
  actions,
  getSelectedIds,
  csvExport,
}: {
  api: DataTableApi<Row>
  total: number | null
  actions?: ReactNode | ((context: DataTableToolbarContext) => ReactNode)
  /** The selected rows' ids, "select all matching" resolved. */
  getSelectedIds: () => Promise<string[]>
  csvExport?: CsvExportControl | undefined
}) {
  const { state, send, messages } = api
  const filterable = state.columns.filter((c) => c.filterable)
  const activeFilters = Object.keys(state.filters).length
  const [filtersButton, setFiltersButton] = useState<HTMLElement | null>(null)
  const [columnsButton, setColumnsButton] = useState<HTMLElement | null>(null)
  const focusFilter = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null)
  const panel = state.panel
  const filtersLabel = activeFilters > 0 ? messages.filtersActive(activeFilters) : messages.filters
  const filterColumn = panel?.kind === 'filters' ? panel.columnId : undefined
  const close = (open: boolean) => {
    if (!open) send({ type: 'CLOSE_PANEL' })
  }
  return (
    <div data-scope="data-table" data-part="toolbar">
      <div data-scope="data-table" data-part="search">
        <TextField
          label={messages.search}
          type="search"
          leadingIcon="search"
          value={state.search}
          onValueChange={(search) => send({ type: 'SET_SEARCH', search })}
        />
      </div>
      <div data-scope="data-table" data-part="tools">
        {filterable.length > 0 && (
          <span data-scope="data-table" data-part="badged">
            <Tooltip content={filtersLabel} describeChild={false}>
              <IconButton
                ref={setFiltersButton}
                icon="filter"
                label={filtersLabel}
                selected={panel?.kind === 'filters'}
                aria-haspopup="dialog"
                aria-expanded={panel?.kind === 'filters'}
                onClick={() =>
                  send(
                    panel?.kind === 'filters'
                      ? { type: 'CLOSE_PANEL' }
                      : { type: 'OPEN_PANEL', panel: { kind: 'filters' } },
                  )
                }
              />
            </Tooltip>
            {activeFilters > 0 && (
              <span data-scope="data-table" data-part="badge" aria-hidden="true">
                {activeFilters}
              </span>
            )}
          </span>
        )}
        <Tooltip content={messages.columns} describeChild={false}>
          <IconButton
            ref={setColumnsButton}
            icon="columns"
            label={messages.columns}
            selected={panel?.kind === 'columns'}
            aria-haspopup="dialog"
            aria-expanded={panel?.kind === 'columns'}
            onClick={() =>
              send(
                panel?.kind === 'columns'
                  ? { type: 'CLOSE_PANEL' }
                  : { type: 'OPEN_PANEL', panel: { kind: 'columns' } },
              )
            }
          />
        </Tooltip>
        <Menu
          label={messages.density}
          items={DENSITIES.map((density) => ({
            id: density,
            label: messages.densities[density],
            checked: state.layout.density === density,
            onSelect: () => send({ type: 'SET_DENSITY', density }),
          }))}
          trigger={(props) => (
            <Tooltip content={messages.density} describeChild={false}>
              <IconButton {...props} icon="density" label={messages.density} />
            </Tooltip>
          )}
        />
        {csvExport && (
          <Tooltip
            content={csvExport.busy ? messages.exporting : messages.exportCsv}
            describeChild={false}
          >
            <IconButton
              icon="download"
              label={csvExport.busy ? messages.exporting : messages.exportCsv}
              disabled={csvExport.busy}
              aria-busy={csvExport.busy}
              onClick={csvExport.start}
            />
          </Tooltip>
        )}
      </div>
      {csvExport?.error && (
        <span data-scope="data-table" data-part="export-error" role="alert">
          {csvExport.error.message}
        </span>
      )}
      {typeof actions === 'function'
        ? actions({
            selection: state.selection,
            selectedCount: api.selectedCount,
            getSelectedIds,
            clearSelection: () => send({ type: 'CLEAR_SELECTION' }),
          })
        : actions}
      {state.selectable && (state.selection.all || state.selection.ids.length > 0) && (
        <div data-scope="data-table" data-part="selection-bar" role="status">
          <span>{messages.selected(api.selectedCount)}</span>
          {api.canSelectAllMatching && total !== null && (
            <Button variant="text" onClick={() => send({ type: 'SELECT_ALL_MATCHING' })}>
              {messages.selectAllMatching(total)}
            </Button>
          )}
          <Button variant="text" onClick={() => send({ type: 'CLEAR_SELECTION' })}>
            {messages.clearSelection}
          </Button>
        </div>
      )}
      <Popover
        open={panel?.kind === 'filters' && filtersButton !== null}
        onOpenChange={close}
        anchor={filtersButton}
        label={messages.filters}
        initialFocus={filterColumn ? focusFilter : 'first'}
      >
        <div data-scope="data-table" data-part="panel">
          {filterable.map((column) => (
            <ColumnFilter
              key={column.id}
              column={column}
              filter={state.filters[column.id]}
              messages={messages}
              onChange={(filter) => send({ type: 'SET_FILTER', columnId: column.id, filter })}
              inputRef={column.id === filterColumn ? focusFilter : undefined}
            />
          ))}
          <Button
            variant="text"
            icon="close"
            disabled={activeFilters === 0 && state.search === ''}
            onClick={() => send({ type: 'CLEAR_FILTERS' })}
          >
            {messages.clearFilters}
          </Button>
        </div>
      </Popover>
      <Popover
        open={panel?.kind === 'columns' && columnsButton !== null}
        onOpenChange={close}
        anchor={columnsButton}
        label={messages.columns}
      >
        <div data-scope="data-table" data-part="panel">
          {state.columns.map((column) => {
            const visible = !state.layout.hidden.includes(column.id)
            const last = visible && state.layout.hidden.length === state.columns.length - 1
            return (
              <Checkbox
                key={column.id}
                label={column.header}
                checked={visible}
                disabled={last}
                onCheckedChange={(checked) =>
                  send({ type: 'SET_COLUMN_VISIBLE', columnId: column.id, visible: checked })
                }
              />
            )
          })}
        </div>
      </Popover>
    </div>
  )
}
