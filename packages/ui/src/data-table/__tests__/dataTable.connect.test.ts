import { describe, expect, it, vi } from 'vitest'
import { getColumnMenuItems } from '../dataTable.columnMenu.js'
import { SELECT_COLUMN_ID, getGridColumnIds, getGridColumns } from '../dataTable.columns.js'
import { connectDataTable } from '../dataTable.connect.js'
import { getCursorPagesStep } from '../dataTable.cursorPages.js'
import { getDataTableDefaultOrder } from '../dataTable.defaultSort.js'
import { getDataTableHeight, getDataTableRowHeight } from '../dataTable.density.js'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import {
  createDataTableHandlers,
  getDataTableCellProps,
  getDataTableRowProps,
} from '../dataTable.parts.js'
import type { DataTableColumn, DataTableEvent } from '../dataTable.types.js'
import type { NormalizeProps } from '../../normalizeProps.js'

interface Row {
  id: string
  name: string
  age: number
  city: string
}

const columns: DataTableColumn<Row>[] = [
  { field: 'name', header: 'Name', editable: true, width: 100 },
  { field: 'age', header: 'Age', type: 'number', width: 80 },
  { field: 'city', header: 'City', width: 120 },
]

describe('connectDataTable', () => {
  it('runs every prop object through normalizeProps', () => {
    const normalizeProps = vi.fn((props: object) => ({
      ...props,
      normalized: true,
    })) as unknown as NormalizeProps
    const state = initDataTable<Row>({ columns, selectable: true })
    const api = connectDataTable(state, () => {}, {
      id: 't',
      rowIds: ['a'],
      total: 1,
      normalizeProps,
    })
    const parts = [
      api.getRootProps(),
      api.getHeadProps(),
      api.getBodyProps(),
      api.getHeaderRowProps(),
      api.getColumnHeaderProps('name'),
      api.getRowProps('a', 0),
      api.getCellProps('a', 0, 'name'),
      api.getCellErrorProps(0, 'name'),
      api.getEditorProps(),
      api.getNewRowsButtonProps(),
      api.getSelectPageCheckboxProps(),
      api.getRowCheckboxProps('a'),
      api.getColumnMenuTriggerProps('name'),
      api.getResizeHandleProps('name'),
    ]
    for (const props of parts) expect(props).toMatchObject({ normalized: true })
  })

  it('keeps the scroll container, resize handles and menu buttons out of the tab order', () => {
    const state = initDataTable<Row>({ columns })
    const api = connectDataTable(state, () => {}, { id: 't', rowIds: ['a'], total: 1 })
    expect(api.getRootProps().tabIndex).toBe(-1)
    expect(api.getBodyProps().tabIndex).toBe(-1)
    expect(api.getResizeHandleProps('name')).toMatchObject({ tabIndex: -1, 'aria-valuenow': 100 })
    expect(api.getColumnMenuTriggerProps('name')).toMatchObject({
      tabIndex: -1,
      'aria-label': 'Name column menu',
    })
    expect(api.getColumnHeaderProps('name').tabIndex).toBe(0)
    expect(api.getCellProps('a', 0, 'name').tabIndex).toBe(-1)
  })

  it('builds row and cell props from the same pure functions a memoized row calls', () => {
    const state = initDataTable<Row>({ columns, selectable: true })
    const sent: DataTableEvent[] = []
    const api = connectDataTable(state, (e) => sent.push(e), { id: 't', rowIds: ['a'], total: 1 })
    expect(api.getRowProps('a', 0)).toEqual(
      getDataTableRowProps({
        rowId: 'a',
        ariaRowIndex: 2,
        selectable: true,
        selected: false,
        changed: false,
      }),
    )
    const handlers = createDataTableHandlers((e) => sent.push(e), { getValue: () => 'Ada' })
    const cell = getDataTableCellProps(
      {
        tableId: 't',
        rowId: 'a',
        row: 1,
        col: 1,
        columnId: 'name',
        type: 'text',
        editable: true,
        focused: true,
        editing: false,
      },
      handlers,
    )
    expect(cell).toMatchObject({
      id: 't-cell-1-1',
      role: 'gridcell',
      'aria-colindex': 2,
      tabIndex: 0,
    })
    cell.onFocus()
    cell.onDoubleClick()
    expect(sent).toEqual([
      { type: 'FOCUS_CELL', row: 1, col: 1 },
      { type: 'START_EDIT', rowId: 'a', columnId: 'name', value: 'Ada' },
    ])
  })

  it('gives checkbox props shaped for <Checkbox>', () => {
    const state = initDataTable<Row>({ columns, selectable: true })
    const sent: DataTableEvent[] = []
    const api = connectDataTable(state, (e) => sent.push(e), {
      id: 't',
      rowIds: ['a', 'b'],
      total: 2,
    })
    const next = updateDataTable(state, { type: 'TOGGLE_ROW', rowId: 'a' })
    const page = connectDataTable(next, () => {}, { id: 't', rowIds: ['a', 'b'], total: 2 })
    expect(page.getSelectPageCheckboxProps()).toMatchObject({
      checked: false,
      indeterminate: true,
      tabIndex: -1,
    })
    api.getRowCheckboxProps('b').onCheckedChange(true)
    expect(sent).toEqual([{ type: 'TOGGLE_ROW', rowId: 'b' }])
  })
})

describe('pinned columns', () => {
  it('orders pinned-left, then the rest, then pinned-right, the selection column first', () => {
    let state = initDataTable<Row>({ columns, selectable: true })
    state = updateDataTable(state, { type: 'PIN_COLUMN', columnId: 'city', side: 'left' })
    state = updateDataTable(state, { type: 'PIN_COLUMN', columnId: 'name', side: 'right' })
    expect(getGridColumnIds(state)).toEqual([SELECT_COLUMN_ID, 'city', 'age', 'name'])
    expect(getGridColumns(state)).toEqual([
      { id: SELECT_COLUMN_ID, width: 48, pinned: { side: 'start', offset: 0, edge: false } },
      { id: 'city', width: 120, pinned: { side: 'start', offset: 48, edge: true } },
      { id: 'age', width: 80, pinned: null },
      { id: 'name', width: 100, pinned: { side: 'end', offset: 0, edge: true } },
    ])
  })

  it('places a pinned cell with sticky inline offsets', () => {
    const state = updateDataTable(initDataTable<Row>({ columns }), {
      type: 'PIN_COLUMN',
      columnId: 'age',
      side: 'right',
    })
    const api = connectDataTable(state, () => {}, { id: 't', rowIds: ['a'], total: 1 })
    const pinned = getGridColumns(state).find((c) => c.id === 'age')?.pinned
    expect(api.getCellProps('a', 0, 'age', { pinned })).toMatchObject({
      'data-pinned': 'end',
      'data-pinned-edge': '',
      style: { position: 'sticky', insetInlineEnd: 0 },
    })
  })
})

describe('getColumnMenuItems', () => {
  it('offers sorting, filter, hide and pinning, disabling what would change nothing', () => {
    let state = initDataTable<Row>({ columns })
    const items = () =>
      getColumnMenuItems(state, 'age').flatMap((i) =>
        i.type === 'divider' ? [] : [[i.id, i.disabled]],
      )
    expect(items()).toEqual([
      ['sortAsc', false],
      ['sortDesc', false],
      ['unsort', true],
      ['filter', false],
      ['hide', false],
      ['pinLeft', false],
      ['pinRight', false],
      ['unpin', true],
    ])
    const pick = (id: string) => {
      const item = getColumnMenuItems(state, 'age').find((i) => i.id === id)
      if (item?.type === 'divider' || !item) throw new Error(id)
      state = updateDataTable(state, item.event)
    }
    pick('sortDesc')
    expect(state.sorting).toEqual([{ id: 'age', direction: 'desc' }])
    pick('pinLeft')
    expect(state.layout.pinned.left).toEqual(['age'])
    pick('filter')
    expect(state.panel).toEqual({ kind: 'filters', columnId: 'age' })
    pick('hide')
    expect(state.layout.hidden).toEqual(['age'])
    expect(items()).toContainEqual(['sortDesc', true])
  })

  it('names an unknown column in its error', () => {
    expect(() => getColumnMenuItems(initDataTable<Row>({ columns }), 'nope')).toThrow(/nope/)
  })
})

describe('density and paging helpers', () => {
  it('gives row heights 36/52/68 and a default height fitting the page, at most 25 rows', () => {
    expect(
      ['compact', 'standard', 'comfortable'].map((d) => getDataTableRowHeight(d as 'compact')),
    ).toEqual([36, 52, 68])
    expect(getDataTableHeight(10, 52)).toBe(520)
    expect(getDataTableHeight(100, 36)).toBe(900)
  })

  it('steps cursor pages towards the wanted one', () => {
    const base = {
      page: 3,
      loadedPages: 1,
      isSuccess: true,
      hasNextPage: true,
      isFetchingNextPage: false,
    }
    expect(getCursorPagesStep(base)).toBe('fetch')
    expect(getCursorPagesStep({ ...base, isFetchingNextPage: true })).toBeNull()
    expect(getCursorPagesStep({ ...base, hasNextPage: false })).toEqual({ page: 1 })
    expect(getCursorPagesStep({ ...base, loadedPages: 3 })).toBeNull()
    expect(getCursorPagesStep({ ...base, isSuccess: false })).toBeNull()
  })
})

describe('getDataTableDefaultOrder', () => {
  const resolve = (cols: DataTableColumn<Row>[]) => initDataTable<Row>({ columns: cols }).columns
  it('prefers timestamps.createdAt, then a createdAt/updatedAt date column, then document ids', () => {
    const stamped = resolve([...columns, { field: 'made', header: 'Made', type: 'date' }])
    expect(getDataTableDefaultOrder(stamped, { createdAt: 'made' })).toEqual({
      kind: 'column',
      sorting: [{ id: 'made', direction: 'desc' }],
    })
    // Without a column for it, ordering by the stamp would hide documents that lack it.
    expect(getDataTableDefaultOrder(resolve(columns), { createdAt: 'made' })).toEqual({
      kind: 'documentId',
    })
    const dated = resolve([...columns, { field: 'updatedAt', header: 'Updated', type: 'date' }])
    expect(getDataTableDefaultOrder(dated)).toEqual({
      kind: 'column',
      sorting: [{ id: 'updatedAt', direction: 'desc' }],
    })
    expect(getDataTableDefaultOrder(resolve(columns))).toEqual({ kind: 'documentId' })
  })
})
