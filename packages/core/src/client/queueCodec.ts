import type { StoredDoc, Write } from '../engine/write.js'

// How a queue of writes is kept as text: JSON with field-value sentinels as `{ $metal, operand }`
// and each batch's bases as pairs (JSON has no undefined: an unknown base is a pair without a
// value, unlike null, which says the document did not exist).

/** A queued batch as its stored queue knows it: what is stored, and whether it is being sent. */
export interface QueuedBatch {
  /** Mutation id: the backend applies it once however often it is sent. */
  readonly id: string
  /** The writes as made (what the local overlay shows). */
  readonly original: readonly Write[]
  /** What will be sent (conflict resolution may rewrite it). */
  writes: Write[]
  readonly createdAt: number
  /** The committed state of each written document when the batch was made (path key -> doc). */
  readonly bases: Map<string, StoredDoc | null | undefined>
  /** Made while offline: checked for conflicts when replayed. */
  readonly offline: boolean
  attempts: number
  conflictRounds: number
  stalled: boolean
  sending: boolean
}

/** A batch as stored. */
export interface SavedEntry {
  id: string
  writes: Write[]
  createdAt: number
  bases: ([string] | [string, StoredDoc | null])[]
  offline: boolean
}

/** The text a queue is stored as. */
export function encodeQueue(entries: readonly QueuedBatch[]): string {
  return JSON.stringify(
    entries.map((e): SavedEntry => ({
      id: e.id,
      writes: e.writes,
      createdAt: e.createdAt,
      bases: [...e.bases].map(([k, v]) => (v === undefined ? [k] : [k, v])),
      offline: e.offline,
    })),
  )
}
