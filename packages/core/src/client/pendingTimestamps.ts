import { FieldValue } from '../engine/fieldValues.js'
import { getField } from '../engine/fieldPath.js'
import type { Write } from '../engine/write.js'
import type { DocumentData } from '../engine/types.js'

// Which fields of a locally written document hold a `serverTimestamp()` the backend has not
// set yet. The overlay stores the local estimate (the time of the write) in the data, so queries
// sort and filter by it; snapshots read these fields as Firestore does: null by default, or the
// estimate, or the value before the write (`data({ serverTimestamps })`).

/** A field whose `serverTimestamp()` is still pending. */
export interface PendingTimestamp {
  readonly path: readonly string[]
  /** The committed value it replaced (undefined: none). */
  readonly previous: unknown
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof FieldValue)

/** Paths of the `serverTimestamp()` sentinels in a value (nested maps included). */
function sentinelPaths(value: unknown, prefix: readonly string[], out: string[][]): void {
  if (value instanceof FieldValue) {
    if (value.kind === 'serverTimestamp') out.push([...prefix])
  } else if (isMap(value)) {
    for (const key of Object.keys(value)) sentinelPaths(value[key], [...prefix, key], out)
  }
}

interface Stamp extends PendingTimestamp {
  /** The local estimate the overlay wrote there (the time of the write). */
  readonly at: number
}

/**
 * Tracks pending server timestamps across a document's pending writes, oldest first: call
 * `before(write, at, data)` with the data the write applies to, then apply it; `result(data)`
 * with the final data. A field still holds a write's estimate unless a later write replaced it
 * (a later write of that very number is taken as the same timestamp: it reads the same).
 */
export class TimestampTracker {
  private readonly stamps: Stamp[] = []

  /** Records the server timestamps `write` (made at `at`) sets, given the data before it. */
  before(write: Write, at: number, data: DocumentData | null | undefined): void {
    const paths: string[][] = []
    if (write.op === 'set') sentinelPaths(write.data, [], paths)
    else if (write.op === 'update') for (const [p, v] of write.fields) sentinelPaths(v, p, paths)
    for (const path of paths) {
      const old = data ? getField(data, path) : undefined
      // Over a pending timestamp, the previous value is that one's.
      let previous = old
      for (const s of this.stamps) if (s.at === old && samePath(s.path, path)) previous = s.previous
      this.stamps.push({ path, at, previous })
    }
  }

  /** The pending timestamps `data` (after every write) still holds, or undefined when none. */
  result(data: DocumentData): readonly PendingTimestamp[] | undefined {
    const out = this.stamps.filter(
      (s, i) =>
        getField(data, s.path) === s.at &&
        !this.stamps.some((t, j) => j > i && samePath(t.path, s.path)),
    )
    return out.length ? out.map(({ path, previous }) => ({ path, previous })) : undefined
  }
}

const samePath = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i])

/** How a snapshot reads a pending server timestamp (Firestore's `serverTimestamps` option). */
export type ServerTimestampBehavior = 'estimate' | 'previous' | 'none'

/** `data` with each pending timestamp read as `behavior` says (the same object for 'estimate'). */
export function withTimestamps(
  data: DocumentData,
  pending: readonly PendingTimestamp[] | undefined,
  behavior: ServerTimestampBehavior,
): DocumentData {
  if (!pending || behavior === 'estimate') return data
  let out = data
  for (const t of pending) {
    const value = behavior === 'previous' && t.previous !== undefined ? t.previous : null
    out = replaceAt(out, t.path, value)
  }
  return out
}

function replaceAt(node: DocumentData, path: readonly string[], value: unknown): DocumentData {
  const [key, ...rest] = path as [string, ...string[]]
  if (!(key in node)) return node
  const child = (node as Record<string, unknown>)[key]
  const next = rest.length === 0 ? value : isMap(child) ? replaceAt(child, rest, value) : child
  return Object.freeze({ ...node, [key]: next })
}
