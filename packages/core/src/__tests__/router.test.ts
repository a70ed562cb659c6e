import { describe, expect, it } from 'vitest'
import { and, or, where, type Filter } from '../engine/filter.js'
import { TargetRouter } from '../engine/router.js'
import type { QuerySpec } from '../engine/querySpec.js'

interface Target {
  readonly name: string
  readonly query: QuerySpec
}

const target = (name: string, filter?: Filter): Target => ({
  name,
  query: { collection: 'tasks', orderBy: [], ...(filter ? { filter } : {}) },
})

const names = (targets: Iterable<Target>): string[] => [...targets].map((t) => t.name).sort()

describe('TargetRouter', () => {
  it('offers a query without an equality conjunct for every write', () => {
    const router = new TargetRouter<Target>()
    router.add(target('all'))

    const found = router.candidates('t1', undefined, { status: 'open' })

    expect(names(found)).toEqual(['all'])
  })

  it('offers an equality query when the document matches its value after the write', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))
    router.add(target('done', where('status', '==', 'done')))

    const found = router.candidates('t1', undefined, { status: 'open' })

    expect(names(found)).toEqual(['open'])
  })

  it('offers an equality query when the document matched its value before the write', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))

    const found = router.candidates('t1', { status: 'open' }, { status: 'done' })

    expect(names(found)).toEqual(['open'])
  })

  it('offers both the query a document leaves and the one it enters', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))
    router.add(target('done', where('status', '==', 'done')))
    router.add(target('late', where('status', '==', 'late')))

    const found = router.candidates('t1', { status: 'open' }, { status: 'done' })

    expect(names(found)).toEqual(['done', 'open'])
  })

  it('offers an equality query for a deleted document that matched it', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))

    const found = router.candidates('t1', { status: 'open' }, undefined)

    expect(names(found)).toEqual(['open'])
  })

  it('does not offer an equality query when neither state of the document matches', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))

    const found = router.candidates('t1', { status: 'late' }, { status: 'done' })

    expect(names(found)).toEqual([])
  })

  it("files an 'in' query under each of its values", () => {
    const router = new TargetRouter<Target>()
    router.add(target('active', where('status', 'in', ['open', 'late'])))

    const forLate = router.candidates('t1', undefined, { status: 'late' })
    const forDone = router.candidates('t2', undefined, { status: 'done' })

    expect([names(forLate), names(forDone)]).toEqual([['active'], []])
  })

  it('always offers a range query', () => {
    const router = new TargetRouter<Target>()
    router.add(target('open', where('status', '==', 'open')))
    router.add(target('big', where('size', '>', 10)))

    const found = router.candidates('t1', { status: 'done', size: 1 }, { status: 'done', size: 2 })

    expect(names(found)).toEqual(['big'])
  })

  it('always offers a query whose only equality is inside an or() of several branches', () => {
    const router = new TargetRouter<Target>()
    router.add(target('either', or(where('status', '==', 'open'), where('size', '>', 10))))

    const found = router.candidates('t1', undefined, { status: 'done', size: 1 })

    expect(names(found)).toEqual(['either'])
  })

  it('routes a conjunction by one of its equality conjuncts', () => {
    const router = new TargetRouter<Target>()
    router.add(target('openBig', and(where('status', '==', 'open'), where('size', '>', 10))))

    const matching = router.candidates('t1', undefined, { status: 'open', size: 1 })
    const other = router.candidates('t2', undefined, { status: 'done', size: 99 })

    expect([names(matching), names(other)]).toEqual([['openBig'], []])
  })

  it('routes by a nested field path', () => {
    const router = new TargetRouter<Target>()
    router.add(target('admins', where('profile.role', '==', 'admin')))

    const admin = router.candidates('u1', undefined, { profile: { role: 'admin' } })
    const user = router.candidates('u2', undefined, { profile: { role: 'user' } })

    expect([names(admin), names(user)]).toEqual([['admins'], []])
  })

  it('routes an equality on the document id by the id', () => {
    const router = new TargetRouter<Target>()
    router.add(target('one', where('__name__', '==', 't1')))

    const same = router.candidates('t1', undefined, { any: 1 })
    const other = router.candidates('t2', undefined, { any: 1 })

    expect([names(same), names(other)]).toEqual([['one'], []])
  })

  it('tells equal-looking values of different types apart', () => {
    const router = new TargetRouter<Target>()
    router.add(target('one', where('n', '==', 1)))

    const found = router.candidates('t1', { n: '1' }, { n: true })

    expect(names(found)).toEqual([])
  })

  it('no longer offers a removed query', () => {
    const router = new TargetRouter<Target>()
    const open = target('open', where('status', '==', 'open'))
    const all = target('all')
    router.add(open)
    router.add(all)

    router.remove(open)
    router.remove(all)

    expect(names(router.candidates('t1', undefined, { status: 'open' }))).toEqual([])
    expect(router.size).toBe(0)
  })

  it('keeps offering the other queries filed under the same value when one is removed', () => {
    const router = new TargetRouter<Target>()
    const first = target('first', where('status', '==', 'open'))
    const second = target('second', where('status', 'in', ['open', 'late']))
    router.add(first)
    router.add(second)

    router.remove(first)

    expect(names(router.candidates('t1', undefined, { status: 'open' }))).toEqual(['second'])
    expect(router.size).toBe(1)
  })
})
