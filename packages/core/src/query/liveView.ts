import { valuesEqual } from '../values.js'
import type { CompiledQuery, Entry } from './querySpec.js'
import type { DocumentChangeType } from '../types.js'

/** One change to a query's window; indexes follow the order the changes are applied in. */
export interface ViewChange<E extends Entry> {
  type: DocumentChangeType
  entry: E
  /** Index before this change, once earlier changes in the list are applied (-1 for added). */
  oldIndex: number
  /** Index after this change (-1 for removed). */
  newIndex: number
}

/** Entries per block when a list is loaded or a block splits; a block splits above twice this. */
const BLOCK = 512
/** A block shorter than this is merged into a neighbour when the two fit in one block. */
const MIN_BLOCK = BLOCK >> 2

/**
 * A sorted list kept as a list of blocks (each a sorted array of up to `2 * BLOCK` entries) plus
 * the rank of each block's first entry, so that finding, inserting and removing an entry and
 * reading the entry at a rank cost O(log n + BLOCK + n / BLOCK) instead of moving the whole list.
 * Blocks are never empty.
 */
class BlockList<E extends Entry> {
  private blocks: E[][] = []
  /** `starts[b]`: rank of the first entry of block `b`. */
  private starts: number[] = []
  size = 0
  /** Block and offset found by the last {@link lowerBound}. */
  private foundBlock = 0
  private foundOffset = 0

  constructor(private readonly compare: (a: Entry, b: Entry) => number) {}

  /** Replaces the contents with `sorted` (already in order). */
  load(sorted: readonly E[]): void {
    const blocks: E[][] = []
    const starts: number[] = []
    for (let s = 0; s < sorted.length; s += BLOCK) {
      starts.push(s)
      blocks.push(sorted.slice(s, s + BLOCK))
    }
    this.blocks = blocks
    this.starts = starts
    this.size = sorted.length
  }

  /**
   * Rank of the first entry not before `entry` (where `entry` is, or would go); also remembers
   * the block and offset of that position for {@link removeFound} and {@link insertFound}.
   */
  lowerBound(entry: Entry): number {
    const { blocks, compare } = this
    const nb = blocks.length
    if (nb === 0) {
      this.foundBlock = 0
      this.foundOffset = 0
      return 0
    }
    // First block whose last entry is not before `entry`; the last block if there is none.
    let lo = 0
    let hi = nb - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const block = blocks[mid] as E[]
      if (compare(block[block.length - 1] as E, entry) < 0) lo = mid + 1
      else hi = mid
    }
    const block = blocks[lo] as E[]
    let a = 0
    let b = block.length
    while (a < b) {
      const mid = (a + b) >>> 1
      if (compare(block[mid] as E, entry) < 0) a = mid + 1
      else b = mid
    }
    this.foundBlock = lo
    this.foundOffset = a
    return (this.starts[lo] as number) + a
  }

  /** The entry at the position {@link lowerBound} found, if any. */
  found(): E | undefined {
    return this.blocks[this.foundBlock]?.[this.foundOffset]
  }

  /** Rank of `entry` by identity, scanning every block; -1 when absent. */
  indexOf(entry: E): number {
    const { blocks } = this
    for (let b = 0; b < blocks.length; b++) {
      const k = (blocks[b] as E[]).indexOf(entry)
      if (k >= 0) {
        this.foundBlock = b
        this.foundOffset = k
        return (this.starts[b] as number) + k
      }
    }
    return -1
  }

  /** Removes the entry at the position last found. */
  removeFound(): void {
    const b = this.foundBlock
    const { blocks, starts } = this
    const block = blocks[b] as E[]
    block.splice(this.foundOffset, 1)
    this.size--
    for (let k = b + 1; k < starts.length; k++) (starts[k] as number)--
    if (block.length < MIN_BLOCK) this.mergeSmall(b)
  }

  /** Inserts `entry` at the position last found by {@link lowerBound}. */
  insertFound(entry: E): void {
    const { blocks, starts } = this
    if (blocks.length === 0) {
      blocks.push([entry])
      starts.push(0)
      this.size = 1
      return
    }
    const b = this.foundBlock
    const block = blocks[b] as E[]
    block.splice(this.foundOffset, 0, entry)
    this.size++
    for (let k = b + 1; k < starts.length; k++) (starts[k] as number)++
    if (block.length > 2 * BLOCK) {
      const half = block.length >>> 1
      blocks.splice(b + 1, 0, block.splice(half))
      starts.splice(b + 1, 0, (starts[b] as number) + half)
    }
  }

  /** Drops block `b` when empty, or merges it into a neighbour when both fit in one block. */
  private mergeSmall(b: number): void {
    const { blocks, starts } = this
    const block = blocks[b] as E[]
    if (block.length === 0) {
      blocks.splice(b, 1)
      starts.splice(b, 1)
      return
    }
    const next = blocks[b + 1]
    if (next && block.length + next.length <= BLOCK) {
      blocks[b] = block.concat(next)
      blocks.splice(b + 1, 1)
      starts.splice(b + 1, 1)
      return
    }
    const prev = blocks[b - 1]
    if (prev && prev.length + block.length <= BLOCK) {
      blocks[b - 1] = prev.concat(block)
      blocks.splice(b, 1)
      starts.splice(b, 1)
    }
  }

  /** Index of the block holding `rank` (0 <= rank < size). */
  private blockOf(rank: number): number {
    const { starts } = this
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if ((starts[mid] as number) <= rank) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** The entry at `rank` (0 <= rank < size). */
  at(rank: number): E {
    const b = this.blockOf(rank)
    return (this.blocks[b] as E[])[rank - (this.starts[b] as number)] as E
  }

  /** The entries at ranks `[start, end)`, in order. */
  slice(start: number, end: number): E[] {
    const out: E[] = []
    if (start >= end) return out
    const { blocks, starts } = this
    let b = this.blockOf(start)
    let k = start - (starts[b] as number)
    let left = end - start
    while (left > 0 && b < blocks.length) {
      const block = blocks[b] as E[]
      const stop = Math.min(block.length, k + left)
      for (; k < stop; k++, left--) out.push(block[k] as E)
      b++
      k = 0
    }
    return out
  }

  /** @internal Checks the block invariants; for tests. */
  check(): void {
    let rank = 0
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as E[]
      if (block.length === 0 || block.length > 2 * BLOCK)
        throw new Error(`block ${b} has ${block.length} entries`)
      if (this.starts[b] !== rank)
        throw new Error(`block ${b} starts at ${this.starts[b]}, not ${rank}`)
      rank += block.length
    }
    if (this.starts.length !== this.blocks.length || rank !== this.size)
      throw new Error('size mismatch')
  }
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
    this.list = new BlockList<E>(query.compare)
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
    const { matches, compare } = this.query
    this.byId.clear()
    const out: E[] = []
    for (const e of entries) {
      if (matches(e.id, e.data)) {
        out.push(e)
        this.byId.set(e.id, e)
      }
    }
    this.list.load(out.sort(compare))
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
      list.removeFound()
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
