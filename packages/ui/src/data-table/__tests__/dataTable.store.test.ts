import { describe, expect, it, vi } from 'vitest'
import { createDataTableCsvExport } from '../dataTable.csvExport.js'
import { createDataTableStore, readDataTableLayout } from '../dataTable.store.js'
import type { DataTableColumn } from '../dataTable.types.js'

interface Row {
  id: string
  name: string
}
const columns: DataTableColumn<Row>[] = [{ field: 'name', header: 'Name' }]

function memoryStorage() {
  const map = new Map<string, string>()
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  }
}

describe('createDataTableStore', () => {
  it('persists the layout under persistKey and starts from it next time', () => {
    const storage = memoryStorage()
    const onLayoutChange = vi.fn()
    const store = createDataTableStore<Row>({ columns, persistKey: 'k', storage, onLayoutChange })
    const listener = vi.fn()
    store.subscribe(listener)
    store.send({ type: 'SET_DENSITY', density: 'compact' })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(onLayoutChange).toHaveBeenLastCalledWith(expect.objectContaining({ density: 'compact' }))
    expect(readDataTableLayout('k', storage)?.density).toBe('compact')
    const again = createDataTableStore<Row>({ columns, persistKey: 'k', storage })
    expect(again.getState().layout.density).toBe('compact')
  })

  it('tells nobody about events that change nothing, and survives broken storage', () => {
    const storage = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('full')
      },
    }
    const store = createDataTableStore<Row>({ columns, persistKey: 'k', storage })
    const listener = vi.fn()
    store.subscribe(listener)
    store.send({ type: 'SET_DENSITY', density: 'standard' })
    expect(listener).not.toHaveBeenCalled()
    store.send({ type: 'SET_DENSITY', density: 'comfortable' })
    expect(store.getState().layout.density).toBe('comfortable')
  })

  it('reports selection changes', () => {
    const onSelectionChange = vi.fn()
    const store = createDataTableStore<Row>({ columns, selectable: true, onSelectionChange })
    store.send({ type: 'TOGGLE_ROW', rowId: 'a' })
    expect(onSelectionChange).toHaveBeenCalledWith({ all: false, ids: ['a'] })
  })
})

describe('createDataTableCsvExport', () => {
  it('saves the view as CSV once at a time and reports busy, then the error', async () => {
    const store = createDataTableStore<Row>({ columns })
    const statuses: unknown[] = []
    const saved: string[] = []
    const control = createDataTableCsvExport(
      () => ({
        state: store.getState(),
        source: { rows: [{ id: '1', name: 'Ada' }] },
        options: true,
        label: 'People',
      }),
      (status) => statuses.push(status),
      async (chunks, fileName) => {
        for await (const chunk of chunks) saved.push(chunk)
        saved.push(fileName)
      },
    )
    await Promise.all([control.start(), control.start()])
    expect(saved).toEqual(['Name\r\n', 'Ada\r\n', 'People.csv'])
    expect(statuses).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ])
    const failing = createDataTableCsvExport(
      () => ({
        state: store.getState(),
        source: { rows: [] },
        options: { fileName: 'x.csv' },
        label: 'P',
      }),
      (status) => statuses.push(status),
      () => Promise.reject(new Error('denied')),
    )
    await failing.start()
    expect(statuses.at(-1)).toEqual({ busy: false, error: new Error('denied') })
  })
})
