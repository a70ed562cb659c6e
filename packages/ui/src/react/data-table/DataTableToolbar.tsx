import { useId } from 'react'
import { toDraft } from '../../data-table/dataTable.values.js'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import type { DataTableToolbarContext } from './DataTable.js'
import type { CsvExportControl } from './useDataTableCsvExport.js'
import type { DataTableFilter, ResolvedColumn } from '../../data-table/dataTable.types.js'

const parseNumber = (text: string) => (text.trim() === '' ? undefined : Number(text))
const parseDate = (text: string) => (text === '' ? undefined : Date.parse(text))
const parseEndOfDay = (text: string) => (text === '' ? undefined : Date.parse(text) + 86_399_999)

/** The filter control fitted to a column's type. */
function ColumnFilter<Row>({
  column,
  filter,
  onChange,
}: {
  column: ResolvedColumn<Row>
  filter: DataTableFilter | undefined
  onChange: (filter: DataTableFilter | null) => void
}) {
  const id = useId()
  const label = column.header
  switch (column.type) {
    case 'number': {
      const f = filter?.kind === 'range' ? filter : undefined
      const set = (patch: { min?: number; max?: number }) => {
        const next = { kind: 'range' as const, min: f?.min, max: f?.max, ...patch }
        onChange(Number.isNaN(next.min) || Number.isNaN(next.max) ? null : next)
      }
      return (
        <fieldset data-scope="data-table" data-part="filter" data-type="number">
          <legend>{label}</legend>
          <input
            type="number"
            aria-label={`${label} from`}
            value={f?.min ?? ''}
            onChange={(e) => set({ min: parseNumber(e.target.value) })}
          />
          <input
            type="number"
            aria-label={`${label} to`}
            value={f?.max ?? ''}
            onChange={(e) => set({ max: parseNumber(e.target.value) })}
          />
        </fieldset>
      )
    }
    case 'date': {
      const f = filter?.kind === 'dateRange' ? filter : undefined
      const set = (patch: { from?: number; to?: number }) =>
        onChange({ kind: 'dateRange', from: f?.from, to: f?.to, ...patch })
      return (
        <fieldset data-scope="data-table" data-part="filter" data-type="date">
          <legend>{label}</legend>
          <input
            type="date"
            aria-label={`${label} from`}
            value={f?.from === undefined ? '' : toDraft('date', f.from)}
            onChange={(e) => set({ from: parseDate(e.target.value) })}
          />
          <input
            type="date"
            aria-label={`${label} to`}
            value={f?.to === undefined ? '' : toDraft('date', f.to)}
            onChange={(e) => set({ to: parseEndOfDay(e.target.value) })}
          />
        </fieldset>
      )
    }
    case 'enum': {
      const values = filter?.kind === 'set' ? filter.values : []
      return (
        <fieldset data-scope="data-table" data-part="filter" data-type="enum">
          <legend>{label}</legend>
          {column.options.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={values.includes(o.value)}
                onChange={(e) =>
                  onChange({
                    kind: 'set',
                    values: e.target.checked
                      ? [...values, o.value]
                      : values.filter((v) => v !== o.value),
                  })
                }
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      )
    }
    case 'boolean': {
      const value = filter?.kind === 'equals' ? String(filter.value) : ''
      return (
        <div data-scope="data-table" data-part="filter" data-type="boolean">
          <label htmlFor={id}>{label}</label>
          <select
            id={id}
            value={value}
            onChange={(e) =>
              onChange(
                e.target.value === '' ? null : { kind: 'equals', value: e.target.value === 'true' },
              )
            }
          >
            <option value="">Any</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        </div>
      )
    }
    default: {
      const text = filter?.kind === 'contains' ? filter.text : ''
      return (
        <div data-scope="data-table" data-part="filter" data-type="text">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="text"
            value={text}
            onChange={(e) => onChange({ kind: 'contains', text: e.target.value })}
          />
        </div>
      )
    }
  }
}

/**
 * Above the grid: quick search, the filter panel, the column panel (visibility), the CSV export
 * button, and the selection bar with "select all N matching".
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
  actions?: React.ReactNode | ((context: DataTableToolbarContext) => React.ReactNode)
  /** The selected rows' ids, "select all matching" resolved. */
  getSelectedIds: () => Promise<string[]>
  csvExport?: CsvExportControl | undefined
}) {
  const { state, send, messages } = api
  const searchId = useId()
  const filterable = state.columns.filter((c) => c.filterable)
  const activeFilters = Object.keys(state.filters).length
  return (
    <div data-scope="data-table" data-part="toolbar">
      <div data-scope="data-table" data-part="search">
        <label htmlFor={searchId}>{messages.search}</label>
        <input
          id={searchId}
          type="search"
          value={state.search}
          onChange={(e) => send({ type: 'SET_SEARCH', search: e.target.value })}
        />
      </div>
      {filterable.length > 0 && (
        <details data-scope="data-table" data-part="filters">
          <summary>Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}</summary>
          <div data-scope="data-table" data-part="panel">
            {filterable.map((column) => (
              <ColumnFilter
                key={column.id}
                column={column}
                filter={state.filters[column.id]}
                onChange={(filter) => send({ type: 'SET_FILTER', columnId: column.id, filter })}
              />
            ))}
            <button type="button" onClick={() => send({ type: 'CLEAR_FILTERS' })}>
              Clear filters
            </button>
          </div>
        </details>
      )}
      <details data-scope="data-table" data-part="columns">
        <summary>Columns</summary>
        <div data-scope="data-table" data-part="panel">
          {state.columns.map((column) => {
            const visible = !state.layout.hidden.includes(column.id)
            const last = visible && state.layout.hidden.length === state.columns.length - 1
            return (
              <label key={column.id}>
                <input
                  type="checkbox"
                  checked={visible}
                  disabled={last}
                  onChange={(e) =>
                    send({
                      type: 'SET_COLUMN_VISIBLE',
                      columnId: column.id,
                      visible: e.target.checked,
                    })
                  }
                />
                {column.header}
              </label>
            )
          })}
        </div>
      </details>
      {csvExport && (
        <button
          type="button"
          data-scope="data-table"
          data-part="export"
          disabled={csvExport.busy}
          aria-busy={csvExport.busy}
          onClick={csvExport.start}
        >
          {csvExport.busy ? messages.exporting : messages.exportCsv}
        </button>
      )}
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
            <button type="button" onClick={() => send({ type: 'SELECT_ALL_MATCHING' })}>
              {messages.selectAllMatching(total)}
            </button>
          )}
          <button type="button" onClick={() => send({ type: 'CLEAR_SELECTION' })}>
            {messages.clearSelection}
          </button>
        </div>
      )}
    </div>
  )
}
