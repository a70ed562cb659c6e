import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import {
  SELECT_COLUMN_ID,
  getGridColumnIds,
  getVisibleColumns,
  parseDataTableLayout,
} from '../dataTable.columns.js'
import { resolveEdit } from '../dataTable.editing.js'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import { getPageSelection, getSelectedCount, isRowSelected } from '../dataTable.selection.js'
import { getAriaSort } from '../dataTable.sorting.js'
import type { DataTableColumn, DataTableEvent, DataTableState } from '../dataTable.types.js'

interface User {
  id: string
  name: string
  age: number
  role: string
  address: { city: string }
}

const columns: DataTableColumn<User>[] = [
  { field: 'name', header: 'Name', editable: true, validate: (v) => (v ? null : 'Required') },
  { field: 'age', header: 'Age', type: 'number', editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
  { field: 'address.city', header: 'City' },
]

const init = (extra: Partial<Parameters<typeof initDataTable<User>>[0]> = {}) =>
  initDataTable<User>({ columns, ...extra })

function run(state: DataTableState<User>, ...events: DataTableEvent[]) {
  return events.reduce(updateDataTable, state)
}

function errorOf(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (error) {
    return error as MetalError
  }
  throw new Error('did not throw')
}

describe('initDataTable', () => {
  it('resolves column defaults: id from field, text type, sortable and filterable', () => {
    const [name, , , city] = init().columns
    expect(name).toMatchObject({ id: 'name', type: 'text', sortable: true, filterable: true })
    expect(city).toMatchObject({ id: 'address.city', field: 'address.city', width: 160 })
  })

  it('makes custom columns neither sortable nor filterable unless asked', () => {
    const state = initDataTable({ columns: [{ id: 'x', header: 'X', type: 'custom' }] })
    expect(state.columns[0]).toMatchObject({ sortable: false, filterable: false })
  })

  it.each([
    [{ columns: [] }, 'columns must be a non-empty array'],
    [{ columns: [{ header: 'A' }] }, 'columns[0].id must be a non-empty string'],
    [{ columns: [{ field: 'a', header: 'A', type: 'money' }] }, 'columns[0].type must be'],
    [{ columns: [{ field: 'a', header: 'A', type: 'enum' }] }, 'columns[0].options'],
    [{ columns: [{ field: 'a', header: 'A', width: -3 }] }, 'columns[0].width'],
    [
      {
        columns: [
          { field: 'a', header: 'A' },
          { field: 'a', header: 'B' },
        ],
      },
      'column ids must be unique',
    ],
    [{ columns, pageSize: 0 }, 'pageSize must be a positive integer, got 0'],
    [{ columns, sorting: [{ id: 'nope', direction: 'asc' }] }, 'sorting[0].id'],
    [
      { columns, filters: { age: { kind: 'contains', text: 'x' } } },
      "filters.age must be a 'range' filter",
    ],
  ])('rejects bad options with a MetalError naming them (%#)', (options, message) => {
    const error = errorOf(() => initDataTable(options as never, '<DataTable>'))
    expect(error).toBeInstanceOf(MetalError)
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toContain('<DataTable>: ')
    expect(error.message).toContain(message)
  })

  it('restores a saved layout, ignoring columns that no longer exist', () => {
    const state = init({ layout: { hidden: ['age', 'gone'], widths: { name: 300, gone: 5 } } })
    expect(state.layout).toEqual({
      hidden: ['age'],
      widths: { name: 300 },
      pinned: { left: [], right: [] },
      density: 'standard',
    })
    expect(getVisibleColumns(state).map((c) => c.id)).toEqual(['name', 'role', 'address.city'])
  })
})

describe('sorting', () => {
  it('cycles a clicked column asc → desc → unsorted and reports aria-sort', () => {
    let state = run(init(), { type: 'TOGGLE_SORT', columnId: 'age' })
    expect(state.sorting).toEqual([{ id: 'age', direction: 'asc' }])
    expect(getAriaSort(state, 'age')).toBe('ascending')
    expect(getAriaSort(state, 'name')).toBe('none')
    state = run(state, { type: 'TOGGLE_SORT', columnId: 'age' })
    expect(getAriaSort(state, 'age')).toBe('descending')
    state = run(state, { type: 'TOGGLE_SORT', columnId: 'age' })
    expect(state.sorting).toEqual([])
  })

  it('adds keys with shift-click and replaces them all with a plain click', () => {
    let state = run(
      init(),
      { type: 'TOGGLE_SORT', columnId: 'role' },
      { type: 'TOGGLE_SORT', columnId: 'age', multi: true },
      { type: 'TOGGLE_SORT', columnId: 'age', multi: true },
    )
    expect(state.sorting).toEqual([
      { id: 'role', direction: 'asc' },
      { id: 'age', direction: 'desc' },
    ])
    state = run(state, { type: 'TOGGLE_SORT', columnId: 'name' })
    expect(state.sorting).toEqual([{ id: 'name', direction: 'asc' }])
  })

  it('goes back to the first page when the order changes', () => {
    const state = run(init({ page: 3 }), { type: 'TOGGLE_SORT', columnId: 'age' })
    expect(state.page).toBe(1)
  })
})

describe('filters and search', () => {
  it('sets, replaces and drops a column filter; an empty filter is no filter', () => {
    let state = run(init({ page: 2 }), {
      type: 'SET_FILTER',
      columnId: 'age',
      filter: { kind: 'range', min: 30 },
    })
    expect(state.filters).toEqual({ age: { kind: 'range', min: 30 } })
    expect(state.page).toBe(1)
    state = run(state, { type: 'SET_FILTER', columnId: 'age', filter: { kind: 'range' } })
    expect(state.filters).toEqual({})
  })

  it('rejects a filter that does not fit the column type', () => {
    const error = errorOf(() =>
      run(init(), { type: 'SET_FILTER', columnId: 'role', filter: { kind: 'range', min: 1 } }),
    )
    expect(error.message).toContain("filters.role must be a 'set' filter for a enum column")
  })

  it('clears "select all matching" when the matching rows change', () => {
    let state = run(init({ selectable: true }), { type: 'SELECT_ALL_MATCHING' })
    state = run(state, { type: 'SET_SEARCH', search: 'ad' })
    expect(state.search).toBe('ad')
    expect(state.selection).toEqual({ all: false, ids: [] })
  })
})

describe('paging', () => {
  it('keeps the first row on screen when the page size changes (offset pages)', () => {
    const state = run(init({ page: 3, pageSize: 10 }), { type: 'SET_PAGE_SIZE', pageSize: 25 })
    expect(state).toMatchObject({ page: 1, pageSize: 25 }) // row 21 is on page 1 of 25
    expect(run(init({ page: 4, pageSize: 10 }), { type: 'SET_PAGE_SIZE', pageSize: 15 }).page).toBe(
      3,
    )
  })

  it('starts cursor pages over when the page size changes', () => {
    const state = run(init({ pagingMode: 'cursor', page: 3 }), {
      type: 'SET_PAGE_SIZE',
      pageSize: 50,
    })
    expect(state.page).toBe(1)
  })

  it('rejects a page that is not a positive integer', () => {
    expect(errorOf(() => run(init(), { type: 'SET_PAGE', page: 1.5 })).message).toBe(
      'updateDataTable(SET_PAGE): page must be a positive integer, got 1.5',
    )
  })
})

describe('selection', () => {
  it('toggles rows and selects or clears a page', () => {
    let state = run(init({ selectable: true }), { type: 'TOGGLE_ROW', rowId: 'a' })
    expect(isRowSelected(state.selection, 'a')).toBe(true)
    expect(getPageSelection(state.selection, ['a', 'b'])).toBe('some')
    state = run(state, { type: 'SET_ROWS_SELECTED', rowIds: ['a', 'b'], selected: true })
    expect(getPageSelection(state.selection, ['a', 'b'])).toBe('all')
    state = run(state, { type: 'SET_ROWS_SELECTED', rowIds: ['a', 'b'], selected: false })
    expect(state.selection).toEqual({ all: false, ids: [] })
  })

  it('tracks "select all matching" as excluded ids, across pages and new rows', () => {
    let state = run(init({ selectable: true }), { type: 'SELECT_ALL_MATCHING' })
    expect(isRowSelected(state.selection, 'row-on-page-9')).toBe(true)
    state = run(state, { type: 'TOGGLE_ROW', rowId: 'b' }, { type: 'SET_PAGE', page: 2 })
    expect(isRowSelected(state.selection, 'b')).toBe(false)
    expect(isRowSelected(state.selection, 'arrived-later')).toBe(true)
    expect(getSelectedCount(state.selection, 135)).toBe(134)
    // b was deleted elsewhere: it no longer counts against the total.
    expect(getSelectedCount(state.selection, 134, (id) => id !== 'b')).toBe(134)
    expect(getSelectedCount(state.selection, null)).toBeNull()
  })
})

describe('column layout', () => {
  it('hides and shows columns but always keeps one', () => {
    let state = run(
      init(),
      { type: 'SET_COLUMN_VISIBLE', columnId: 'age', visible: false },
      { type: 'SET_COLUMN_VISIBLE', columnId: 'role', visible: false },
      { type: 'SET_COLUMN_VISIBLE', columnId: 'address.city', visible: false },
    )
    expect(state.layout.hidden).toEqual(['age', 'role', 'address.city'])
    expect(run(state, { type: 'SET_COLUMN_VISIBLE', columnId: 'name', visible: false })).toBe(state)
    state = run(state, { type: 'SET_COLUMN_VISIBLE', columnId: 'age', visible: true })
    expect(getVisibleColumns(state).map((c) => c.id)).toEqual(['name', 'age'])
  })

  it('resizes a column, never below its minimum, and round-trips the layout as JSON', () => {
    const state = run(
      init(),
      { type: 'RESIZE_COLUMN', columnId: 'name', width: 241.6 },
      { type: 'RESIZE_COLUMN', columnId: 'age', width: 3 },
    )
    expect(state.layout.widths).toEqual({ name: 242, age: 48 })
    expect(parseDataTableLayout(JSON.stringify(state.layout))).toEqual(state.layout)
  })

  it('reads broken stored layouts as null', () => {
    expect(parseDataTableLayout('{not json')).toBeNull()
    expect(parseDataTableLayout('42')).toBeNull()
    expect(parseDataTableLayout(null)).toBeNull()
  })
})

describe('keyboard (WAI-ARIA grid)', () => {
  const rowIds = ['a', 'b', 'c', 'd', 'e']
  const key = (k: string, extra: object = {}): DataTableEvent => ({
    type: 'KEYDOWN',
    key: k,
    rowIds,
    rowValue: (rowId, columnId) => (columnId === 'age' ? 40 : `${rowId}-${columnId}`),
    ...extra,
  })

  it('moves with the arrows and stops at the edges', () => {
    let state = run(init(), key('ArrowLeft'), key('ArrowUp'))
    expect(state.focus).toEqual({ row: 0, col: 0 })
    state = run(state, key('ArrowDown'), key('ArrowDown'), key('ArrowRight'))
    expect(state.focus).toEqual({ row: 2, col: 1 })
  })

  it('jumps with Home/End, Ctrl+Home/End and PageUp/PageDown', () => {
    let state = run(init(), key('ArrowDown'), key('End'))
    expect(state.focus).toEqual({ row: 1, col: 3 })
    state = run(state, key('Home'))
    expect(state.focus).toEqual({ row: 1, col: 0 })
    state = run(state, key('End', { ctrlKey: true }))
    expect(state.focus).toEqual({ row: 5, col: 3 })
    state = run(state, key('Home', { ctrlKey: true }))
    expect(state.focus).toEqual({ row: 0, col: 0 })
    state = run(state, key('PageDown', { pageStep: 3 }))
    expect(state.focus.row).toBe(3)
    state = run(state, key('PageUp', { pageStep: 3 }), key('PageDown'))
    expect(state.focus.row).toBe(5)
  })

  it('sorts from a header with Enter (shift adds a key)', () => {
    const state = run(
      init(),
      key('ArrowRight'),
      key('Enter'),
      key('ArrowRight'),
      key('Enter', { shiftKey: true }),
    )
    expect(state.sorting).toEqual([
      { id: 'age', direction: 'asc' },
      { id: 'role', direction: 'asc' },
    ])
  })

  it('toggles a row with Space in the selection column', () => {
    const state = run(init({ selectable: true }), key('ArrowDown'), key(' '))
    expect(getGridColumnIds(state)[0]).toBe(SELECT_COLUMN_ID)
    expect(state.selection.ids).toEqual(['a'])
  })

  it('starts editing with Enter on an editable cell and cancels with Escape', () => {
    let state = run(init(), key('ArrowDown'), key('ArrowDown'), key('ArrowRight'), key('Enter'))
    expect(state.editing).toEqual({ rowId: 'b', columnId: 'age', draft: '40', error: null })
    expect(run(state, key('ArrowDown'))).toBe(state) // the editor has the keys
    state = run(state, key('Escape'))
    expect(state.editing).toBeNull()
  })

  it('does not edit read-only cells', () => {
    const state = run(init(), key('ArrowDown'), key('End'), key('Enter'))
    expect(state.editing).toBeNull()
  })
})

describe('inline editing', () => {
  const row: User = { id: 'a', name: 'Ada', age: 36, role: 'admin', address: { city: 'X' } }

  it('parses the draft for the column type', () => {
    const state = run(
      init(),
      { type: 'START_EDIT', rowId: 'a', columnId: 'age', value: 36 },
      { type: 'CHANGE_DRAFT', draft: ' 37 ' },
    )
    expect(resolveEdit(state, row)).toEqual({
      ok: true,
      rowId: 'a',
      columnId: 'age',
      field: 'age',
      value: 37,
    })
    expect(resolveEdit(run(state, { type: 'CHANGE_DRAFT', draft: 'old' }), row)).toEqual({
      ok: false,
      error: 'Enter a number',
    })
  })

  it("runs the column's validate and keeps the error on the cell until it is fixed", () => {
    let state = run(
      init(),
      { type: 'START_EDIT', rowId: 'a', columnId: 'name', value: 'Ada' },
      { type: 'CHANGE_DRAFT', draft: '' },
    )
    const result = resolveEdit(state, row)
    expect(result).toEqual({ ok: false, error: 'Required' })
    state = run(state, { type: 'SET_EDIT_ERROR', error: 'Required' })
    expect(state.editing?.error).toBe('Required')
    state = run(state, { type: 'CHANGE_DRAFT', draft: 'Ada L.' }, { type: 'END_EDIT' })
    expect(state.editing).toBeNull()
  })

  it('keeps a failed write as a cell error until it is cleared or edited again', () => {
    let state = run(init(), {
      type: 'SET_CELL_ERROR',
      rowId: 'a',
      columnId: 'age',
      error: 'permission denied',
    })
    expect(Object.values(state.cellErrors)).toEqual(['permission denied'])
    state = run(
      state,
      { type: 'START_EDIT', rowId: 'a', columnId: 'age', value: 36 },
      { type: 'END_EDIT' },
    )
    expect(state.cellErrors).toEqual({})
  })

  it('refuses to edit a read-only column', () => {
    expect(
      errorOf(() => run(init(), { type: 'START_EDIT', rowId: 'a', columnId: 'role', value: 'x' }))
        .message,
    ).toContain('columnId must be an editable column')
  })
})

describe('new rows above the viewport', () => {
  it('adds up rows that arrived above and resets on SHOW_NEW_ROWS', () => {
    const state = run(init(), { type: 'ROWS_ADDED_ABOVE', count: 2 })
    expect(run(state, { type: 'ROWS_ADDED_ABOVE', count: 1 }).newRows).toBe(3)
    expect(run(state, { type: 'SHOW_NEW_ROWS' }).newRows).toBe(0)
    const none = init()
    expect(run(none, { type: 'SHOW_NEW_ROWS' })).toBe(none)
  })

  it('forgets the count when the sort, filters, search or page change', () => {
    const state = run(init({ pageSize: 10 }), { type: 'ROWS_ADDED_ABOVE', count: 4 })
    const changes: DataTableEvent[] = [
      { type: 'TOGGLE_SORT', columnId: 'age' },
      { type: 'SET_SORTING', sorting: [] },
      { type: 'SET_FILTER', columnId: 'name', filter: { kind: 'contains', text: 'a' } },
      { type: 'SET_SEARCH', search: 'x' },
      { type: 'SET_PAGE', page: 2 },
      { type: 'SET_PAGE_SIZE', pageSize: 50 },
    ]
    for (const event of changes) expect(run(state, event).newRows).toBe(0)
  })

  it('rejects a count that is not a positive integer', () => {
    expect(errorOf(() => run(init(), { type: 'ROWS_ADDED_ABOVE', count: 0 })).message).toBe(
      'updateDataTable(ROWS_ADDED_ABOVE): count must be a positive integer, got 0',
    )
  })
})
