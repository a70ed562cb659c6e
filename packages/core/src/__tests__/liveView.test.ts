import { describe, expect, it } from 'vitest'
import { and, or, where } from '../query/filter.js'
import { LiveView, runQuery, type ViewChange } from '../query/liveView.js'
import { compileQuery, type BoundSpec, type Entry, type QuerySpec } from '../query/querySpec.js'
import type { Filter } from '../query/filter.js'
import type { DocumentData } from '../types.js'

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

function bruteForce(spec: QuerySpec, entries: Iterable<Entry>): Entry[] {
  const keys = spec.orderBy
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
  const matching = [...entries].filter(
    (e) =>
      keys.every((k) => fieldOf(e, k.field) !== undefined) &&
      (!spec.filter || refFilter(spec.filter, e)) &&
      (!start || (start.inclusive ? position(e, start) >= 0 : position(e, start) > 0)) &&
      (!end || (end.inclusive ? position(e, end) <= 0 : position(e, end) < 0)),
  )
  matching.sort(order)
  const limit = spec.limit ?? Infinity
  const offset = spec.offset ?? 0
  if (spec.limitType === 'last') {
    const stop = Math.max(0, matching.length - offset)
    return matching.slice(Math.max(0, stop - limit), stop)
  }
  return matching.slice(offset, offset + limit)
}

// ─── Random data ────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
  const random = prng(seed)
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
      const random = prng(name.length * 104729)
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
