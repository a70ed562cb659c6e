import { FieldValue, type FieldValueKind } from '../engine/fieldValues.js'
import type { QueuedBatch, SavedEntry } from './queueCodec.js'

// Reading a stored queue back and merging it into a queue (loaded with the first stored queue
// there is to read).

function reviveSentinels(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '$metal' in value) {
    const v = value as { $metal: FieldValueKind; operand?: unknown }
    return new FieldValue(v.$metal, v.operand)
  }
  return value
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

const isBatch = (s: unknown): boolean =>
  isObject(s) &&
  typeof s.id === 'string' &&
  Number.isFinite(s.createdAt) &&
  typeof s.offline === 'boolean' &&
  Array.isArray(s.writes) &&
  s.writes.length > 0 &&
  s.writes.every(
    (w) => isObject(w) && [w.op, w.collection, w.id].every((f) => typeof f === 'string'),
  ) &&
  Array.isArray(s.bases) &&
  s.bases.every((b) => Array.isArray(b) && typeof b[0] === 'string')

/**
 * The batches stored as `text`, fresh (not sending, no attempts). Throws an Error saying what is
 * wrong when the text is not a stored queue.
 */
export function decodeQueue(text: string): QueuedBatch[] {
  const saved: unknown = JSON.parse(text, reviveSentinels)
  if (!Array.isArray(saved)) throw new Error('it is not a list of batches')
  saved.forEach((s, i) => {
    if (!isBatch(s)) throw new Error(`item ${i} is not a batch of writes`)
  })
  return (saved as SavedEntry[]).map((s) => ({
    id: s.id,
    original: s.writes,
    writes: [...s.writes],
    createdAt: s.createdAt,
    bases: new Map(s.bases.map(([k, v]) => [k, v])),
    offline: s.offline,
    attempts: 0,
    conflictRounds: 0,
    stalled: false,
    sending: false,
  }))
}

/**
 * Puts `adopted` batches into `entries` by `createdAt` (a batch goes before those made at the
 * same time or later), never before a batch already being sent.
 */
export function mergeByTime<T extends QueuedBatch>(entries: T[], adopted: readonly T[]): void {
  let floor = 0
  entries.forEach((e, i) => {
    if (e.sending) floor = i + 1
  })
  for (const entry of [...adopted].sort((a, b) => a.createdAt - b.createdAt)) {
    let at = entries.length
    for (let i = floor; i < entries.length; i++) {
      if ((entries[i] as T).createdAt >= entry.createdAt) {
        at = i
        break
      }
    }
    entries.splice(at, 0, entry)
    floor = at + 1
  }
}
