import { describe, expect, it } from 'vitest'
import { and, or, where } from '../engine/filter.js'
import { compareValues } from '../engine/values.js'
import { LiveView, runQuery, type ViewChange } from '../engine/liveView.js'
import { compileQuery, type BoundSpec, type Entry, type QuerySpec } from '../engine/querySpec.js'
import type { Filter } from '../engine/filter.js'
import type { DocumentData } from '../types.js'
import { seededRandom } from '../testing/random.js'

// ─── A reference engine ─────────────────────────────────────────────────────────────────────────
// Written from the semantics (Cloud Firestore's, as DESIGN.md states them), independently of the
// compiled query: filter, sort, cursors and window by brute force over every document.

type Scalar = null | boolean | number | string

function rank(v: Scalar): number {
  if (v === null) return 0
  if (typeof v === 'boolean') return 1
  if (typeof v === 'number') return 2
  return 3
}

function cmp(a: Scalar, b: Scalar): number {
  const r = rank(a) - rank(b)
  if (r !== 0) return r
  if (a === b) return 0
  return (a as number) < (b as number) ? -1 : 1
}

function fieldOf(e: Entry, field: string): Scalar | undefined {
  return field === '__name__' ? e.id : (e.data[field] as Scalar | undefined)
}

function refFilter(f: Filter, e: Entry): boolean {
  if (f.type !== 'where') {
    return f.type === 'and'
      ? f.filters.every((x) => refFilter(x, e))
      : f.filters.some((x) => refFilter(x, e))
  }
  const v = fieldOf(e, f.field)
  const value = f.value as Scalar
  switch (f.op) {
    case '==':
      return v !== undefined && v === value
    case '!=':
      return v !== undefined && v !== null && v !== value
    case '<':
      return v !== undefined && rank(v) === rank(value) && cmp(v, value) < 0
    case '>=':
      return v !== undefined && rank(v) === rank(value) && cmp(v, value) >= 0
    case 'in':
      return v !== undefined && (f.value as Scalar[]).includes(v)
    case 'not-in':
      return v !== undefined && v !== null && !(f.value as Scalar[]).includes(v)
    default:
      throw new Error(`reference engine does not know ${f.op}`)
  }
}

/** The reference's filter (with orderBy fields present and cursors) and order for `spec`. */
function referenceOf(spec: QuerySpec): {
  matches: (e: Entry) => boolean
  order: (a: Entry, b: Entry) => number
} {
  // Firestore's implicit order: inequality fields follow the explicit keys, by name, in the last
  // key's direction (the shapes here use simple field names).
  const inequalities = new Set<string>()
  const collect = (f: Filter): void => {
    if (f.type !== 'where') f.filters.forEach(collect)
    else if (['<', '<=', '>', '>=', '!=', 'not-in'].includes(f.op)) inequalities.add(f.field)
  }
  if (spec.filter) collect(spec.filter)
  const direction = spec.orderBy.at(-1)?.direction ?? 'asc'
  const keys = [
    ...spec.orderBy,
    ...[...inequalities]
      .filter((field) => field !== '__name__' && !spec.orderBy.some((o) => o.field === field))
      .sort()
      .map((field) => ({ field, direction })),
  ]
  const idDir = keys.length > 0 && keys[keys.length - 1]?.direction === 'desc' ? -1 : 1
  const idCmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0) * idDir
  const order = (a: Entry, b: Entry): number => {
    for (const k of keys) {
      const c = cmp(fieldOf(a, k.field) as Scalar, fieldOf(b, k.field) as Scalar)
      if (c !== 0) return k.direction === 'desc' ? -c : c
    }
    return idCmp(a.id, b.id)
  }
  const position = (e: Entry, bound: BoundSpec): number => {
    for (let i = 0; i < bound.values.length; i++) {
      const k = keys[i]!
      const c = cmp(fieldOf(e, k.field) as Scalar, bound.values[i] as Scalar)
      if (c !== 0) return k.direction === 'desc' ? -c : c
    }
    return bound.id === undefined ? 0 : idCmp(e.id, bound.id)
  }
  const start = spec.startAt
  const end = spec.endAt
  const matches = (e: Entry): boolean =>
    keys.every((k) => fieldOf(e, k.field) !== undefined) &&
    (!spec.filter || refFilter(spec.filter, e)) &&
    (!start || (start.inclusive ? position(e, start) >= 0 : position(e, start) > 0)) &&
    (!end || (end.inclusive ? position(e, end) <= 0 : position(e, end) < 0))
  return { matches, order }
}

/** The window (offset, limit, limitToLast) of a sorted match list. */
function windowOf<T>(spec: QuerySpec, matching: readonly T[]): T[] {
  const limit = spec.limit ?? Infinity
  const offset = spec.offset ?? 0
  if (spec.limitType === 'last') {
    const stop = Math.max(0, matching.length - offset)
    return matching.slice(Math.max(0, stop - limit), stop)
  }
  return matching.slice(offset, offset + limit)
}

function bruteForce(spec: QuerySpec, entries: Iterable<Entry>): Entry[] {
  const { matches, order } = referenceOf(spec)
  const matching = [...entries].filter(matches)
  matching.sort(order)
  return windowOf(spec, matching)
}

// ─── Random data ────────────────────────────────────────────────────────────────────────────────

const IDS = Array.from({ length: 12 }, (_, i) => `d${String(i).padStart(2, '0')}`)

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

/** Small value ranges, so ties, type mixes and missing fields are common. */
function randomData(random: () => number): DocumentData {
  const data: DocumentData = {}
  const n = random()
  if (n < 0.7) data.n = Math.floor(random() * 5)
  else if (n < 0.8) data.n = pick(random, ['a', 'b'])
  else if (n < 0.85) data.n = null
  else if (n < 0.88) data.n = pick(random, [true, false])
  if (random() < 0.85) data.g = pick(random, ['x', 'y'])
  return data
}

function entry(id: string, data: DocumentData): Entry {
  return { id, data }
}

// ─── Query shapes ───────────────────────────────────────────────────────────────────────────────

const base: QuerySpec = { collection: 'c', orderBy: [] }
const asc = (field: string) => ({ field, direction: 'asc' as const })
const desc = (field: string) => ({ field, direction: 'desc' as const })

const SHAPES: Record<string, QuerySpec> = {
  plain: base,
  'filter only': { ...base, filter: where('n', '>=', 2) },
  'orderBy asc': { ...base, orderBy: [asc('n')] },
  'orderBy desc': { ...base, orderBy: [desc('n')] },
  'two keys': { ...base, orderBy: [asc('g'), desc('n')] },
  limit: { ...base, orderBy: [asc('n')], limit: 3, limitType: 'first' },
  'limit, no orderBy': { ...base, filter: where('g', '==', 'x'), limit: 3, limitType: 'first' },
  'desc limit': { ...base, orderBy: [desc('n')], limit: 4, limitType: 'first' },
  'offset + limit': { ...base, orderBy: [asc('g'), desc('n')], offset: 2, limit: 3 },
  'offset only': { ...base, orderBy: [asc('n')], offset: 3 },
  limitToLast: { ...base, orderBy: [asc('n')], limit: 3, limitType: 'last' },
  'limitToLast + offset': { ...base, orderBy: [desc('n')], limit: 2, limitType: 'last', offset: 2 },
  'limit 0': { ...base, orderBy: [asc('n')], limit: 0, limitType: 'first' },
  'limit 0 + offset': { ...base, orderBy: [asc('n')], limit: 0, offset: 2 },
  'limit 1 + offset': { ...base, orderBy: [desc('n')], limit: 1, offset: 1 },
  'limitToLast 1 + offset': {
    ...base,
    orderBy: [asc('n')],
    limit: 1,
    limitType: 'last',
    offset: 1,
  },
  'value cursors': {
    ...base,
    orderBy: [asc('n')],
    startAt: { values: [1], inclusive: false },
    endAt: { values: [3], inclusive: true },
  },
  'snapshot cursors': {
    ...base,
    orderBy: [asc('n')],
    startAt: { values: [2], id: 'd05', inclusive: true },
    endAt: { values: [3], id: 'd07', inclusive: false },
  },
  'snapshot cursor, desc + limit': {
    ...base,
    orderBy: [asc('g'), desc('n')],
    startAt: { values: ['x', 2], id: 'd06', inclusive: false },
    limit: 4,
    limitType: 'first',
  },
  'cursor, no orderBy': { ...base, startAt: { values: [], id: 'd04', inclusive: false }, limit: 5 },
  'or filter + limit': {
    ...base,
    filter: or(where('g', '==', 'y'), and(where('n', '<', 2), where('n', '!=', 0))),
    orderBy: [desc('n')],
    limit: 3,
    limitType: 'first',
  },
  'in + not-in': {
    ...base,
    filter: and(where('n', 'in', [1, 3, 'a', null]), where('g', 'not-in', ['y'])),
    orderBy: [asc('n')],
  },
  'orderBy documentId desc': { ...base, orderBy: [desc('__name__')], limit: 5 },
}

// ─── Assertions ─────────────────────────────────────────────────────────────────────────────────

function describeEntries(list: readonly Entry[]): string[] {
  return list.map((e) => `${e.id} ${JSON.stringify(e.data)}`)
}

/** Applies changes in order, as a subscriber would; throws when an index names the wrong entry. */
function replay(previous: readonly Entry[], changes: readonly ViewChange<Entry>[]): Entry[] {
  const list = [...previous]
  for (const c of changes) {
    if (c.type === 'removed' || c.type === 'modified') {
      const at = list[c.oldIndex]
      if (!at || at.id !== c.entry.id) {
        throw new Error(`${c.type} ${c.entry.id}: oldIndex ${c.oldIndex} holds ${at?.id}`)
      }
      list.splice(c.oldIndex, 1)
    } else if (c.oldIndex !== -1) throw new Error(`added ${c.entry.id} has oldIndex ${c.oldIndex}`)
    if (c.type === 'added' || c.type === 'modified') {
      if (c.newIndex < 0 || c.newIndex > list.length) {
        throw new Error(`${c.type} ${c.entry.id}: newIndex ${c.newIndex} out of range`)
      }
      list.splice(c.newIndex, 0, c.entry)
    } else if (c.newIndex !== -1)
      throw new Error(`removed ${c.entry.id} has newIndex ${c.newIndex}`)
  }
  return list
}

function runRandomWrites(spec: QuerySpec, seed: number, steps: number): void {
  const random = seededRandom(seed)
  const query = compileQuery(spec)
  const view = new LiveView<Entry>(query)
  const model = new Map<string, Entry>()
  for (const id of IDS) if (random() < 0.5) model.set(id, entry(id, randomData(random)))
  view.reset(model.values())
  expect(describeEntries(view.window())).toEqual(describeEntries(bruteForce(spec, model.values())))

  for (let step = 0; step < steps; step++) {
    const id = pick(random, IDS)
    const before = view.window()
    const roll = random()
    let next: Entry | null
    if (roll < 0.25) next = null
    else if (roll < 0.35 && model.has(id))
      next = entry(id, { ...model.get(id)!.data }) // same data, new object
    else next = entry(id, randomData(random))
    if (next) model.set(id, next)
    else model.delete(id)

    const changes = view.apply(id, next)
    const after = view.window()
    const expected = describeEntries(bruteForce(spec, model.values()))
    const context = `seed ${seed}, step ${step}, ${next ? 'put' : 'delete'} ${id}`
    expect(describeEntries(after), `window after ${context}`).toEqual(expected)
    expect(describeEntries(replay(before, changes)), `replay after ${context}`).toEqual(expected)
    if (describeEntries(before).join('\n') === expected.join('\n')) {
      expect(changes, `no-op ${context} reported changes`).toEqual([])
    }
    expect(view.matchCount).toBe(
      bruteForce({ ...spec, limit: undefined, offset: undefined }, model.values()).length,
    )
  }
}

// ─── Tests ──────────────────────────────────────────────────────────────────────────────────────

describe('LiveView', () => {
  describe('keeps the window equal to a brute-force run under random writes', () => {
    for (const [name, spec] of Object.entries(SHAPES)) {
      it(name, () => {
        for (const seed of [1, 2, 3]) runRandomWrites(spec, seed * 7919, 1500)
      })
    }
  })

  it('reports a document entering a full limit window as removed (pushed out) then added', () => {
    const view = new LiveView<Entry>(
      compileQuery({ ...base, orderBy: [asc('n')], limit: 2, limitType: 'first' }),
    )
    view.reset([entry('a', { n: 1 }), entry('b', { n: 2 }), entry('c', { n: 3 })])
    const changes = view.apply('z', entry('z', { n: 0 }))
    expect(changes.map((c) => [c.type, c.entry.id, c.oldIndex, c.newIndex])).toEqual([
      ['removed', 'b', 1, -1],
      ['added', 'z', -1, 0],
    ])
    expect(view.window().map((e) => e.id)).toEqual(['z', 'a'])
  })

  it('pulls the next match into a limit window when a document leaves it', () => {
    const view = new LiveView<Entry>(
      compileQuery({ ...base, orderBy: [asc('n')], limit: 2, limitType: 'first' }),
    )
    view.reset([entry('a', { n: 1 }), entry('b', { n: 2 }), entry('c', { n: 3 })])
    const changes = view.apply('a', null)
    expect(changes.map((c) => [c.type, c.entry.id, c.oldIndex, c.newIndex])).toEqual([
      ['removed', 'a', 0, -1],
      ['added', 'c', -1, 1],
    ])
  })

  it('reports a move inside the window as one modified change with both indexes', () => {
    const view = new LiveView<Entry>(compileQuery({ ...base, orderBy: [asc('n')] }))
    view.reset([entry('a', { n: 1 }), entry('b', { n: 2 }), entry('c', { n: 3 })])
    const changes = view.apply('a', entry('a', { n: 9 }))
    expect(changes.map((c) => [c.type, c.entry.id, c.oldIndex, c.newIndex])).toEqual([
      ['modified', 'a', 0, 2],
    ])
  })

  it('reports nothing for a write outside the window that stays outside it', () => {
    const view = new LiveView<Entry>(
      compileQuery({ ...base, orderBy: [asc('n')], limit: 1, limitType: 'first' }),
    )
    view.reset([entry('a', { n: 1 }), entry('b', { n: 2 }), entry('c', { n: 3 })])
    expect(view.apply('c', entry('c', { n: 2 }))).toEqual([])
    expect(view.apply('x', entry('x', { n: 'not a number' }))).toEqual([])
    expect(view.matchCount).toBe(4)
  })

  it('treats an equal copy of the data at the same position as unchanged', () => {
    const view = new LiveView<Entry>(compileQuery(base))
    view.reset([entry('a', { n: 1, m: { k: [1] } })])
    expect(view.apply('a', entry('a', { m: { k: [1] }, n: 1 }))).toEqual([])
  })

  it('uses the isSame callback to decide whether an unmoved entry is modified', () => {
    const view = new LiveView<Entry>(compileQuery(base))
    view.reset([entry('a', { n: 1 })])
    const changes = view.apply('a', entry('a', { n: 1 }), () => false)
    expect(changes.map((c) => [c.type, c.oldIndex, c.newIndex])).toEqual([['modified', 0, 0]])
  })
})

describe('runQuery', () => {
  for (const [name, spec] of Object.entries(SHAPES)) {
    it(`equals a brute-force run: ${name}`, () => {
      const random = seededRandom(name.length * 104729)
      const query = compileQuery(spec)
      for (let round = 0; round < 300; round++) {
        const entries = IDS.filter(() => random() < 0.7).map((id) => entry(id, randomData(random)))
        // Scan order must not matter: shuffle.
        for (let i = entries.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1))
          ;[entries[i], entries[j]] = [entries[j]!, entries[i]!]
        }
        expect(describeEntries(runQuery(query, entries)), `round ${round}`).toEqual(
          describeEntries(bruteForce(spec, entries)),
        )
      }
    })
  }

  it('keeps only the top k while scanning a large input', () => {
    const query = compileQuery({ ...base, orderBy: [desc('n')], limit: 3, limitType: 'first' })
    const entries = Array.from({ length: 10_000 }, (_, i) =>
      entry(`e${i}`, { n: (i * 7919) % 10_007 }),
    )
    const top = entries.map((e) => e.data.n as number).sort((a, b) => b - a)
    expect(runQuery(query, entries).map((e) => e.data.n)).toEqual(top.slice(0, 3))
  })
})

// ─── Large views ────────────────────────────────────────────────────────────────────────────────
// A LiveView keeps its matches in blocks of a few hundred entries; these views span dozens of
// blocks, and the writes grow one region (blocks split) and empty another (blocks shrink, merge
// and disappear), so windows, ranks and moves cross block boundaries.

describe('LiveView over many blocks', () => {
  const LARGE: Record<string, QuerySpec> = {
    'orderBy asc, window in the middle': {
      ...base,
      orderBy: [asc('n')],
      offset: 9000,
      limit: 40,
      limitType: 'first',
    },
    'filter, orderBy desc, window near the start': {
      ...base,
      filter: where('n', '>=', 300),
      orderBy: [desc('n')],
      offset: 700,
      limit: 25,
    },
    'limitToLast with offset': {
      ...base,
      orderBy: [asc('n')],
      offset: 5000,
      limit: 30,
      limitType: 'last',
    },
    'id order, window in the middle': {
      ...base,
      filter: where('g', '==', 'x'),
      offset: 6000,
      limit: 20,
      limitType: 'first',
    },
    'two keys, no limit': { ...base, orderBy: [asc('g'), desc('n')] },
  }

  it('keeps every window equal to a brute-force run while blocks split, shrink and merge', () => {
    const random = seededRandom(20_000)
    const SIZE = 22_000
    const ids = Array.from({ length: SIZE }, (_, i) => `e${String(i).padStart(5, '0')}`)
    const bigData = (n: number): DocumentData => {
      const data: DocumentData = {}
      if (random() < 0.97) data.n = n
      if (random() < 0.9) data.g = pick(random, ['x', 'y'])
      return data
    }
    const model = new Map<string, Entry>()
    for (const id of ids) {
      if (random() < 0.85) model.set(id, entry(id, bigData(Math.floor(random() * 1000))))
    }

    const views = Object.entries(LARGE).map(([name, spec]) => {
      const view = new LiveView<Entry>(compileQuery(spec))
      view.reset(model.values())
      const ref = referenceOf(spec)
      // The reference's full sorted match list, kept by plain array splicing.
      const sorted = [...model.values()].filter(ref.matches).sort(ref.order)
      return { name, spec, view, ref, sorted }
    })
    expect(views[0]!.view.matchCount).toBeGreaterThan(18_000)

    /** The same entries in the same order; described and compared by `toEqual` on a mismatch. */
    const same = (got: readonly Entry[], want: readonly Entry[], message: string): void => {
      if (got.length !== want.length || got.some((x, i) => x !== want[i])) {
        expect(describeEntries(got), message).toEqual(describeEntries(want))
      }
    }
    const fullCheck = (when: string): void => {
      for (const v of views) {
        v.view.checkInvariants()
        same(v.view.window(), bruteForce(v.spec, model.values()), `${v.name}: window ${when}`)
        same(
          v.sorted,
          [...model.values()].filter(v.ref.matches).sort(v.ref.order),
          `${v.name}: reference list ${when}`,
        )
      }
    }
    fullCheck('after reset')

    const write = (id: string, next: Entry | null, context: string): void => {
      const prev = model.get(id)
      if (next) model.set(id, next)
      else model.delete(id)
      for (const v of views) {
        // Update the reference list: remove the old entry, insert the new one in order.
        if (prev && v.ref.matches(prev)) v.sorted.splice(v.sorted.indexOf(prev), 1)
        if (next && v.ref.matches(next)) {
          let lo = 0
          let hi = v.sorted.length
          while (lo < hi) {
            const mid = (lo + hi) >>> 1
            if (v.ref.order(v.sorted[mid]!, next) < 0) lo = mid + 1
            else hi = mid
          }
          v.sorted.splice(lo, 0, next)
        }
        const before = v.spec.limit === undefined ? undefined : v.view.window()
        const changes = v.view.apply(id, next)
        // expect() only on a mismatch: this runs some 50k times.
        if (v.view.matchCount !== v.sorted.length) {
          expect(v.view.matchCount, `${v.name}: matchCount ${context}`).toBe(v.sorted.length)
        }
        if (before) {
          const expected = windowOf(v.spec, v.sorted)
          const got = v.view.window()
          const replayed = replay(before, changes)
          const label = `${v.name}: ${context}`
          same(got, expected, `window ${label}`)
          same(replayed, expected, `replay ${label}`)
        } else {
          const has = next !== null && v.ref.matches(next)
          if (v.view.has(id) !== has)
            expect(v.view.has(id), `${v.name}: has() ${context}`).toBe(has)
        }
      }
    }

    // Random moves, inserts and deletes anywhere.
    for (let step = 0; step < 1500; step++) {
      const id = pick(random, ids)
      const next = random() < 0.2 ? null : entry(id, bigData(Math.floor(random() * 1000)))
      write(id, next, `random step ${step}`)
    }
    fullCheck('after the random writes')
    // Grow one region: many documents move to n = 777 (ties broken by id), so blocks split.
    for (let step = 0; step < 2500; step++) {
      const id = pick(random, ids)
      write(id, entry(id, { n: 777, g: pick(random, ['x', 'y']) }), `grow step ${step}`)
    }
    fullCheck('after growing')
    // Empty another region: delete every document with n < 300, so blocks shrink and go.
    const low = [...model.values()].filter((e) => typeof e.data.n === 'number' && e.data.n < 300)
    expect(low.length).toBeGreaterThan(4000)
    low.forEach((e, step) => write(e.id, null, `delete step ${step}`))
    fullCheck('at the end')
    // Shrink to nothing and grow again from empty.
    for (const id of [...model.keys()]) {
      model.delete(id)
      for (const v of views) v.view.apply(id, null)
    }
    for (const v of views) {
      v.sorted = []
      expect(v.view.matchCount).toBe(0)
      expect(v.view.window()).toEqual([])
    }
    for (let step = 0; step < 300; step++) {
      const id = pick(random, ids)
      write(id, entry(id, bigData(Math.floor(random() * 10))), `regrow step ${step}`)
    }
    fullCheck('after regrowing')
  }, 60_000)
})

// ─── String order ───────────────────────────────────────────────────────────────────────────────
// Strings and ids order by code point (= UTF-8 bytes), as Cloud Firestore orders them, not by
// UTF-16 code unit: U+1F600 (a surrogate pair, 0xD83D 0xDE00) sorts after U+FFFD.

describe('string order', () => {
  const EMOJI = '\u{1F600}'
  const REPLACEMENT = '\uFFFD'
  // In code point order.
  const ORDERED = [
    '',
    'a',
    'ab',
    '\u00e9',
    '\uD7FF',
    '\uE000',
    REPLACEMENT,
    EMOJI,
    `${EMOJI}a`,
    '\u{10FFFF}',
  ]
  const ids = (list: readonly Entry[]): string[] => list.map((e) => e.id)
  const shuffled = <T>(list: readonly T[]): T[] => {
    const random = seededRandom(list.length)
    const out = [...list]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }

  it('compareValues orders strings as their UTF-8 bytes', () => {
    const utf8 = new TextEncoder()
    const byteOrder = (a: string, b: string): number => {
      const x = utf8.encode(a)
      const y = utf8.encode(b)
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
      return x.length - y.length
    }
    const random = seededRandom(1234)
    const pool = [
      'a',
      'z',
      '\u00ff',
      '\u07ff',
      '\u0800',
      '\uD7FF',
      '\uE000',
      '\uFFFD',
      '\uFFFF',
      '\u{10000}',
      EMOJI,
      '\u{1F601}',
      '\u{10FFFF}',
    ]
    const word = (): string =>
      Array.from({ length: Math.floor(random() * 4) }, () => pick(random, pool)).join('')
    for (let i = 0; i < 5000; i++) {
      const a = word()
      const b = word()
      expect(Math.sign(compareValues(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(
        Math.sign(byteOrder(a, b)),
      )
    }
    expect(compareValues(EMOJI, REPLACEMENT)).toBeGreaterThan(0)
    expect(compareValues([REPLACEMENT], [EMOJI])).toBeLessThan(0)
    // Map keys order by code point too.
    expect(compareValues({ [REPLACEMENT]: 1 }, { [EMOJI]: 1 })).toBeLessThan(0)
    expect(
      compareValues({ [EMOJI]: 0, [REPLACEMENT]: 2 }, { [EMOJI]: 1, [REPLACEMENT]: 1 }),
    ).toBeGreaterThan(0)
  })

  it('orderBy sorts strings by code point in LiveView and runQuery, asc and desc', () => {
    const entries = shuffled(ORDERED.map((s, i) => entry(`d${i}`, { s })))
    const expected = ORDERED.map((_, i) => `d${i}`)
    for (const direction of ['asc', 'desc'] as const) {
      const spec: QuerySpec = { ...base, orderBy: [{ field: 's', direction }] }
      const want = direction === 'asc' ? expected : [...expected].reverse()
      const view = new LiveView<Entry>(compileQuery(spec))
      view.reset(entries)
      expect(ids(view.window())).toEqual(want)
      expect(ids(runQuery(compileQuery(spec), entries))).toEqual(want)
      expect(ids(runQuery(compileQuery({ ...spec, limit: 3 }), entries))).toEqual(want.slice(0, 3))
      // Built up by writes, one at a time.
      const live = new LiveView<Entry>(compileQuery(spec))
      for (const e of entries) live.apply(e.id, e)
      expect(ids(live.window())).toEqual(want)
    }
  })

  it('orders document ids by code point, with and without orderBy(documentId())', () => {
    const entries = shuffled(ORDERED.filter((s) => s !== '').map((id) => entry(id, { n: 1 })))
    const want = ORDERED.filter((s) => s !== '')
    for (const spec of [
      base,
      { ...base, orderBy: [asc('__name__')] },
      { ...base, orderBy: [asc('n')] }, // ties broken by id
    ]) {
      const view = new LiveView<Entry>(compileQuery(spec))
      view.reset(entries)
      expect(ids(view.window())).toEqual(want)
      expect(ids(runQuery(compileQuery(spec), entries))).toEqual(want)
    }
    const byIdDesc = { ...base, orderBy: [desc('__name__')] }
    expect(ids(runQuery(compileQuery(byIdDesc), entries))).toEqual([...want].reverse())
  })

  it('range filters and cursors agree with the order', () => {
    const entries = ORDERED.map((s, i) => entry(`d${i}`, { s }))
    const idEntries = ORDERED.filter((s) => s !== '').map((id) => entry(id, {}))
    const run = (spec: QuerySpec, list: readonly Entry[]): string[] =>
      ids(runQuery(compileQuery(spec), list))
    const values = (list: readonly string[]): string[] =>
      list.map((id) => String(entries[Number(id.slice(1))]!.data.s))
    const at = ORDERED.indexOf(REPLACEMENT)
    const sorted = { ...base, orderBy: [asc('s')] }

    expect(values(run({ ...sorted, filter: where('s', '>', REPLACEMENT) }, entries))).toEqual(
      ORDERED.slice(at + 1),
    )
    expect(values(run({ ...sorted, filter: where('s', '>=', REPLACEMENT) }, entries))).toEqual(
      ORDERED.slice(at),
    )
    expect(values(run({ ...sorted, filter: where('s', '<', EMOJI) }, entries))).toEqual(
      ORDERED.slice(0, at + 1),
    )
    expect(values(run({ ...sorted, filter: where('s', '<=', '\uE000') }, entries))).toEqual(
      ORDERED.slice(0, at),
    )
    expect(run({ ...base, filter: where('__name__', '>', REPLACEMENT) }, idEntries)).toEqual(
      ORDERED.slice(at + 1),
    )
    expect(run({ ...base, filter: where('__name__', '<', EMOJI) }, idEntries)).toEqual(
      ORDERED.slice(1, at + 1),
    )
    // Cursors on the string field and on the id.
    expect(
      values(run({ ...sorted, startAt: { values: [REPLACEMENT], inclusive: false } }, entries)),
    ).toEqual(ORDERED.slice(at + 1))
    expect(
      values(run({ ...sorted, endAt: { values: [EMOJI], inclusive: false } }, entries)),
    ).toEqual(ORDERED.slice(0, at + 1))
    expect(
      run({ ...base, startAt: { values: [], id: REPLACEMENT, inclusive: false } }, idEntries),
    ).toEqual(ORDERED.slice(at + 1))
    // A live view moves a document across the boundary correctly.
    const view = new LiveView<Entry>(
      compileQuery({ ...sorted, filter: where('s', '>', REPLACEMENT) }),
    )
    view.reset(entries)
    const changes = view.apply('d0', entry('d0', { s: `${EMOJI}` + '\u0000' }))
    expect(changes.map((c) => [c.type, c.entry.id, c.newIndex])).toEqual([['added', 'd0', 1]])
  })
})
