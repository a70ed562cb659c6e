import { describe, expect, it } from 'vitest'
import { addPendingEdit, applyPendingEdits, settlePendingEdit } from '../dataTable.pendingEdits.js'

const rows = [
  { id: 'a', name: 'Ada', address: { city: 'Oslo' } },
  { id: 'b', name: 'Bo', address: { city: 'Lima' } },
]
const idOf = (row: { id: string }) => row.id

describe('pending edits of an unbound table', () => {
  it('lays edits over copies of the edited rows, dotted paths included', () => {
    let edits = addPendingEdit(new Map(), 'a', 'name', 'Grace')
    edits = addPendingEdit(edits, 'a', 'address.city', 'Rome')
    const shown = applyPendingEdits(rows, edits, idOf)
    expect(shown[0]).toEqual({ id: 'a', name: 'Grace', address: { city: 'Rome' } })
    expect(shown[1]).toBe(rows[1])
    expect(rows[0]?.name).toBe('Ada') // the given rows are untouched
  })

  it('drops a settled field, then the row, and gives the rows back as they were', () => {
    let edits = addPendingEdit(new Map(), 'a', 'name', 'Grace')
    edits = addPendingEdit(edits, 'a', 'address.city', 'Rome')
    edits = settlePendingEdit(edits, 'a', 'name')
    expect(applyPendingEdits(rows, edits, idOf)[0]?.name).toBe('Ada')
    edits = settlePendingEdit(edits, 'a', 'address.city')
    expect(edits.size).toBe(0)
    expect(applyPendingEdits(rows, edits, idOf)).toBe(rows)
  })
})
