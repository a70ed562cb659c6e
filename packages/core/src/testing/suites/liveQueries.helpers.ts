import { expect } from 'vitest'
import type {
  DocumentChange,
  DocumentData,
  QueryListener,
  QuerySnapshot,
  Unsubscribe,
} from '../../index.js'
import { eventually } from './harness.js'

// Recording live query callbacks and checking their changes replay to the same rows.

export interface Call {
  changes: DocumentChange[]
  snapshot: QuerySnapshot
}

/** A subscription that records every callback. */
export interface Recorder {
  calls: Call[]
  unsubscribe: Unsubscribe
  /** Waits until exactly `n` callbacks have arrived. */
  waitFor(n: number): Promise<void>
  /** The ids of the latest snapshot. */
  ids(): string[]
  /** Changes of callback `i` as `[type, id, oldIndex, newIndex]`. */
  changesOf(i: number): [string, string, number, number][]
}

export function record(query: {
  subscribe(listener: QueryListener<DocumentData>): Unsubscribe
}): Recorder {
  const calls: Call[] = []
  const unsubscribe = query.subscribe((changes, snapshot) => {
    calls.push({ changes, snapshot })
  })
  return {
    calls,
    unsubscribe,
    async waitFor(n) {
      await eventually(() => expect(calls.length).toBe(n))
    },
    ids() {
      return calls[calls.length - 1]?.snapshot.docs.map((d) => d.id) ?? []
    },
    changesOf(i) {
      return (calls[i]?.changes ?? []).map((c) => [c.type, c.id, c.oldIndex, c.newIndex])
    },
  }
}

export type Row = { id: string; data: DocumentData | undefined }

export function rows(snapshot: QuerySnapshot): Row[] {
  return snapshot.docs.map((d) => ({ id: d.id, data: d.data() }))
}

/** Applies changes in order to the previous documents, as a UI list would. */
export function replay(previous: readonly Row[], changes: readonly DocumentChange[]): Row[] {
  const list = [...previous]
  for (const c of changes) {
    if (c.type !== 'added') {
      expect(list[c.oldIndex]?.id, `${c.type} ${c.id} at oldIndex ${c.oldIndex}`).toBe(c.id)
      list.splice(c.oldIndex, 1)
    } else expect(c.oldIndex).toBe(-1)
    if (c.type !== 'removed') list.splice(c.newIndex, 0, { id: c.id, data: c.doc.data() })
    else expect(c.newIndex).toBe(-1)
  }
  return list
}

/** Checks every callback of `rec`: the first is all `added`, each next one replays onto the last. */
export function expectReplayable(rec: Recorder): void {
  let previous: Row[] = []
  rec.calls.forEach((call, i) => {
    if (i === 0) expect(call.changes.every((c) => c.type === 'added')).toBe(true)
    else expect(call.changes.length, `callback ${i} has no changes`).toBeGreaterThan(0)
    expect(replay(previous, call.changes), `callback ${i}`).toEqual(rows(call.snapshot))
    previous = rows(call.snapshot)
  })
}
