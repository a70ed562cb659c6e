import {
  defineComponent,
  getCurrentInstance,
  h,
  type DefineSetupFnComponent,
  type PublicProps,
  type SetupContext,
  type SlotsType,
} from 'vue'
import type { DataTableRow } from '../../data-table/dataTable.types.js'
import { invalid } from '../../invalid.js'
import { BoundTable } from './BoundTable.js'
import type {
  DataTableEmits,
  DataTableListeners,
  DataTableProps,
  DataTableSlots,
} from './DataTable.types.js'
import type { DataTableInnerProps } from './tableStateOptions.js'
import { UnboundTable } from './UnboundTable.js'

const PROPS = [
  'label',
  'columns',
  'rows',
  'collection',
  'query',
  'timestamps',
  'onCellEdit',
  'loading',
  'error',
  'onRetry',
  'pagingMode',
  'page',
  'pageSize',
  'sorting',
  'filters',
  'selection',
  'defaultPageSize',
  'defaultSorting',
  'defaultFilters',
  'selectable',
  'persistKey',
  'defaultLayout',
  'getRowId',
  'pageSizeOptions',
  'height',
  'rowHeight',
  'virtualizeAbove',
  'virtualizeColumnsAbove',
  'highlightMs',
  'messages',
  'csvExport',
] as const satisfies readonly (keyof DataTableProps)[]

const EMITS = [
  'update:page',
  'update:pageSize',
  'update:sorting',
  'update:filters',
  'update:selection',
  'rowActivate',
  'rowsChange',
  'layoutChange',
] as const satisfies readonly (keyof DataTableEmits)[]

/**
 * Material 3 data table following the WAI-ARIA grid pattern, the Vue view of the React
 * `<DataTable>` (the same models, DOM, ARIA and CSS): one Tab stop and the full grid keyboard,
 * sortable, filterable and searchable columns, a menu per column header, selection that
 * survives paging ("select all N matching"), hideable, resizable and pinnable columns, three
 * densities (persisted with `persistKey`), virtual rows and columns, inline editing, loading,
 * empty and error states, and paging. Unbound with `rows`; bound and live with `collection`
 * (and `query`) through @metal/vue. Generic over the row type, so slots and events type rows.
 *
 * ```vue
 * <DataTable label="Users" :rows="users" :columns="columns" v-model:page="page" />
 * <DataTable label="Users" collection="users" :columns="columns" selectable
 *   v-model:selection="selection" @row-activate="(user) => open(user.id)">
 *   <template #cell-role="{ text }"><Chip :label="text" /></template>
 * </DataTable>
 * ```
 */
/**
 * The type of {@link DataTable}: a component generic over the row type, which its props, events
 * and slots share, inferred from `rows` / `columns` in a template (`#cell="{ row }"` is a `Row`)
 * or given with `h(DataTable<Row>, …)`. Spelled out because `defineComponent` infers a generic
 * setup function's props but not the slots of its context.
 */
export type DataTableComponent = new <Row = DataTableRow>(
  props: DataTableProps<Row> & DataTableListeners<Row> & PublicProps,
) => InstanceType<
  DefineSetupFnComponent<
    DataTableProps<Row> & DataTableListeners<Row>,
    Pick<DataTableEmits<Row>, keyof DataTableEmits<Row>>,
    SlotsType<DataTableSlots<Row>>
  >
>

export const DataTable = defineComponent(
  <Row = DataTableRow>(
    // The listeners are typed as props too, so that handlers get the table's `Row`.
    props: DataTableProps<Row> & DataTableListeners<Row>,
    ctx: SetupContext<DataTableEmits<Row>, SlotsType<DataTableSlots<Row>>>,
  ) => {
    check(props as DataTableProps)
    const emit = ctx.emit as (event: string, ...args: unknown[]) => void
    const instance = getCurrentInstance()
    // Enter on a cell opens its row only while someone listens to `rowActivate`.
    const listening = () => {
      const vnodeProps = instance?.vnode.props ?? {}
      return Boolean(vnodeProps.onRowActivate ?? vnodeProps.onRowActivateOnce)
    }
    const activate = (row: DataTableRow, rowId: string) => emit('rowActivate', row, rowId)
    const inner: DataTableInnerProps = {
      table: props as DataTableProps,
      events: {
        activate: () => (listening() ? activate : undefined),
        rowsChange: (rows) => emit('rowsChange', rows),
        layoutChange: (layout) => emit('layoutChange', layout),
        selection: (selection) => emit('update:selection', selection),
        page: (page) => emit('update:page', page),
        pageSize: (pageSize) => emit('update:pageSize', pageSize),
        sorting: (sorting) => emit('update:sorting', sorting),
        filters: (filters) => emit('update:filters', filters),
      },
    }
    return () => {
      check(props as DataTableProps)
      const bound = props.collection !== undefined
      // Another data source or paging mode is another table: it starts over.
      const key = bound ? `bound-${props.pagingMode ?? 'offset'}` : 'unbound'
      return h(bound ? BoundTable : UnboundTable, { key, inner }, ctx.slots)
    }
  },
  {
    name: 'MetalDataTable',
    props: PROPS as unknown as (keyof DataTableProps)[],
    // An object of emits: an array would type every listener `(...args: any[]) => any`.
    emits: Object.fromEntries(EMITS.map((name) => [name, null])) as Record<never, never>,
  },
) as DataTableComponent

/** The checks the React table's types make: one data source, and what each needs. */
function check(props: DataTableProps): void {
  if (typeof props.label !== 'string')
    throw invalid('<DataTable>', 'label', 'a string', props.label)
  if (!Array.isArray(props.columns)) {
    throw invalid('<DataTable>', 'columns', 'an array of columns', props.columns)
  }
  if (props.collection !== undefined) {
    if (typeof props.collection !== 'string' || props.collection === '') {
      throw invalid('<DataTable>', 'collection', 'a collection path', props.collection)
    }
    if (props.rows !== undefined) {
      throw invalid('<DataTable>', 'rows', 'nothing when `collection` is given', props.rows)
    }
  } else if (!Array.isArray(props.rows)) {
    throw invalid('<DataTable>', 'rows', 'an array (or a `collection`)', props.rows)
  }
}
