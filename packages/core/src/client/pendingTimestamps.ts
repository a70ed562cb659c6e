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
    return
  }
  if (!isMap(value)) return
  for (const key of Object.keys(value)) sentinelPaths(value[key], [...prefix, key], out)
}

const isPrefix = (a: readonly string[], b: readonly string[]): boolean =>
  a.length <= b.length && a.every((s, i) => s === b[i])

/** The field paths a write replaces, and the server timestamps it sets. */
function writeShape(write: Write): { all: boolean; written: string[][]; stamps: string[][] } {
  const stamps: string[][] = []
  if (write.op === 'delete') return { all: true, written: [], stamps }
  if (write.op === 'update') {
    for (const [path, value] of write.fields) sentinelPaths(value, path, stamps)
    return { all: false, written: write.fields.map(([p]) => [...p]), stamps }
  }
  sentinelPaths(write.data, [], stamps)
  if (!write.merge) return { all: true, written: [], stamps }
  if (write.merge === true) {
    // A merge replaces each leaf it names (a sentinel is a leaf).
    const written: string[][] = []
    leafPaths(write.data, [], written)
    return { all: false, written, stamps }
  }
  const merged = write.merge.map((p) => [...p])
  const kept = stamps.filter((s) => merged.some((m) => isPrefix(m, s)))
  return { all: false, written: merged, stamps: kept }
}

/**
 * Tracks pending server timestamps across a document's pending writes, oldest first: call
 * `before(write, data)` with the data the write applies to, then apply it.
 */
export class TimestampTracker {
  private list: PendingTimestamp[] = []

  /** Records what `write` does to pending timestamps, given the data before it. */
  before(write: Write, data: DocumentData | null | undefined): void {
    const { all, written, stamps } = writeShape(write)
    const previous = stamps.map((path) => this.previousAt(path, data))
    if (all) this.list = []
    else {
      // A write to the field, to a map above it or to a field under it replaces it.
      const hit = (t: PendingTimestamp) =>
        written.some((w) => isPrefix(w, t.path) || isPrefix(t.path, w))
      this.list = this.list.filter((t) => !hit(t))
    }
    stamps.forEach((path, i) => this.list.push({ path, previous: previous[i] }))
  }

  /** The pending timestamps after every write, or undefined when none. */
  result(): readonly PendingTimestamp[] | undefined {
    return this.list.length ? this.list : undefined
  }

  /** A field's value before a write: a pending timestamp there gives its own previous value. */
  private previousAt(path: readonly string[], data: DocumentData | null | undefined): unknown {
    const pending = this.list.find((t) => t.path.length === path.length && isPrefix(t.path, path))
    if (pending) return pending.previous
    return data ? getField(data, path) : undefined
  }
}

function leafPaths(value: unknown, prefix: readonly string[], out: string[][]): void {
  if (!isMap(value) || (prefix.length > 0 && Object.keys(value).length === 0)) {
    if (prefix.length > 0) out.push([...prefix])
    return
  }
  for (const key of Object.keys(value)) leafPaths(value[key], [...prefix, key], out)
}

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
