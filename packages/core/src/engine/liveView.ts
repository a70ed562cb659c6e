import { valuesEqual } from './values.js'
import { BlockList } from './blockList.js'
import type { CompiledQuery, Entry } from './querySpec.js'
import type { DocumentChangeType } from './types.js'

/** One change to a query's window; indexes follow the order the changes are applied in. */
export interface ViewChange<E extends Entry> {
  type: DocumentChangeType
  entry: E
  /** Index before this change, once earlier changes in the list are applied (-1 for added). */
  oldIndex: number
  /** Index after this change (-1 for removed). */
  newIndex: number
}

/**
 * The incrementally maintained result of one query. It holds every matching entry in sort order
 * (in blocks, see {@link BlockList}); `apply()` moves one document with a binary search and
 * reports how the query's window (offset/limit/limitToLast) changed — the query is never re-run.
 */
export class LiveView<E extends Entry> {
  private readonly list: BlockList<E>
  private readonly byId = new Map<string, E>()

  constructor(readonly query: CompiledQuery) {
    this.list = new BlockList<E>(query)
  }

  /** Number of matching entries (before the window is applied). */
  get matchCount(): number {
    return this.list.size
  }

  /** True when the entry with `id` matches. */
  has(id: string): boolean {
    return this.byId.has(id)
  }

  /** The current matching entry with `id`. */
  get(id: string): E | undefined {
    return this.byId.get(id)
  }

  /** Replaces the contents with `entries` (filtered and sorted here). */
  reset(entries: Iterable<E>): void {
    const { matches, compare, key, compareKeys } = this.query
    this.byId.clear()
    // Sorted with each entry's first sort key beside it, so most comparisons do not read data.
    const keyed: { e: E; k: unknown }[] = []
    for (const e of entries) {
      if (matches(e.id, e.data)) {
        keyed.push({ e, k: key(e.id, e.data) })
        this.byId.set(e.id, e)
      }
    }
    keyed.sort((p, q) => compareKeys(p.k, q.k) || compare(p.e, q.e))
    const sorted: E[] = []
    const keys: unknown[] = []
    for (let i = 0; i < keyed.length; i++) {
      const p = keyed[i] as { e: E; k: unknown }
      sorted.push(p.e)
      keys.push(p.k)
    }
    this.list.load(sorted, keys)
  }

  /** The entries inside the window, in order. */
  window(): E[] {
    const [s, e] = this.query.window(this.list.size)
    return this.list.slice(s, e)
  }

  /** @internal Checks the internal structure; for tests. */
  checkInvariants(): void {
    this.list.check()
  }

  /**
   * Puts the new state of one document (`null`: gone or no longer visible) and returns how the
   * window changed: the document itself, plus any neighbours pushed across a window edge.
   * `isSame` decides whether an entry whose position did not move counts as modified.
   */
  apply(id: string, next: E | null, isSame: (a: E, b: E) => boolean = sameData): ViewChange<E>[] {
    const { matches, window } = this.query
    const prev = this.byId.get(id)
    const incoming = next && matches(next.id, next.data) ? next : undefined
    if (!prev && !incoming) return []
    const list = this.list
    const n0 = list.size
    const [s0, e0] = window(n0)

    let i = -1
    if (prev) {
      i = list.lowerBound(prev)
      if (list.found() !== prev) i = list.indexOf(prev) // cannot happen for a consistent order; stay safe
      if (i >= 0) list.removeFound()
      this.byId.delete(id)
    }
    let j = -1
    if (incoming) {
      j = list.lowerBound(incoming)
      list.insertFound(incoming)
      this.byId.set(id, incoming)
    }
    const [s1, e1] = window(list.size)

    // "Others" are the entries other than this document, which keep their relative order.
    // The window covers the others [a0, b0) before and [a1, b1) after; the document itself sits
    // at others-index i (before) and j (after).
    const a0 = s0 - (i >= 0 && i < s0 ? 1 : 0)
    const b0 = e0 - (i >= 0 && i < e0 ? 1 : 0)
    const a1 = s1 - (j >= 0 && j < s1 ? 1 : 0)
    const b1 = e1 - (j >= 0 && j < e1 ? 1 : 0)
    const inOld = i >= s0 && i < e0
    const inNew = j >= s1 && j < e1
    const other = (k: number): E => list.at(j >= 0 && k >= j ? k + 1 : k)

    const changes: ViewChange<E>[] = []
    // The current window during the replay: others [lo, hi) plus the document after `at` others.
    let lo = a0
    let hi = b0
    let at = inOld ? i - a0 : -1
    const indexOf = (k: number): number => k - lo + (at >= 0 && at <= k - lo ? 1 : 0)

    if (inOld && !inNew) {
      changes.push({ type: 'removed', entry: prev as E, oldIndex: at, newIndex: -1 })
      at = -1
    }
    while (hi > lo && hi > b1) {
      const k = hi - 1
      changes.push({ type: 'removed', entry: other(k), oldIndex: indexOf(k), newIndex: -1 })
      hi--
      if (at > hi - lo) at = hi - lo
    }
    while (lo < hi && lo < a1) {
      changes.push({ type: 'removed', entry: other(lo), oldIndex: indexOf(lo), newIndex: -1 })
      lo++
      if (at > 0) at--
    }
    if (lo >= hi) {
      lo = hi = Math.max(a1, Math.min(b1, lo))
      if (at >= 0) at = 0
    }
    while (lo > a1) {
      lo--
      if (at >= 0) at++
      changes.push({ type: 'added', entry: other(lo), oldIndex: -1, newIndex: indexOf(lo) })
    }
    while (hi < b1) {
      const k = hi
      hi++
      changes.push({ type: 'added', entry: other(k), oldIndex: -1, newIndex: indexOf(k) })
    }
    if (inNew) {
      const newIndex = j - a1
      if (!inOld) changes.push({ type: 'added', entry: incoming as E, oldIndex: -1, newIndex })
      else if (at !== newIndex || !isSame(prev as E, incoming as E)) {
        changes.push({ type: 'modified', entry: incoming as E, oldIndex: at, newIndex })
      }
    }
    return changes
  }
}

/** Default sameness: the same object or deeply equal data. */
export function sameData(a: Entry, b: Entry): boolean {
  return a === b || a.data === b.data || valuesEqual(a.data, b.data)
}

/**
 * Runs a query once over `entries`. With a limit it keeps only the best `offset + limit`
 * entries while scanning (a bounded insertion buffer), so it never sorts the whole match set.
 */
export function runQuery<E extends Entry>(query: CompiledQuery, entries: Iterable<E>): E[] {
  const { matches, compare, spec } = query
  const last = spec.limitType === 'last'
  const cmp = last ? (a: Entry, b: Entry) => compare(b, a) : compare
  const keep = spec.limit === undefined ? Infinity : spec.limit + (spec.offset ?? 0)
  const out: E[] = []
  if (keep === Infinity) {
    for (const e of entries) if (matches(e.id, e.data)) out.push(e)
    out.sort(cmp)
  } else if (keep > 0) {
    for (const e of entries) {
      if (!matches(e.id, e.data)) continue
      if (out.length === keep && cmp(e, out[keep - 1] as E) >= 0) continue
      let lo = 0
      let hi = out.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (cmp(out[mid] as E, e) < 0) lo = mid + 1
        else hi = mid
      }
      out.splice(lo, 0, e)
      if (out.length > keep) out.pop()
    }
  }
  const result = out.slice(spec.offset ?? 0, (spec.offset ?? 0) + (spec.limit ?? Infinity))
  return last ? result.reverse() : result
}
