import { describe, expect, it } from 'vitest'
import { Metal, type DocumentReference } from '../index.js'
import {
  compareValues,
  decodeDocument,
  encodeDocument,
  refValue,
  typeRank,
} from '../engine/index.js'

// Document references as engine values: their order, and their form on the wire and in storage.

describe('references as engine values', () => {
  it('rank after strings and before arrays (Firestore: … String, Bytes, Reference, … Array, Map)', () => {
    const mixed = [{ a: 1 }, [1], refValue('a/b'), 'zzz', 7, true, null]

    const sorted = [...mixed].sort(compareValues)

    expect(sorted).toEqual([null, true, 7, 'zzz', refValue('a/b'), [1], { a: 1 }])
    expect(typeRank(refValue('a/b'))).toBe(4)
  })

  it('order by path segments, a path before the longer paths it starts', () => {
    // As strings 'a-b/x' < 'a/y' ('-' < '/'); by segments 'a' < 'a-b'.
    const refs = ['a-b/x', 'a/y/c/d', 'a/y', 'a/x'].map(refValue)

    expect(refs.sort(compareValues).map((r) => r.__ref__)).toEqual([
      'a/x',
      'a/y',
      'a/y/c/d',
      'a-b/x',
    ])
  })

  it('travel on the wire as { __ref__: path } beside a map that has a $metal key of its own', () => {
    const data = { owner: refValue('users/u1'), odd: { $metal: 'x', n: 1 } }

    const wire = JSON.parse(JSON.stringify(encodeDocument(data))) as unknown

    expect(wire).toEqual({
      owner: { __ref__: 'users/u1' },
      odd: { $metal: 'map', value: { $metal: 'x', n: 1 } },
    })
    expect(decodeDocument(wire)).toEqual(data)
  })

  it('are refused as a whole document, and with a path that names no document', () => {
    expect(() => decodeDocument({ __ref__: 'users/u1' })).toThrow(/reserved/)
    expect(() => decodeDocument({ owner: { __ref__: 'users/u1/posts' } })).toThrow(
      /field 'owner' is a reference to 'users\/u1\/posts', not to a document/,
    )
    expect(() => decodeDocument({ owner: { __ref__: 7 } })).toThrow(/a reference to 7,/)
  })

  it('come back from data() as references of the reading client, one object per state', async () => {
    const metal = new Metal()
    const ref = metal.db().doc('tasks/t1')
    await ref.set({ owner: metal.db().doc('users/u1'), n: 1 })

    const snap = await ref.get()
    const owner = snap.data()!.owner as DocumentReference

    expect(owner.path).toBe('users/u1')
    expect(owner.parent.path).toBe('users')
    expect(snap.data()).toBe(snap.data())
    metal.close()
  })
})
