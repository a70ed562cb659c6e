import {
  bindingTools,
  FEW_RENDERS,
  personConverter,
  USERS,
  type BindingHarness,
  type Person,
  type SuiteRunner,
  type User,
} from './binding.harness.js'

// One behaviour suite for every framework binding (React hooks, Vue composables, …). It knows no
// framework and no test runner: a binding package hands over a small harness (how to mount a
// binding, read its result, change its arguments, count renders) and its runner's describe, it
// and expect, and runs it as one of its own test files. Two adapters that pass it behave alike.

export type {
  BindingName,
  BindingResult,
  MountedBinding,
  BindingHarness,
  SuiteRunner,
} from './binding.harness.js'

/**
 * The behaviour every Metal binding shares, run against one framework's harness: live queries,
 * documents and pages, their failures, keep-previous-data, pending rows and paging.
 */
export function bindingSuite(harness: BindingHarness, runner: SuiteRunner): void {
  const { describe, expect } = runner
  const { eventually, ids, pageIds, test } = bindingTools(harness, runner)

  describe(`binding behaviour (${harness.name})`, () => {
    test('shows the rows of a typed query, then follows writes', async (t) => {
      await t.seed(['a', 'b', 'c'])
      const q = t.mount('useMetalQuery', t.users().where('age', '>', 30).orderBy('age'))
      expect(q.current().status).toBe('pending')
      await eventually(() => expect(ids(q.current().data)).toEqual(['a', 'c']))
      await harness.act(() => t.theirs().doc('e').set(USERS.e!))
      await eventually(() => expect(ids(q.current().data)).toEqual(['a', 'c', 'e']))
      expect(t.listens('users')).toBe(1)
    })

    // withConverter(): rows are the converter's models ({ id, ...model }); the same query with
    // and without a converter are two cache entries, never one another's rows.
    test('shows the models of a query with a converter, apart from the same query without', async (t) => {
      await t.seed(['a', 'b', 'c'])
      const q = t.users().where('age', '>', 30).orderBy('age')
      const models = t.mount('useMetalQuery', q.withConverter(personConverter))
      const plain = t.mount('useMetalQuery', q)
      await eventually(() =>
        expect(models.current().data).toEqual([
          { id: 'a', label: 'ADA', years: 36 },
          { id: 'c', label: 'CYD', years: 41 },
        ]),
      )
      await eventually(() =>
        expect(plain.current().data).toEqual([
          { id: 'a', ...USERS.a },
          { id: 'c', ...USERS.c },
        ]),
      )
      await harness.act(() => t.theirs().doc('e').set(USERS.e!))
      await eventually(() => expect(ids(models.current().data)).toEqual(['a', 'c', 'e']))
      expect((models.current().data as Person[])[2]).toEqual({ id: 'e', label: 'EVE', years: 52 })
      const built = t.mount('useMetalQuery', 'users', (c: ReturnType<typeof t.users>) =>
        c.withConverter(personConverter).where('age', '<', 30).orderBy('age'),
      )
      await eventually(() =>
        expect(built.current().data).toEqual([{ id: 'b', label: 'BOB', years: 25 }]),
      )
    })

    test('shows the model of a document with a converter', async (t) => {
      await t.seed(['a'])
      const d = t.mount('useMetalDoc', t.users().doc('a').withConverter(personConverter))
      const plain = t.mount('useMetalDoc', t.users().doc('a'))
      await eventually(() => expect(d.current().data).toEqual({ id: 'a', label: 'ADA', years: 36 }))
      await eventually(() => expect(plain.current().data).toEqual({ id: 'a', ...USERS.a }))
      await harness.act(() => t.theirs().doc('a').update({ age: 37 }))
      await eventually(() => expect(d.current().data).toEqual({ id: 'a', label: 'ADA', years: 37 }))
    })

    test('pages a query with a converter by the stored fields', async (t) => {
      await t.seed()
      const p = t.mount(
        'useMetalPaginatedQuery',
        t.users().orderBy('age').withConverter(personConverter),
        {
          pageSize: 2,
        },
      )
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['d', 'b']]))
      await harness.act(() => p.current().fetchNextPage?.())
      await eventually(() =>
        expect(pageIds(p.current().data)).toEqual([
          ['d', 'b'],
          ['a', 'c'],
        ]),
      )
      const pages = (p.current().data as { pages: Person[][] }).pages
      expect(pages[1]![0]).toEqual({ id: 'a', label: 'ADA', years: 36 })
    })

    test('reads the same rows from a collection path and a builder', async (t) => {
      await t.seed(['a', 'b', 'c'])
      const q = t.mount('useMetalQuery', 'users', (c: ReturnType<typeof t.users>) =>
        c.where('age', '>', 30).orderBy('age'),
      )
      await eventually(() => expect(ids(q.current().data)).toEqual(['a', 'c']))
      expect(q.current().data).toEqual([
        { id: 'a', ...USERS.a },
        { id: 'c', ...USERS.c },
      ])
    })

    test(
      'ends a query the rules refuse in error after one listen and a few renders',
      async (t) => {
        const q = t.mount('useMetalQuery', 'secrets')
        await eventually(() => expect(q.current().error?.code).toBe('permission-denied'))
        await harness.settle(200)
        expect(q.current().status).toBe('error')
        expect(t.listens('secrets')).toBe(1)
        expect(q.renders()).toBeLessThanOrEqual(FEW_RENDERS)
      },
      ({ path }) => path.collection !== 'secrets',
    )

    test(
      'ends a document the rules refuse in error after one listen and a few renders',
      async (t) => {
        const d = t.mount('useMetalDoc', t.metal.db().collection('secrets').doc('s1'))
        await eventually(() => expect(d.current().error?.code).toBe('permission-denied'))
        await harness.settle(200)
        expect(t.listens('secrets')).toBe(1)
        expect(d.renders()).toBeLessThanOrEqual(FEW_RENDERS)
      },
      ({ path }) => path.collection !== 'secrets',
    )

    test('ends an invalid query in error without asking the backend', async (t) => {
      const q = t.mount('useMetalQuery', t.users().limitToLast(2))
      await eventually(() => expect(q.current().error?.code).toBe('invalid-argument'))
      await harness.settle(200)
      expect(t.listens('users')).toBe(0)
      expect(q.renders()).toBeLessThanOrEqual(FEW_RENDERS)
    })

    test('ends an invalid query built from a collection name in error', async (t) => {
      const q = t.mount('useMetalQuery', 'users', (c: ReturnType<typeof t.users>) =>
        c.limitToLast(1),
      )
      await eventually(() => expect(q.current().error?.code).toBe('invalid-argument'))
      await harness.settle(200)
      expect(t.listens('users')).toBe(0)
      expect(q.renders()).toBeLessThanOrEqual(FEW_RENDERS)
    })

    test(
      'tries a refused query once more when the session changes',
      async (t) => {
        await t.metal.auth().ready
        const q = t.mount('useMetalQuery', 'secrets')
        await eventually(() => expect(q.current().error?.code).toBe('permission-denied'))
        await harness.settle(50)
        expect(t.listens('secrets')).toBe(1)
        await harness.act(() =>
          t.metal.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u1' } }),
        )
        await eventually(() => expect(q.current().status).toBe('success'))
        expect(q.current().data).toEqual([])
        expect(t.listens('secrets')).toBe(2)
      },
      ({ path, auth }) => path.collection !== 'secrets' || auth !== null,
    )

    test('keeps the previous rows on screen while a changed query loads', async (t) => {
      await t.seed()
      const older = t.users().where('age', '>', 40).orderBy('age')
      const q = t.mount('useMetalQuery', older)
      await eventually(() => expect(ids(q.current().data)).toEqual(['c', 'e']))
      t.hold('listens')
      await q.update([t.users().where('age', '<', 30).orderBy('age')])
      await harness.settle(20)
      expect(ids(q.current().data)).toEqual(['c', 'e'])
      expect(q.current().isPlaceholderData).toBe(true)
      t.release()
      await eventually(() => expect(ids(q.current().data)).toEqual(['d', 'b']))
      expect(q.current().isPlaceholderData).toBe(false)
      const shown = q.dataHistory().map(ids)
      expect(shown.slice(shown.findIndex((x) => x !== undefined)).includes(undefined)).toBe(false)
      await eventually(() => expect(t.open('users')).toBe(1))
    })

    test('follows one document by typed reference, null while it does not exist', async (t) => {
      const d = t.mount('useMetalDoc', t.users().doc('a'))
      await eventually(() => expect(d.current().data).toBe(null))
      await harness.act(() => t.theirs().doc('a').set(USERS.a!))
      await eventually(() => expect(d.current().data).toEqual({ id: 'a', ...USERS.a }))
    })

    test('keeps the previous document on screen while a changed one loads', async (t) => {
      await t.seed(['a', 'b'])
      const d = t.mount('useMetalDoc', 'users', 'a')
      await eventually(() => expect(d.current().data).toEqual({ id: 'a', ...USERS.a }))
      t.hold('listens')
      await d.update(['users', 'b'])
      await harness.settle(20)
      expect(d.current().data).toEqual({ id: 'a', ...USERS.a })
      expect(d.current().isPlaceholderData).toBe(true)
      t.release()
      await eventually(() => expect(d.current().data).toEqual({ id: 'b', ...USERS.b }))
      await d.update(['users', null])
      expect(d.current().data).toBe(undefined)
    })

    test('marks a row with a pending write until the backend commits it', async (t) => {
      await t.seed(['a', 'b'])
      const q = t.mount('useMetalQuery', t.users().orderBy('age'))
      const pending = () =>
        (q.current().data as { id: string; hasPendingWrites: boolean }[] | undefined)?.map(
          (r) => `${r.id}:${r.hasPendingWrites}`,
        )
      await eventually(() => expect(pending()).toEqual(['b:false', 'a:false']))
      t.hold('commits')
      const write = t.users().doc('a').update({ age: 37 })
      await eventually(() => expect(pending()).toEqual(['b:false', 'a:true']))
      t.release()
      await harness.act(() => write)
      await eventually(() => expect(pending()).toEqual(['b:false', 'a:false']))
      expect((q.current().data as User[])[1]).toEqual({ id: 'a', name: 'Ada', age: 37 })
    })

    test("exposes a document's pending state, whatever select makes of it, until it is saved", async (t) => {
      await t.seed(['a'])
      const d = t.mount('useMetalDoc', 'users', 'a', { select: (row: User | null) => row?.name })
      await eventually(() => expect(d.current().data).toBe('Ada'))
      expect(d.current().hasPendingWrites).toBe(false)
      t.hold('commits')
      const write = t.users().doc('a').update({ age: 37 })
      await eventually(() => expect(d.current().hasPendingWrites).toBe(true))
      t.release()
      await harness.act(() => write)
      await eventually(() => expect(d.current().hasPendingWrites).toBe(false))
      expect(d.current().data).toBe('Ada')
    })

    test('pages forward and back in cursor mode, the first page live again', async (t) => {
      await t.seed()
      const p = t.mount('useMetalPaginatedQuery', t.users().orderBy('age'), {
        pageSize: 2,
        maxPages: 1,
      })
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['d', 'b']]))
      expect(p.current().hasPreviousPage).toBe(false)
      await harness.act(() => p.current().fetchNextPage?.())
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['a', 'c']]))
      expect(p.current().hasPreviousPage).toBe(true)
      await harness.act(() => p.current().fetchNextPage?.())
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['e']]))
      expect(p.current().hasNextPage).toBe(false)
      await harness.act(() => p.current().fetchPreviousPage?.())
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['a', 'c']]))
      await harness.act(() => p.current().fetchPreviousPage?.())
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['d', 'b']]))
      expect(p.current().hasPreviousPage).toBe(false)
      await harness.act(() => t.theirs().doc('f').set({ name: 'Fay', age: 1 }))
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['f', 'd']]))
    })

    test('opens any page in offset mode and keeps it on screen while another loads', async (t) => {
      await t.seed()
      const users = t.users().orderBy('age')
      const p = t.mount('useMetalPaginatedQuery', users, {
        pageSize: 2,
        mode: 'offset',
        page: 1,
      })
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['a', 'c']]))
      expect(p.current().hasPreviousPage).toBe(true)
      t.hold('listens')
      await p.update([users, { pageSize: 2, mode: 'offset', page: 2 }])
      await harness.settle(20)
      expect(pageIds(p.current().data)).toEqual([['a', 'c']])
      expect(p.current().isPlaceholderData).toBe(true)
      t.release()
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['e']]))
      expect(p.current().hasNextPage).toBe(false)
      await harness.act(() => p.current().fetchPreviousPage?.())
      await eventually(() => expect(pageIds(p.current().data)).toEqual([['a', 'c'], ['e']]))
    })

    test('closes its subscription when unmounted', async (t) => {
      await t.seed(['a'])
      const q = t.mount('useMetalQuery', t.users())
      await eventually(() => expect(ids(q.current().data)).toEqual(['a']))
      expect(t.open('users')).toBe(1)
      q.unmount()
      await eventually(() => expect(t.open('users')).toBe(0))
    })
  })
}
