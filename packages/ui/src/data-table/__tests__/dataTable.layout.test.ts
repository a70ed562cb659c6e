import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { parseDataTableLayout } from '../dataTable.columns.js'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import type { DataTableColumn, DataTableEvent, DataTableState } from '../dataTable.types.js'

const columns: DataTableColumn[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number' },
  { field: 'city', header: 'City' },
]
const run = (state: DataTableState, ...events: DataTableEvent[]) =>
  events.reduce((s, e) => updateDataTable(s, e), state)

describe('data table layout: pinning and density', () => {
  it('starts with nothing pinned and standard density', () => {
    const state = initDataTable({ columns })
    expect(state.layout.pinned).toEqual({ left: [], right: [] })
    expect(state.layout.density).toBe('standard')
  })

  it('pins a column on one side at a time, and unpins it', () => {
    let state = run(initDataTable({ columns }), {
      type: 'PIN_COLUMN',
      columnId: 'name',
      side: 'left',
    })
    expect(state.layout.pinned).toEqual({ left: ['name'], right: [] })
    state = run(state, { type: 'PIN_COLUMN', columnId: 'name', side: 'right' })
    expect(state.layout.pinned).toEqual({ left: [], right: ['name'] })
    state = run(state, { type: 'PIN_COLUMN', columnId: 'name', side: null })
    expect(state.layout.pinned).toEqual({ left: [], right: [] })
  })

  it('keeps the state object when nothing changes', () => {
    const state = run(initDataTable({ columns }), {
      type: 'PIN_COLUMN',
      columnId: 'age',
      side: 'left',
    })
    expect(run(state, { type: 'PIN_COLUMN', columnId: 'age', side: 'left' })).toBe(state)
    expect(run(state, { type: 'SET_DENSITY', density: 'standard' })).toBe(state)
  })

  it('switches density', () => {
    const state = run(initDataTable({ columns }), { type: 'SET_DENSITY', density: 'compact' })
    expect(state.layout.density).toBe('compact')
  })

  it('refuses an unknown column, side or density, naming the value', () => {
    const state = initDataTable({ columns })
    expect(() => run(state, { type: 'PIN_COLUMN', columnId: 'nope', side: 'left' })).toThrow(
      MetalError,
    )
    expect(() =>
      run(state, { type: 'PIN_COLUMN', columnId: 'name', side: 'top' as 'left' }),
    ).toThrow(/side.*top/)
    expect(() => run(state, { type: 'SET_DENSITY', density: 'airy' as 'compact' })).toThrow(
      /density.*airy/,
    )
  })

  it('restores pinning and density from a layout, dropping unknown ids and double pins', () => {
    const state = initDataTable({
      columns,
      layout: {
        pinned: { left: ['name', 'ghost'], right: ['name', 'city'] },
        density: 'comfortable',
      },
    })
    expect(state.layout.pinned).toEqual({ left: ['name'], right: ['city'] })
    expect(state.layout.density).toBe('comfortable')
    expect(state.layout.hidden).toEqual([])
  })

  it('reads a saved layout with pinning and density, and older layouts without them', () => {
    const saved = run(
      initDataTable({ columns }),
      { type: 'PIN_COLUMN', columnId: 'city', side: 'right' },
      { type: 'SET_DENSITY', density: 'compact' },
    ).layout
    expect(parseDataTableLayout(JSON.stringify(saved))).toEqual(saved)
    expect(parseDataTableLayout('{"hidden":["age"],"widths":{}}')).toEqual({
      hidden: ['age'],
      widths: {},
      pinned: { left: [], right: [] },
      density: 'standard',
    })
    expect(parseDataTableLayout('{"density":"huge","pinned":{"left":[1,"a"]}}')).toEqual({
      hidden: [],
      widths: {},
      pinned: { left: ['a'], right: [] },
      density: 'standard',
    })
  })
})
