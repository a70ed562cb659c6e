import { describe, expect, it } from 'vitest'
import { LiveAggregate, computeAggregates } from '../engine/aggregate.js'
import {
  MAX_AGGREGATIONS,
  checkAggregateSpec,
  type AggregateSpec,
  type AggregateValues,
} from '../engine/aggregateSpec.js'
import { where } from '../engine/filter.js'
import { compileQuery, type Entry, type QuerySpec } from '../engine/querySpec.js'
import { MetalError } from '../errors.js'
import { seededRandom } from '../testing/random.js'
import type { DocumentData } from '../types.js'

const q = (patch: Partial<QuerySpec> = {}) =>
  compileQuery({ collection: 'c', orderBy: [], ...patch })
const e = (id: string, data: DocumentData): Entry => ({ id, data })

const ALL: AggregateSpec = {
  n: { op: 'count' },
  total: { op: 'sum', field: 'price' },
  avg: { op: 'average', field: 'price' },
}

function thrown(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (error) {
    if (error instanceof MetalError) return error
    throw error
  }
  throw new Error('expected a throw')
}

describe('computeAggregates', () => {
  it('counts, sums and averages the matching documents', () => {
    const docs = [
      e('a', { price: 10, kind: 'x' }),
      e('b', { price: 20, kind: 'x' }),
      e('c', { price: 40, kind: 'y' }),
    ]
    const v = computeAggregates(q({ filter: where('kind', '==', 'x') }), ALL, docs)
    expect(v).toEqual({ n: 2, total: 30, avg: 15 })
  })

  it('skips non-numeric and missing values in sum and average, but counts their documents', () => {
    const docs = [
      e('a', { price: 3 }),
      e('b', { price: '4' }),
      e('c', { price: null }),
      e('d', {}),
      e('e', { price: [5] }),
      e('f', { price: true }),
      e('g', { price: 1.5 }),
    ]
    expect(computeAggregates(q(), ALL, docs)).toEqual({ n: 7, total: 4.5, avg: 2.25 })
  })

  it('gives 0 for a sum and null for an average of no values', () => {
    expect(computeAggregates(q(), ALL, [e('a', { price: 'x' })])).toEqual({
      n: 1,
      total: 0,
      avg: null,
    })
    expect(computeAggregates(q(), ALL, [])).toEqual({ n: 0, total: 0, avg: null })
  })

  it('reads nested fields', () => {
    const spec: AggregateSpec = { s: { op: 'sum', field: 'm.v' } }
    expect(computeAggregates(q(), spec, [e('a', { m: { v: 2 } }), e('b', { m: 5 })])).toEqual({
      s: 2,
    })
  })

  it('leaves out documents missing an orderBy field', () => {
    const docs = [e('a', { price: 1, rank: 1 }), e('b', { price: 2 })]
    const v = computeAggregates(q({ orderBy: [{ field: 'rank', direction: 'asc' }] }), ALL, docs)
    expect(v).toEqual({ n: 1, total: 1, avg: 1 })
  })

  it('aggregates over the window of limit, offset and limitToLast', () => {
    const docs = [1, 2, 3, 4, 5, 6].map((p) => e(`d${p}`, { price: p }))
    const byPrice = [{ field: 'price', direction: 'asc' as const }]
    expect(computeAggregates(q({ orderBy: byPrice, limit: 2 }), ALL, docs)).toEqual({
      n: 2,
      total: 3,
      avg: 1.5,
    })
    expect(computeAggregates(q({ orderBy: byPrice, limit: 2, offset: 3 }), ALL, docs)).toEqual({
      n: 2,
      total: 9,
      avg: 4.5,
    })
    expect(
      computeAggregates(q({ orderBy: byPrice, limit: 2, limitType: 'last' }), ALL, docs),
    ).toEqual({ n: 2, total: 11, avg: 5.5 })
    expect(computeAggregates(q({ orderBy: byPrice, offset: 5 }), ALL, docs)).toEqual({
      n: 1,
      total: 6,
      avg: 6,
    })
    expect(computeAggregates(q({ limit: 10, offset: 8 }), ALL, docs)).toEqual({
      n: 0,
      total: 0,
      avg: null,
    })
  })
})

describe('checkAggregateSpec', () => {
  it('returns a frozen copy of a valid spec', () => {
    const input = { n: { op: 'count' }, s: { op: 'sum', field: 'a.b' } }
    const spec = checkAggregateSpec('aggregate()', input)
    expect(spec).toEqual(input)
    expect(spec).not.toBe(input)
    expect(Object.isFrozen(spec) && Object.isFrozen(spec.s)).toBe(true)
  })

  it.each([
    [null, 'aggregations must be an object'],
    [[], 'aggregations must be an object'],
    [{}, 'needs at least one aggregation'],
    [{ '': { op: 'count' } }, 'alias must not be empty'],
    [JSON.parse('{"__proto__": {"op": "count"}}'), "alias '__proto__' is reserved"],
    [{ __name__: { op: 'count' } }, "alias '__name__' is reserved"],
    [{ ['x'.repeat(1501)]: { op: 'count' } }, 'is 1501 bytes; at most 1500'],
    [{ a: { op: 'max', field: 'p' } }, "alias 'a' has unknown op 'max'"],
    [{ a: 'count' }, "alias 'a' must be count(), sum(field) or average(field), got 'count'"],
    [{ a: { op: 'count', field: 'p' } }, "unknown key 'field' for 'count'"],
    [
      { a: { op: 'sum', field: 42 } },
      "sum() for alias 'a': field must be a non-empty string, got 42",
    ],
    [{ a: { op: 'average' } }, 'field must be a non-empty string, got undefined'],
    [{ a: { op: 'sum', field: 'a..b' } }, "field path 'a..b' has an empty segment"],
  ])('rejects %j with invalid-argument', (input, message) => {
    const error = thrown(() => checkAggregateSpec('aggregate', input))
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toContain('aggregate')
    expect(error.message).toContain(message)
  })

  it(`allows ${MAX_AGGREGATIONS} aggregations and no more`, () => {
    const spec = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { op: 'count' }]))
    expect(() => checkAggregateSpec('x', spec(MAX_AGGREGATIONS))).not.toThrow()
    expect(thrown(() => checkAggregateSpec('x', spec(MAX_AGGREGATIONS + 1))).message).toContain(
      `got 6 aggregations; at most 5 are allowed`,
    )
  })

  it('rejects class instances and objects with a getter-free prototype trick', () => {
    class Agg {
      op = 'count'
    }
    expect(thrown(() => checkAggregateSpec('x', { a: new Agg() })).message).toContain(
      'instance of Agg',
    )
    expect(() => checkAggregateSpec('x', new Map())).toThrow(MetalError)
  })
})

describe('LiveAggregate', () => {
  it('follows inserts, updates and deletes without holding documents', () => {
    const live = new LiveAggregate(q({ filter: where('kind', '==', 'x') }), ALL)
    live.reset([e('a', { kind: 'x', price: 1 }), e('b', { kind: 'y', price: 5 })])
    expect(live.values()).toEqual({ n: 1, total: 1, avg: 1 })

    expect(live.apply('c', undefined, { kind: 'x', price: 3 })).toBe(true)
    expect(live.values()).toEqual({ n: 2, total: 4, avg: 2 })
    expect(live.apply('b', { kind: 'y', price: 5 }, { kind: 'x', price: 5 })).toBe(true)
    expect(live.values()).toEqual({ n: 3, total: 9, avg: 3 })
    expect(live.apply('a', { kind: 'x', price: 1 }, null)).toBe(true)
    expect(live.values()).toEqual({ n: 2, total: 8, avg: 4 })
    expect(live.apply('c', { kind: 'x', price: 3 }, { kind: 'x', price: 'n/a' })).toBe(true)
    expect(live.values()).toEqual({ n: 2, total: 5, avg: 5 })
  })

  it('reports no change for writes that do not move the results', () => {
    const live = new LiveAggregate(q({ filter: where('kind', '==', 'x') }), { n: { op: 'count' } })
    live.reset([])
    expect(live.apply('a', undefined, { kind: 'y' })).toBe(false)
    expect(live.apply('a', { kind: 'y' }, { kind: 'y', other: 1 })).toBe(false)
    live.apply('b', undefined, { kind: 'x' })
    expect(live.apply('b', { kind: 'x' }, { kind: 'x', price: 9 })).toBe(false)
    expect(live.values()).toEqual({ n: 1 })
  })

  it('derives a windowed count from the match count: min(max(n - offset, 0), limit)', () => {
    const live = new LiveAggregate(q({ limit: 3, offset: 2 }), { n: { op: 'count' } })
    live.reset([])
    const seen: number[] = []
    for (let i = 0; i < 7; i++) {
      live.apply(`d${i}`, undefined, { i })
      seen.push(live.values().n as number)
    }
    expect(seen).toEqual([0, 0, 1, 2, 3, 3, 3])
  })

  it('keeps sums over a limited window as documents cross its edge', () => {
    const byPrice = [{ field: 'price', direction: 'desc' as const }]
    const live = new LiveAggregate(q({ orderBy: byPrice, limit: 2 }), ALL)
    live.reset([e('a', { price: 1 }), e('b', { price: 2 }), e('c', { price: 3 })])
    expect(live.values()).toEqual({ n: 2, total: 5, avg: 2.5 })
    live.apply('a', { price: 1 }, { price: 10 }) // enters at the top, pushes b out
    expect(live.values()).toEqual({ n: 2, total: 13, avg: 6.5 })
    live.apply('c', { price: 3 }, { price: 4 }) // moves inside the window
    expect(live.values()).toEqual({ n: 2, total: 14, avg: 7 })
    live.apply('a', { price: 10 }, null) // leaves, b comes back
    expect(live.values()).toEqual({ n: 2, total: 6, avg: 3 })
  })

  it('adds and removes non-integers without leaving drift once the values are gone', () => {
    const live = new LiveAggregate(q(), ALL)
    live.reset([])
    for (let i = 0; i < 100; i++) live.apply(`d${i}`, undefined, { price: 0.1 * i + 1e-7 })
    for (let i = 0; i < 100; i++) live.apply(`d${i}`, { price: 0.1 * i + 1e-7 }, null)
    expect(live.values()).toEqual({ n: 0, total: 0, avg: null })
  })
})

// ─── Property: live results equal recomputation after every random write ─────────────────────────

function expectClose(actual: AggregateValues, expected: AggregateValues, context: string): void {
  expect(Object.keys(actual), context).toEqual(Object.keys(expected))
  for (const k of Object.keys(expected)) {
    const a = actual[k]
    const x = expected[k] as number | null
    if (x === null || a === null) expect(a, `${context} ${k}`).toBe(x)
    else expect(Math.abs((a as number) - x), `${context} ${k}: ${a} vs ${x}`).toBeLessThan(1e-6)
  }
}

describe('LiveAggregate (property)', () => {
  const queries: [string, QuerySpec][] = [
    ['all', { collection: 'c', orderBy: [] }],
    ['filtered', { collection: 'c', orderBy: [], filter: where('g', 'in', [0, 1]) }],
    ['ordered', { collection: 'c', orderBy: [{ field: 'r', direction: 'asc' }] }],
    ['limit', { collection: 'c', orderBy: [{ field: 'p', direction: 'desc' }], limit: 5 }],
    ['offset+limit', { collection: 'c', orderBy: [], limit: 4, offset: 3 }],
    [
      'limitToLast',
      {
        collection: 'c',
        orderBy: [{ field: 'r', direction: 'asc' }],
        limit: 3,
        limitType: 'last',
        offset: 1,
        filter: where('g', '!=', 2),
      },
    ],
  ]
  const specs: [string, AggregateSpec][] = [
    ['count only', { n: { op: 'count' } }],
    ['count, sum, average', ALL],
    ['sum of p', { s: { op: 'sum', field: 'p' }, a: { op: 'average', field: 'p' } }],
  ]
  const randomValue = (rand: () => number): unknown => {
    const r = rand()
    if (r < 0.6) return Math.floor(rand() * 100) - 20
    if (r < 0.75) return Math.round(rand() * 1000) / 100
    if (r < 0.85) return 'text'
    if (r < 0.9) return null
    return undefined
  }
  const randomDoc = (rand: () => number): DocumentData => {
    const d: DocumentData = { g: Math.floor(rand() * 4) }
    for (const f of ['price', 'p', 'r']) {
      const v = randomValue(rand)
      if (v !== undefined) d[f] = v
    }
    return d
  }

  for (const [qName, spec] of queries) {
    for (const [sName, aggregates] of specs) {
      it(`matches recomputation after each of 400 random writes: ${qName}, ${sName}`, () => {
        for (const seed of [1, 2, 3]) {
          const rand = seededRandom(seed * 7919 + qName.length * 31 + sName.length)
          const query = compileQuery(spec)
          const docs = new Map<string, DocumentData>()
          for (let i = 0; i < 10; i++) docs.set(`d${i}`, randomDoc(rand))
          const live = new LiveAggregate(query, aggregates)
          const entries = () => [...docs].map(([id, data]) => e(id, data))
          live.reset(entries())
          for (let step = 0; step < 400; step++) {
            const id = `d${Math.floor(rand() * 20)}`
            const before = docs.get(id)
            const after = rand() < 0.25 ? undefined : randomDoc(rand)
            if (after) docs.set(id, after)
            else docs.delete(id)
            const previous = live.values()
            const changed = live.apply(id, before, after)
            const expected = computeAggregates(query, aggregates, entries())
            const context = `seed ${seed} step ${step} (${id})`
            expectClose(live.values(), expected, context)
            if (!changed) expect(live.values(), context).toBe(previous)
          }
        }
      })
    }
  }
})
