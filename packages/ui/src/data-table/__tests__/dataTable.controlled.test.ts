import { describe, expect, it } from 'vitest'
import { getControlledEvents } from '../dataTable.controlled.js'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import type { DataTableEvent, DataTableState } from '../dataTable.types.js'

const columns = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number' as const },
]
const apply = (state: DataTableState, events: DataTableEvent[]) =>
  events.reduce((s, e) => updateDataTable(s, e), state)

describe('getControlledEvents', () => {
  it('gives nothing when the state already holds the values', () => {
    const state = initDataTable({ columns, page: 2, sorting: [{ id: 'age', direction: 'asc' }] })
    expect(
      getControlledEvents(state, {
        page: 2,
        pageSize: 20,
        sorting: [{ id: 'age', direction: 'asc' }],
        filters: {},
        selection: { all: false, ids: [] },
      }),
    ).toEqual([])
    expect(getControlledEvents(state, {})).toEqual([])
  })

  it('brings sorting, filters, page size and page to the given values, page last', () => {
    const state = initDataTable({ columns, filters: { name: { kind: 'contains', text: 'a' } } })
    const events = getControlledEvents(state, {
      sorting: [{ id: 'name', direction: 'desc' }],
      filters: { age: { kind: 'range', min: 30 } },
      pageSize: 5,
      page: 3,
    })
    const next = apply(state, events)
    expect(next.sorting).toEqual([{ id: 'name', direction: 'desc' }])
    expect(next.filters).toEqual({ age: { kind: 'range', min: 30 } })
    expect(next.pageSize).toBe(5)
    expect(next.page).toBe(3)
    expect(events.at(-1)).toEqual({ type: 'SET_PAGE', page: 3 })
  })

  it('leaves the page to a new sort when the held page did not change', () => {
    const state = initDataTable({ columns, page: 4 })
    const next = apply(
      state,
      getControlledEvents(state, { page: 4, sorting: [{ id: 'age', direction: 'asc' }] }),
    )
    expect(next.page).toBe(1)
  })

  it('sets a plain selection and an "all matching" one with rows left out', () => {
    const state = initDataTable({ columns, selectable: true })
    const plain = apply(
      state,
      getControlledEvents(state, { selection: { all: false, ids: ['a', 'b'] } }),
    )
    expect(plain.selection).toEqual({ all: false, ids: ['a', 'b'] })
    const all = apply(plain, getControlledEvents(plain, { selection: { all: true, ids: ['c'] } }))
    expect(all.selection).toEqual({ all: true, ids: ['c'] })
    const none = apply(all, getControlledEvents(all, { selection: { all: false, ids: [] } }))
    expect(none.selection).toEqual({ all: false, ids: [] })
  })
})
