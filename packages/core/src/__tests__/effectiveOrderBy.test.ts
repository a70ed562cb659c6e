import { describe, expect, it } from 'vitest'
import { and, or, where } from '../engine/filter.js'
import { effectiveOrderBy, type QuerySpec } from '../engine/querySpec.js'
import { decodeQuerySpec } from '../engine/wireDecode.js'
import { encodeQuerySpec } from '../engine/codec.js'

// Cloud Firestore's implicit order (docs: "Query with range and inequality filters on multiple
// fields"): explicit keys, then inequality fields not ordered yet, by field path, in the
// direction of the last explicit key.

const spec = (filter: QuerySpec['filter'], orderBy: QuerySpec['orderBy'] = []): QuerySpec => ({
  collection: 'c',
  orderBy,
  ...(filter ? { filter } : {}),
})

describe('effectiveOrderBy()', () => {
  it('is the explicit order when no inequality adds a key', () => {
    const orderBy = [{ field: 'a', direction: 'desc' } as const]
    expect(effectiveOrderBy(spec(where('b', '==', 1), orderBy))).toBe(orderBy)
    expect(effectiveOrderBy(spec(where('a', '>', 1), orderBy))).toEqual(orderBy)
    expect(effectiveOrderBy(spec(undefined))).toEqual([])
  })

  it('adds each inequality field once, sorted by path segments, ascending without orderBy', () => {
    const filter = and(
      where('b', '<', 1),
      where('a-c', '!=', 1),
      where('a.b', 'not-in', [1]),
      where('b', '>=', 0),
      where('x', 'in', [1]),
    )
    // 'a.b' sorts before 'a-c' by segments ('a' < 'a-c'), though '-' < '.' as characters.
    // Specs hold field paths in Firestore's canonical form: 'a-c' is quoted there.
    expect(effectiveOrderBy(spec(filter))).toEqual([
      { field: 'a.b', direction: 'asc' },
      { field: '`a-c`', direction: 'asc' },
      { field: 'b', direction: 'asc' },
    ])
  })

  it('finds inequalities under or() and takes the last explicit direction', () => {
    const filter = or(where('z', '>', 1), and(where('y', '<=', 2), where('k', '==', 3)))
    expect(effectiveOrderBy(spec(filter, [{ field: 'k', direction: 'desc' }]))).toEqual([
      { field: 'k', direction: 'desc' },
      { field: 'y', direction: 'desc' },
      { field: 'z', direction: 'desc' },
    ])
  })

  it('adds no key for an inequality on documentId()', () => {
    expect(effectiveOrderBy(spec(where('__name__', '>', 'a')))).toEqual([])
  })
})

describe('decodeQuerySpec() of a snapshot cursor', () => {
  it('takes values for the implicit keys too', () => {
    const wire = encodeQuerySpec({
      ...spec(where('age', '>', 1)),
      startAt: { values: [30], id: 'b', inclusive: false },
    })
    expect(decodeQuerySpec(wire).startAt).toEqual({ values: [30], id: 'b', inclusive: false })
    const short = { ...wire, startAt: { values: [], id: 'b', inclusive: false } }
    expect(() => decodeQuerySpec(short)).toThrow(/needs a value for each of the 1 field/)
  })
})
