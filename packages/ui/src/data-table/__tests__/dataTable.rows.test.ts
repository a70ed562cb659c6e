import { describe, expect, it } from 'vitest'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import { getMatchingRows, getPageRows } from '../dataTable.rows.js'
import { formatCellValue, getFieldValue } from '../dataTable.values.js'
import type { DataTableColumn } from '../dataTable.types.js'

interface Task {
  id: string
  title: string
  points?: number
  status: string
  due: number
  done: boolean
  owner: { name: string }
}

const D = (s: string) => Date.parse(s)
const rows: Task[] = [
  {
    id: 't1',
    title: 'Write docs',
    points: 3,
    status: 'open',
    due: D('2025-03-01'),
    done: false,
    owner: { name: 'Ada' },
  },
  {
    id: 't2',
    title: 'Fix bug',
    points: 8,
    status: 'closed',
    due: D('2025-01-15'),
    done: true,
    owner: { name: 'Bob' },
  },
  {
    id: 't3',
    title: 'Review PR',
    status: 'open',
    due: D('2025-02-10'),
    done: false,
    owner: { name: 'Ada' },
  },
  {
    id: 't4',
    title: 'Deploy',
    points: 5,
    status: 'blocked',
    due: D('2025-02-01'),
    done: false,
    owner: { name: 'Cyd' },
  },
]

const columns: DataTableColumn<Task>[] = [
  { field: 'title', header: 'Title' },
  { field: 'points', header: 'Points', type: 'number' },
  {
    field: 'status',
    header: 'Status',
    type: 'enum',
    options: [
      { value: 'open', label: 'Open' },
      { value: 'closed', label: 'Closed' },
      { value: 'blocked', label: 'Blocked' },
    ],
  },
  { field: 'due', header: 'Due', type: 'date' },
  { field: 'done', header: 'Done', type: 'boolean' },
  { field: 'owner.name', header: 'Owner' },
]

const ids = (list: Task[]) => list.map((r) => r.id)
const state = initDataTable<Task>({ columns })

describe('client-side rows (unbound mode)', () => {
  it('keeps the given order with no sort or filter', () => {
    expect(ids(getMatchingRows(rows, state))).toEqual(['t1', 't2', 't3', 't4'])
  })

  it('sorts numbers with empty cells last in both directions', () => {
    const asc = updateDataTable(state, { type: 'TOGGLE_SORT', columnId: 'points' })
    expect(ids(getMatchingRows(rows, asc))).toEqual(['t1', 't4', 't2', 't3'])
    const desc = updateDataTable(asc, { type: 'TOGGLE_SORT', columnId: 'points' })
    expect(ids(getMatchingRows(rows, desc))).toEqual(['t2', 't4', 't1', 't3'])
  })

  it('sorts by several keys, the first deciding first', () => {
    const s = updateDataTable(state, {
      type: 'SET_SORTING',
      sorting: [
        { id: 'owner.name', direction: 'asc' },
        { id: 'due', direction: 'desc' },
      ],
    })
    expect(ids(getMatchingRows(rows, s))).toEqual(['t1', 't3', 't2', 't4'])
  })

  it('filters by each type: contains, number range, enum set, date range, boolean', () => {
    const only = (columnId: string, filter: Parameters<typeof updateDataTable>[1] & object) =>
      ids(getMatchingRows(rows, updateDataTable(state, { ...filter, columnId } as never)))
    expect(
      only('title', { type: 'SET_FILTER', filter: { kind: 'contains', text: 'RE' } } as never),
    ).toEqual(['t3'])
    expect(
      only('points', { type: 'SET_FILTER', filter: { kind: 'range', min: 4, max: 8 } } as never),
    ).toEqual(['t2', 't4'])
    expect(
      only('status', {
        type: 'SET_FILTER',
        filter: { kind: 'set', values: ['closed', 'blocked'] },
      } as never),
    ).toEqual(['t2', 't4'])
    expect(
      only('due', {
        type: 'SET_FILTER',
        filter: { kind: 'dateRange', from: D('2025-02-01'), to: D('2025-02-10') },
      } as never),
    ).toEqual(['t3', 't4'])
    expect(
      only('done', { type: 'SET_FILTER', filter: { kind: 'equals', value: true } } as never),
    ).toEqual(['t2'])
  })

  it('quick-searches text columns and enum labels, ignoring case', () => {
    const s = updateDataTable(state, { type: 'SET_SEARCH', search: 'blo' })
    expect(ids(getMatchingRows(rows, s))).toEqual(['t4'])
    expect(
      ids(getMatchingRows(rows, updateDataTable(state, { type: 'SET_SEARCH', search: 'ada' }))),
    ).toEqual(['t1', 't3'])
  })

  it('slices the current page', () => {
    const s = initDataTable<Task>({ columns, pageSize: 3, page: 2 })
    expect(ids(getPageRows(rows, s))).toEqual(['t4'])
  })
})

describe('cell values', () => {
  it('reads dotted paths and stops where the path breaks off', () => {
    expect(getFieldValue({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1)
    expect(getFieldValue({ a: 1 }, 'a.b.c')).toBeUndefined()
  })

  it('formats by type, or with the column format', () => {
    const [title, points, status, due, done] = state.columns as [never, never, never, never, never]
    const row = rows[0] as Task
    expect(formatCellValue(points, 12345, row)).toBe('12,345')
    expect(formatCellValue(status, 'closed', row)).toBe('Closed')
    expect(formatCellValue(due, D('2025-03-01'), row)).toBe('Mar 1, 2025')
    expect(formatCellValue(done, true, row)).toBe('Yes')
    expect(formatCellValue(title, undefined, row)).toBe('')
    const custom = initDataTable<Task>({
      columns: [
        { id: 'x', header: 'X', type: 'custom', format: (_, r) => r.owner.name.toUpperCase() },
      ],
    }).columns[0]
    expect(formatCellValue(custom as never, undefined, row)).toBe('ADA')
  })
})
