import type { CompiledQuery, Entry } from './querySpec.js'

/** Entries per block when a list is loaded or a block splits; a block splits above twice this. */
const BLOCK = 512
/** A block shorter than this is merged into a neighbour when the two fit in one block. */
const MIN_BLOCK = BLOCK >> 2

/**
 * A sorted list kept as a list of blocks (each a sorted array of up to `2 * BLOCK` entries) plus
 * the rank of each block's first entry, so that finding, inserting and removing an entry and
 * reading the entry at a rank cost O(log n + BLOCK + n / BLOCK) instead of moving the whole list.
 * Next to each block it keeps the entries' first sort keys, so a search compares cached keys and
 * reads an entry's data only on a tie. Blocks are never empty.
 */
export class BlockList<E extends Entry> {
  private blocks: E[][] = []
  /** `keys[b][k]`: first sort key of `blocks[b][k]`. */
  private keys: unknown[][] = []
  /** `starts[b]`: rank of the first entry of block `b`. */
  private starts: number[] = []
  size = 0
  /** Block and offset found by the last {@link lowerBound}, and the key it searched for. */
  private foundBlock = 0
  private foundOffset = 0
  private foundKey: unknown = undefined

  constructor(private readonly query: CompiledQuery) {}

  /** Replaces the contents with `sorted` (already in order) and their first sort keys. */
  load(sorted: readonly E[], sortedKeys: readonly unknown[]): void {
    const blocks: E[][] = []
    const keys: unknown[][] = []
    const starts: number[] = []
    for (let s = 0; s < sorted.length; s += BLOCK) {
      starts.push(s)
      blocks.push(sorted.slice(s, s + BLOCK))
      keys.push(sortedKeys.slice(s, s + BLOCK))
    }
    this.blocks = blocks
    this.keys = keys
    this.starts = starts
    this.size = sorted.length
  }

  /**
   * Rank of the first entry not before `entry` (where `entry` is, or would go); also remembers
   * the block and offset of that position for {@link removeFound} and {@link insertFound}.
   */
  lowerBound(entry: Entry): number {
    const { blocks, keys } = this
    const { compare, compareKeys } = this.query
    const key = this.query.key(entry.id, entry.data)
    this.foundKey = key
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
      const blockKeys = keys[mid] as unknown[]
      const last = blockKeys.length - 1
      const c = compareKeys(blockKeys[last], key)
      if (c < 0 || (c === 0 && compare((blocks[mid] as E[])[last] as E, entry) < 0)) lo = mid + 1
      else hi = mid
    }
    const block = blocks[lo] as E[]
    const blockKeys = keys[lo] as unknown[]
    let a = 0
    let b = block.length
    while (a < b) {
      const mid = (a + b) >>> 1
      const c = compareKeys(blockKeys[mid], key)
      if (c < 0 || (c === 0 && compare(block[mid] as E, entry) < 0)) a = mid + 1
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
    const { blocks, keys, starts } = this
    const block = blocks[b] as E[]
    block.splice(this.foundOffset, 1)
    ;(keys[b] as unknown[]).splice(this.foundOffset, 1)
    this.size--
    for (let k = b + 1; k < starts.length; k++) (starts[k] as number)--
    if (block.length < MIN_BLOCK) this.mergeSmall(b)
  }

  /** Inserts `entry` at the position last found by {@link lowerBound} for it. */
  insertFound(entry: E): void {
    const { blocks, keys, starts } = this
    const key = this.foundKey
    if (blocks.length === 0) {
      blocks.push([entry])
      keys.push([key])
      starts.push(0)
      this.size = 1
      return
    }
    const b = this.foundBlock
    const block = blocks[b] as E[]
    const blockKeys = keys[b] as unknown[]
    block.splice(this.foundOffset, 0, entry)
    blockKeys.splice(this.foundOffset, 0, key)
    this.size++
    for (let k = b + 1; k < starts.length; k++) (starts[k] as number)++
    if (block.length > 2 * BLOCK) {
      const half = block.length >>> 1
      blocks.splice(b + 1, 0, block.splice(half))
      keys.splice(b + 1, 0, blockKeys.splice(half))
      starts.splice(b + 1, 0, (starts[b] as number) + half)
    }
  }

  /** Drops block `b` when empty, or merges it into a neighbour when both fit in one block. */
  private mergeSmall(b: number): void {
    const { blocks, keys, starts } = this
    const block = blocks[b] as E[]
    if (block.length === 0) {
      blocks.splice(b, 1)
      keys.splice(b, 1)
      starts.splice(b, 1)
      return
    }
    const next = blocks[b + 1]
    if (next && block.length + next.length <= BLOCK) {
      blocks[b] = block.concat(next)
      keys[b] = (keys[b] as unknown[]).concat(keys[b + 1] as unknown[])
      blocks.splice(b + 1, 1)
      keys.splice(b + 1, 1)
      starts.splice(b + 1, 1)
      return
    }
    const prev = blocks[b - 1]
    if (prev && prev.length + block.length <= BLOCK) {
      blocks[b - 1] = prev.concat(block)
      keys[b - 1] = (keys[b - 1] as unknown[]).concat(keys[b] as unknown[])
      blocks.splice(b, 1)
      keys.splice(b, 1)
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

  /** Throws when the blocks break an invariant (for tests): sizes, ranks, cached keys. */
  check(): void {
    const { key, compareKeys } = this.query
    let rank = 0
    if (this.starts.length !== this.blocks.length || this.keys.length !== this.blocks.length) {
      throw new Error('blocks, keys and starts differ in length')
    }
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as E[]
      const blockKeys = this.keys[b] as unknown[]
      if (block.length === 0 || block.length > 2 * BLOCK) {
        throw new Error(`block ${b} has ${block.length} entries`)
      }
      if (blockKeys.length !== block.length) throw new Error(`block ${b} has stale keys`)
      block.forEach((e, k) => {
        if (compareKeys(key(e.id, e.data), blockKeys[k]) !== 0) {
          throw new Error(`entry ${e.id} has a stale key`)
        }
      })
      if (this.starts[b] !== rank) {
        throw new Error(`block ${b} starts at ${this.starts[b]}, not ${rank}`)
      }
      rank += block.length
    }
    if (rank !== this.size) throw new Error(`size is ${this.size}, blocks hold ${rank}`)
  }
}
