import { describe, expect, it } from 'vitest'
import { connectDataTable } from '../dataTable.connect.js'
import { dataTableKeyEvents } from '../dataTable.keyboard.js'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import type {
  DataTableColumn,
  DataTableEvent,
  DataTableKeyInput,
  DataTableState,
} from '../dataTable.types.js'

interface Row {
  id: string
  name: string
  age: number
}

const columns: DataTableColumn<Row>[] = [
  { field: 'name', header: 'Name', editable: true },
  { field: 'age', header: 'Age', type: 'number' },
]
const rowIds = ['a', 'b', 'c']

function key(state: DataTableState<Row>, key: string, mods: Partial<DataTableKeyInput> = {}) {
  return updateDataTable(state, { type: 'KEYDOWN', key, rowIds, ...mods })
}
const at = (state: DataTableState<Row>, row: number, col: number) =>
  updateDataTable(state, { type: 'FOCUS_CELL', row, col })

describe('data-table keyboard', () => {
  it('sorts from a column header with Enter or Space, Shift adding a key', () => {
    let state = initDataTable<Row>({ columns })
    state = key(state, ' ')
    expect(state.sorting).toEqual([{ id: 'name', direction: 'asc' }])
    state = key(at(state, 0, 1), 'Enter', { shiftKey: true })
    expect(state.sorting).toEqual([
      { id: 'name', direction: 'asc' },
      { id: 'age', direction: 'asc' },
    ])
  })

  it('resizes the focused column with Ctrl+ArrowRight/Left: 10 px, Shift 50, never below its minimum', () => {
    let state = initDataTable<Row>({ columns })
    state = key(state, 'ArrowRight', { ctrlKey: true })
    expect(state.layout.widths.name).toBe(170)
    state = key(state, 'ArrowLeft', { ctrlKey: true, shiftKey: true })
    expect(state.layout.widths.name).toBe(120)
    for (let i = 0; i < 5; i++) state = key(state, 'ArrowLeft', { ctrlKey: true, shiftKey: true })
    expect(state.layout.widths.name).toBe(48)
    expect(state.focus).toEqual({ row: 0, col: 0 })
  })

  it('opens the column menu with Alt+ArrowDown, Shift+F10 or ContextMenu', () => {
    const state = initDataTable<Row>({ columns })
    expect(key(state, 'ArrowDown', { altKey: true }).columnMenu).toBe('name')
    expect(key(state, 'F10', { shiftKey: true }).columnMenu).toBe('name')
    expect(key(at(state, 0, 1), 'ContextMenu').columnMenu).toBe('age')
    expect(key(state, 'F10')).toBe(state)
    const closed = updateDataTable(key(state, 'ContextMenu'), { type: 'CLOSE_COLUMN_MENU' })
    expect(closed.columnMenu).toBeNull()
  })

  it('selects rows: Space toggles, Shift+Space adds, Shift+Arrow extends, Ctrl+A selects all matching', () => {
    let state = at(initDataTable<Row>({ columns, selectable: true }), 1, 1)
    state = key(state, ' ')
    expect(state.selection).toEqual({ all: false, ids: ['a'] })
    state = key(state, ' ')
    expect(state.selection.ids).toEqual([])
    state = key(at(state, 2, 1), ' ', { shiftKey: true })
    state = key(state, ' ', { shiftKey: true })
    expect(state.selection.ids).toEqual(['b'])
    state = key(state, 'ArrowDown', { shiftKey: true })
    expect(state.selection.ids).toEqual(['b', 'c'])
    expect(state.focus).toEqual({ row: 3, col: 1 })
    state = key(state, 'a', { ctrlKey: true })
    expect(state.selection).toEqual({ all: true, ids: [] })
    state = key(state, 'Escape')
    expect(state.selection).toEqual({ all: false, ids: [] })
    expect(key(state, 'a', { metaKey: true }).selection.all).toBe(true)
  })

  it('Escape cancels an edit first, then clears the selection', () => {
    let state = at(initDataTable<Row>({ columns, selectable: true }), 1, 1)
    state = key(state, ' ')
    state = key(state, 'Enter', { rowValue: () => 'Ada' })
    expect(state.editing?.draft).toBe('Ada')
    state = key(state, 'Escape')
    expect(state.editing).toBeNull()
    expect(state.selection.ids).toEqual(['a'])
    state = key(state, 'Escape')
    expect(state.selection.ids).toEqual([])
  })

  it('toggles the page from the checkbox header with Space or Enter', () => {
    const state = initDataTable<Row>({ columns, selectable: true })
    expect(key(state, ' ').selection.ids).toEqual(rowIds)
    expect(key(key(state, 'Enter'), 'Enter').selection.ids).toEqual([])
  })

  it('gives no events for keys that do nothing where the focus is', () => {
    const state = initDataTable<Row>({ columns })
    expect(dataTableKeyEvents(state, { key: 'a', ctrlKey: true, rowIds })).toEqual([])
    expect(dataTableKeyEvents(state, { key: 'Escape', rowIds })).toEqual([])
  })
})

describe('connectDataTable keyboard wiring', () => {
  const press = (state: DataTableState<Row>, key: string, dir: 'ltr' | 'rtl', mods = {}) => {
    const sent: DataTableEvent[] = []
    let prevented = false
    const api = connectDataTable(state, (e) => sent.push(e), { id: 't', rowIds, total: 3, dir })
    api.getRootProps().onKeyDown({ key, ...mods, preventDefault: () => (prevented = true) })
    return { state: sent.reduce(updateDataTable, state), prevented }
  }

  it('flips the arrow keys in right-to-left tables, for moving and resizing', () => {
    const state = initDataTable<Row>({ columns })
    expect(press(state, 'ArrowLeft', 'rtl').state.focus).toEqual({ row: 0, col: 1 })
    expect(press(state, 'ArrowLeft', 'ltr').state.focus).toEqual({ row: 0, col: 0 })
    expect(press(state, 'ArrowLeft', 'rtl', { ctrlKey: true }).state.layout.widths.name).toBe(170)
  })

  it('takes the keys it acts on and leaves Escape and Ctrl+A alone when they do nothing', () => {
    const state = initDataTable<Row>({ columns })
    expect(press(state, 'ArrowDown', 'ltr').prevented).toBe(true)
    expect(press(state, 'Escape', 'ltr').prevented).toBe(false)
    expect(press(state, 'a', 'ltr', { ctrlKey: true }).prevented).toBe(false)
    expect(press(state, 'x', 'ltr').prevented).toBe(false)
  })
})
