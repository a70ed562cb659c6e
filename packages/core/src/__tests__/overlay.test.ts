import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  computeLocal,
  overlay,
  withoutBatch,
  type LocalDoc,
  type OverlayInput,
  type PendingWrite,
} from '../client/overlay.js'
import { increment, serverTimestamp } from '../engine/fieldValues.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { DocumentData } from '../engine/types.js'

const C = 'tasks'

const committed = (data: DocumentData, version = 3): StoredDoc => ({
  id: 't1',
  data,
  version,
  updateTime: 1000,
})

const set = (data: DocumentData, merge?: true): Write => ({
  op: 'set',
  collection: C,
  id: 't1',
  data,
  ...(merge ? { merge } : {}),
})

const update = (fields: Record<string, unknown>): Write => ({
  op: 'update',
  collection: C,
  id: 't1',
  fields: Object.entries(fields).map(([path, value]) => [path.split('.'), value] as const),
})

const del: Write = { op: 'delete', collection: C, id: 't1' }

const batchA = { name: 'A' }
const batchB = { name: 'B' }

const MADE_AT = 5000

const pending = (...writes: Write[]): PendingWrite[] =>
  writes.map((write) => ({ write, batch: batchA, at: MADE_AT }))

const input = (
  remote: StoredDoc | null | undefined,
  writes: PendingWrite[],
  local: LocalDoc | null = null,
): OverlayInput => ({ collection: C, id: 't1', remote, pending: writes, local })

describe('overlay', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the committed document as it is when nothing is pending', () => {
    const local = overlay(C, 't1', committed({ a: 1 }), [])

    expect(local).toEqual({
      collection: C,
      id: 't1',
      data: { a: 1 },
      version: 3,
      hasPendingWrites: false,
    })
  })

  it('shows nothing for a deleted document with nothing pending', () => {
    expect(overlay(C, 't1', null, [])).toBeNull()
  })

  it('shows nothing for an unknown document with nothing pending', () => {
    expect(overlay(C, 't1', undefined, [])).toBeNull()
  })

  it('replaces the committed data with a pending set, flagged pending, on the committed version', () => {
    const local = overlay(C, 't1', committed({ a: 1, b: 2 }), pending(set({ c: 3 })))

    expect(local).toMatchObject({ data: { c: 3 }, version: 3, hasPendingWrites: true })
  })

  it('shows a pending set of a document the client does not know yet at version 0', () => {
    const local = overlay(C, 't1', undefined, pending(set({ a: 1 })))

    expect(local).toMatchObject({ data: { a: 1 }, version: 0, hasPendingWrites: true })
  })

  it('merges a pending set with merge into the committed data', () => {
    const local = overlay(C, 't1', committed({ a: 1, b: 2 }), pending(set({ b: 20, c: 3 }, true)))

    expect(local?.data).toEqual({ a: 1, b: 20, c: 3 })
  })

  it('changes only the given fields with a pending update', () => {
    const local = overlay(
      C,
      't1',
      committed({ a: 1, nested: { x: 1, y: 2 } }),
      pending(update({ 'nested.y': 5 })),
    )

    expect(local?.data).toEqual({ a: 1, nested: { x: 1, y: 5 } })
  })

  it('does not show a pending update to a document the client does not have', () => {
    expect(overlay(C, 't1', undefined, pending(update({ a: 2 })))).toBeNull()
  })

  it('does not show a pending update to a deleted document', () => {
    expect(overlay(C, 't1', null, pending(update({ a: 2 })))).toBeNull()
  })

  it('applies a pending update on top of an earlier pending set of an unknown document', () => {
    const local = overlay(C, 't1', undefined, pending(set({ a: 1 }), update({ b: 2 })))

    expect(local?.data).toEqual({ a: 1, b: 2 })
  })

  it('hides a document with a pending delete', () => {
    expect(overlay(C, 't1', committed({ a: 1 }), pending(del))).toBeNull()
  })

  it('applies pending writes oldest first', () => {
    const local = overlay(
      C,
      't1',
      committed({ a: 1 }),
      pending(del, set({ a: 2 }), update({ a: 3 })),
    )

    expect(local?.data).toEqual({ a: 3 })
  })

  it('resolves serverTimestamp() to the time the write was made', () => {
    const local = overlay(C, 't1', committed({ a: 1 }), pending(update({ at: serverTimestamp() })))

    expect(local?.data).toEqual({ a: 1, at: MADE_AT })
  })

  it('resolves each serverTimestamp() to the time its own write was made', () => {
    const writes: PendingWrite[] = [
      { write: update({ first: serverTimestamp() }), batch: batchA, at: 100 },
      { write: update({ second: serverTimestamp() }), batch: batchB, at: 200 },
    ]

    const local = overlay(C, 't1', committed({}), writes)

    expect(local?.data).toEqual({ first: 100, second: 200 })
  })

  it('keeps the serverTimestamp() estimate when the document is recomputed later', () => {
    const writes = pending(set({ at: serverTimestamp() }))
    const prev = overlay(C, 't1', undefined, writes)
    vi.setSystemTime(MADE_AT + 60_000)

    const next = computeLocal(input(undefined, writes, prev))

    expect(next).toBe(prev)
  })

  it('adds increment() to the committed value', () => {
    const local = overlay(C, 't1', committed({ n: 40 }), pending(update({ n: increment(2) })))

    expect(local?.data).toEqual({ n: 42 })
  })

  it('stacks increments of several pending writes', () => {
    const local = overlay(
      C,
      't1',
      committed({ n: 1 }),
      pending(update({ n: increment(2) }), update({ n: increment(3) })),
    )

    expect(local?.data).toEqual({ n: 6 })
  })
})

describe('computeLocal', () => {
  it('keeps the previous object when nothing changed', () => {
    const remote = committed({ a: 1, list: [1, 2] })
    const prev = overlay(C, 't1', remote, pending(update({ b: 2 })))

    const next = computeLocal(input(remote, pending(update({ b: 2 })), prev))

    expect(next).toBe(prev)
  })

  it('keeps the data object when only the metadata changed', () => {
    const prev = overlay(C, 't1', undefined, pending(set({ a: 1, nested: { x: 1 } })))

    const next = computeLocal(input(committed({ a: 1, nested: { x: 1 } }, 7), [], prev))

    expect(next).not.toBe(prev)
    expect(next?.data).toBe(prev?.data)
    expect(next).toMatchObject({ version: 7, hasPendingWrites: false })
  })

  it('gives a new object with the new data when the data changed', () => {
    const remote = committed({ a: 1 })
    const prev = overlay(C, 't1', remote, [])

    const next = computeLocal(input(remote, pending(update({ a: 2 })), prev))

    expect(next?.data).toEqual({ a: 2 })
    expect(next?.data).not.toBe(prev?.data)
  })

  it('gives null once the document is gone', () => {
    const prev = overlay(C, 't1', committed({ a: 1 }), [])

    expect(computeLocal(input(null, [], prev))).toBeNull()
  })
})

describe('withoutBatch', () => {
  it("drops only the batch's writes, keeping the others in order", () => {
    const first = { write: update({ a: 1 }), batch: batchB, at: 1 }
    const mine = { write: update({ a: 2 }), batch: batchA, at: 1 }
    const last = { write: update({ a: 3 }), batch: batchB, at: 1 }

    const left = withoutBatch([first, mine, last], batchA)

    expect(left).toEqual([first, last])
  })

  it('shows the committed state with the remaining writes once a batch is dropped', () => {
    const writes: PendingWrite[] = [
      { write: update({ a: 2 }), batch: batchA, at: 1 },
      { write: update({ b: 2 }), batch: batchB, at: 1 },
    ]

    const local = overlay(C, 't1', committed({ a: 1, b: 1 }), withoutBatch(writes, batchA))

    expect(local).toMatchObject({ data: { a: 1, b: 2 }, hasPendingWrites: true })
  })

  it('shows the committed state unflagged once the last batch is dropped', () => {
    const writes = pending(set({ a: 9 }))

    const local = overlay(C, 't1', committed({ a: 1 }), withoutBatch(writes, batchA))

    expect(local).toMatchObject({ data: { a: 1 }, hasPendingWrites: false })
  })
})

describe('overlay: pending server timestamps', () => {
  const at = (write: Write, time: number): PendingWrite => ({ write, batch: batchA, at: time })
  const stamps = (doc: LocalDoc | null) =>
    doc?.serverTimestamps?.map((t) => [t.path.join('.'), t.previous])

  it('records each pending serverTimestamp() field with the committed value it replaces', () => {
    const doc = overlay(C, 't1', committed({ at: 5, m: { x: 1 } }), [
      at(update({ at: serverTimestamp(), 'm.x': serverTimestamp() }), 100),
    ])
    expect(doc?.data).toEqual({ at: 100, m: { x: 100 } })
    expect(stamps(doc)).toEqual([
      ['at', 5],
      ['m.x', 1],
    ])
  })

  it('a second pending timestamp over the first keeps the committed value as previous', () => {
    const doc = overlay(C, 't1', committed({ at: 5 }), [
      at(update({ at: serverTimestamp() }), 100),
      at(update({ at: serverTimestamp() }), 200),
    ])
    expect(stamps(doc)).toEqual([['at', 5]])
    expect(doc?.data).toEqual({ at: 200 })
  })

  it('a later write of the field, or a delete, ends it', () => {
    const overwritten = overlay(C, 't1', committed({ at: 5 }), [
      at(set({ at: serverTimestamp(), keep: serverTimestamp() }), 100),
      at(update({ at: 7 }), 200),
    ])
    expect(stamps(overwritten)).toEqual([['keep', undefined]])
    const recreated = overlay(C, 't1', committed({ at: 5 }), [
      at(set({ at: serverTimestamp() }), 100),
      at(del, 150),
      at(set({ n: 1 }), 200),
    ])
    expect(recreated?.serverTimestamps).toBeUndefined()
  })

  it('a merge set records the timestamps it writes inside maps', () => {
    const doc = overlay(C, 't1', committed({ m: { a: 1, b: 2 } }), [
      at(set({ m: { b: serverTimestamp() } }, true), 100),
    ])
    expect(doc?.data).toEqual({ m: { a: 1, b: 100 } })
    expect(stamps(doc)).toEqual([['m.b', 2]])
  })
})
