import { describe, expect, it } from 'vitest'
import { MetalError } from '../errors.js'
import { inGroup } from '../engine/collectionGroup.js'
import { decodeQuerySpec } from '../engine/wireDecode.js'
import { encodeQuerySpec } from '../engine/codec.js'
import { compileRules, type RuleRequest } from '../server/rules.js'

// The pure parts of collection groups: which collections a group holds, the spec on the wire,
// and recursive-wildcard rule patterns.

function error(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(MetalError)
    return e as MetalError
  }
  throw new Error('expected a throw')
}

const ask = (r: Partial<RuleRequest>): RuleRequest => ({
  op: 'get',
  collection: 'comments',
  id: 'c1',
  doc: null,
  newDoc: null,
  query: null,
  room: null,
  auth: null,
  projectId: 'p',
  ...r,
})

describe('collection groups', () => {
  it('hold the collections whose last segment is the id', () => {
    expect(inGroup('comments', 'comments')).toBe(true)
    expect(inGroup('posts/p1/comments', 'comments')).toBe(true)
    expect(inGroup('posts/p1/xcomments', 'comments')).toBe(false)
    expect(inGroup('posts/comments/replies', 'comments')).toBe(false)
    expect(inGroup('commentsX', 'comments')).toBe(false)
  })

  it('travel on the wire with their flag, checked', () => {
    const spec = { collection: 'comments', orderBy: [], group: true as const }
    expect(decodeQuerySpec(encodeQuerySpec(spec))).toEqual(spec)
    expect(error(() => decodeQuerySpec({ ...spec, group: 'yes' })).message).toMatch(
      /collectionGroup\(\): 'group' must be true, got 'yes'/,
    )
    expect(
      error(() => decodeQuerySpec({ ...spec, collection: 'posts/p1/comments' })).message,
    ).toMatch(/collectionGroup\(\): collection id 'posts\/p1\/comments' contains '\/'/)
  })

  it('are judged by recursive-wildcard rules, with the parent path as a parameter', () => {
    const seen: Record<string, string>[] = []
    const judge = compileRules('test', {
      documents: {
        '{path=**}/comments/{id}': {
          read: ({ path }) => (seen.push({ ...path.params }), true),
        },
      },
    })
    expect(judge(ask({ collection: 'users/u1/posts/p1/comments' }))).toBe(true)
    expect(judge(ask({ collection: 'comments' }))).toBe(true)
    expect(judge(ask({ op: 'list', id: null, group: 'query' }))).toBe(true)
    expect(judge(ask({ collection: 'posts/p1/notes' }))).toBe(false)
    expect(judge(ask({ collection: 'posts/p1/replies/r1/comments' }))).toBe(true)
    expect(seen).toEqual([
      { path: 'users/u1/posts/p1', id: 'c1' },
      { path: '', id: 'c1' },
      {},
      { path: 'posts/p1/replies/r1', id: 'c1' },
    ])
  })

  it('need a rule with the wildcard: a plain pattern does not allow the group', () => {
    const judge = compileRules('test', {
      documents: { 'posts/{p}/comments/{id}': { read: () => true } },
    })
    expect(judge(ask({ collection: 'posts/p1/comments' }))).toBe(true)
    expect(judge(ask({ op: 'list', id: null, group: 'query' }))).toBe(false)
    expect(judge(ask({ op: 'list', collection: 'posts/p1/comments', group: 'document' }))).toBe(
      false,
    )
  })

  it.each([['{path=**}'], ['posts/{p=**}/comments/{id}'], ['{path=**}/comments']])(
    'refuses the rule pattern %j',
    (pattern) => {
      const e = error(() =>
        compileRules('test', { documents: { [pattern]: { read: () => true } } }),
      )
      expect(e.code).toBe('invalid-argument')
      expect(e.message).toContain(`rules.documents[${JSON.stringify(pattern)}]`)
    },
  )
})
