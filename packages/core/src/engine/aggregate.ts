import { fieldGetter, parseFieldPath, type FieldGetter } from './fieldPath.js'
import { LiveView, runQuery } from './liveView.js'
import type { CompiledQuery, Entry } from './querySpec.js'
import type { DocumentData } from './types.js'
import {
  sameValues,
  type Aggregate,
  type AggregateSpec,
  type AggregateValues,
} from './aggregateSpec.js'

// Computing aggregations: once over documents, or kept live through changes.

/**
 * A sum of numbers that can also take numbers away. Integers add exactly (as long as the sum
 * stays within ±2^53); other values use Neumaier compensation, so adding and later removing a
 * value leaves (almost) no trace. With no value left it is exactly 0 again, which bounds drift.
 */
class RunningSum {
  private sum = 0
  private compensation = 0
  /** How many numeric values are in the sum. */
  n = 0

  add(x: number, sign: 1 | -1): void {
    const v = x * sign
    this.n += sign
    if (this.n === 0) {
      this.sum = 0
      this.compensation = 0
      return
    }
    const t = this.sum + v
    if (Math.abs(this.sum) >= Math.abs(v)) this.compensation += this.sum - t + v
    else this.compensation += v - t + this.sum
    this.sum = t
  }

  clear(): void {
    this.sum = 0
    this.compensation = 0
    this.n = 0
  }

  get value(): number {
    return this.sum + this.compensation
  }
}

/** One alias, compiled: how to read its field and its running state. */
interface Slot {
  readonly alias: string
  readonly op: Aggregate['op']
  readonly get: FieldGetter | undefined
  readonly sum: RunningSum
}

function compileSlots(spec: AggregateSpec): Slot[] {
  return Object.keys(spec).map((alias) => {
    const a = spec[alias] as Aggregate
    const get = a.op === 'count' ? undefined : fieldGetter(parseFieldPath(a.op, a.field))
    return { alias, op: a.op, get, sum: new RunningSum() }
  })
}

/** Adds (sign 1) or removes (sign -1) one document's numeric values to every sum and average. */
function accumulate(slots: readonly Slot[], id: string, data: DocumentData, sign: 1 | -1): void {
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as Slot
    if (slot.get === undefined) continue
    const v = slot.get(id, data)
    if (typeof v === 'number') slot.sum.add(v, sign)
  }
}

function valuesOf(slots: readonly Slot[], count: number): AggregateValues {
  const out: AggregateValues = {}
  for (const slot of slots) {
    if (slot.op === 'count') out[slot.alias] = count
    else if (slot.op === 'sum') out[slot.alias] = slot.sum.value
    else out[slot.alias] = slot.sum.n === 0 ? null : slot.sum.value / slot.sum.n
  }
  return out
}

/** True when the query keeps only part of its matches (offset, limit or limitToLast). */
export function isWindowed(query: CompiledQuery): boolean {
  return query.spec.limit !== undefined || (query.spec.offset ?? 0) > 0
}

/**
 * Computes aggregations once over `entries` (any order, unfiltered): over every match of the
 * query, or, with offset/limit/limitToLast, over the documents of that window. A count needs no
 * sort even then; sums and averages over a window read the window's documents.
 */
export function computeAggregates(
  query: CompiledQuery,
  spec: AggregateSpec,
  entries: Iterable<Entry>,
): AggregateValues {
  const slots = compileSlots(spec)
  const needsDocs = slots.some((s) => s.op !== 'count')
  if (!isWindowed(query) || !needsDocs) {
    let n = 0
    for (const e of entries) {
      if (!query.matches(e.id, e.data)) continue
      n++
      if (needsDocs) accumulate(slots, e.id, e.data, 1)
    }
    const [s, end] = query.window(n)
    return valuesOf(slots, end - s)
  }
  const window = runQuery(query, entries)
  for (const e of window) accumulate(slots, e.id, e.data, 1)
  return valuesOf(slots, window.length)
}

/**
 * Aggregations kept up to date from each changed document's state before and after a write,
 * without re-reading the collection.
 *
 * What it holds: for a query without offset/limit, only a count and a running sum per
 * aggregation (`count += matches(after) - matches(before)`, likewise for sums); a count under a
 * window is derived from the match count (`min(max(matches - offset, 0), limit)`), so it holds
 * nothing more. A sum or average under a window cannot be kept that way (which documents are in
 * the window depends on their order), so only then it keeps the ordered matches in a
 * {@link LiveView} (references to the documents, as a live query does) and adjusts the sums by
 * the documents entering and leaving the window.
 */
export class LiveAggregate {
  private readonly slots: Slot[]
  private readonly view: LiveView<Entry> | undefined
  private matchCount = 0
  private last: AggregateValues

  constructor(
    readonly query: CompiledQuery,
    readonly spec: AggregateSpec,
  ) {
    this.slots = compileSlots(spec)
    const needsDocs = this.slots.some((s) => s.op !== 'count')
    this.view = needsDocs && isWindowed(query) ? new LiveView<Entry>(query) : undefined
    this.last = this.compute()
  }

  /** The current results. */
  values(): AggregateValues {
    return this.last
  }

  /** Starts over from `entries` (any order, unfiltered). */
  reset(entries: Iterable<Entry>): void {
    for (const slot of this.slots) slot.sum.clear()
    this.matchCount = 0
    const { view, slots } = this
    if (view) {
      view.reset(entries)
      this.matchCount = view.matchCount
      for (const e of view.window()) accumulate(slots, e.id, e.data, 1)
    } else {
      const { matches } = this.query
      const sums = slots.some((s) => s.get !== undefined)
      for (const e of entries) {
        if (!matches(e.id, e.data)) continue
        this.matchCount++
        if (sums) accumulate(slots, e.id, e.data, 1)
      }
    }
    this.last = this.compute()
  }

  /**
   * Takes one document's change (`before`/`after`: its data, absent when it did not or does no
   * longer exist). Returns true when any result changed.
   */
  apply(
    id: string,
    before: DocumentData | null | undefined,
    after: DocumentData | null | undefined,
  ): boolean {
    const { matches } = this.query
    const { slots, view } = this
    if (view) {
      const prev = view.get(id)
      const changes = view.apply(id, after ? { id, data: after } : null)
      this.matchCount = view.matchCount
      if (changes.length === 0) return false
      for (const c of changes) {
        if (c.type === 'added') accumulate(slots, c.entry.id, c.entry.data, 1)
        else if (c.type === 'removed') accumulate(slots, c.entry.id, c.entry.data, -1)
        else {
          if (prev) accumulate(slots, id, prev.data, -1)
          accumulate(slots, id, c.entry.data, 1)
        }
      }
    } else {
      const was = before ? matches(id, before) : false
      const is = after ? matches(id, after) : false
      if (!was && !is) return false
      if (was) accumulate(slots, id, before as DocumentData, -1)
      if (is) accumulate(slots, id, after as DocumentData, 1)
      this.matchCount += (is ? 1 : 0) - (was ? 1 : 0)
    }
    const next = this.compute()
    if (sameValues(next, this.last)) return false
    this.last = next
    return true
  }

  private compute(): AggregateValues {
    const [s, e] = this.query.window(this.matchCount)
    return valuesOf(this.slots, e - s)
  }
}
