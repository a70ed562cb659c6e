import { afterEach, describe, expect, it } from 'vitest'
import {
  InfiniteQueryObserver,
  QueryClient,
  QueryObserver,
  hashKey,
  type InfiniteData,
} from '@tanstack/query-core'
import { Metal, MetalError, where, type Backend } from '../index.js'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import {
  hashQueryKey,
  liveQueryRegistry,
  metalDocOptions,
  metalPaginatedQueryOptions,
  metalQueryKey,
  metalQueryOptions,
  retryTransient,
  runMetalWrite,
  toRow,
  toRows,
  type MetalRow,
} from '../bindings/index.js'
import { eventually, settle } from '../testing/suites/harness.js'

// The framework-free half of the React and Vue bindings, run against a real TanStack QueryClient
// (query-core, which every adapter wraps) and real Metal clients on a memory backend.

interface User {
  name: string
  age: number
}

/** A memory backend whose one-shot query reads can be held back, to overlap them with writes. */
function holdingReads(inner: MemoryBackend): Backend & { hold(): void; release(): void } {
  let holding = false
  const held: (() => void)[] = []
  return {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          if (message.type !== 'query' || !holding) return conn.request(message)
          return new Promise((resolve, reject) =>
            held.push(() => conn.request(message).then(resolve, reject)),
          )
        },
        close: () => conn.close(),
      }
    },
    hold: () => (holding = true),
    release() {
      holding = false
      for (const send of held.splice(0)) send()
    },
  }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function setup() {
  const backend = memory()
  const reads = holdingReads(backend)
  const metal = new Metal({ backend: reads, projectId: 'p' })
  const other = new Metal({ backend, projectId: 'p' })
  const client = new QueryClient()
  client.mount()
  cleanups.push(() => {
    client.clear()
    client.unmount()
    metal.close()
    other.close()
  })
  const users = other.db().collection<User>('users')
  return {
    metal,
    other,
    client,
    reads,
    users,
    listens: () => backend.listenerCount('p', 'users'),
    observe<T>(options: object) {
      const observer = new QueryObserver<T>(client, options as never)
      const results: T[] = []
      const stop = observer.subscribe((r) => {
        if (r.data !== undefined && r.data !== results.at(-1)) results.push(r.data as T)
      })
      cleanups.push(stop)
      return { observer, results, stop }
    },
  }
}

describe('binding query keys', () => {
  it("are ['metal', projectId, collection, normalisedQuery]", () => {
    const metal = new Metal({ projectId: 'p' })
    const q = metal.db().collection('users').where('age', '>', 30).orderBy('age').limit(10)
    expect(metalQueryKey('p', q.spec)).toEqual([
      'metal',
      'p',
      'users',
      {
        filter: where('age', '>', 30),
        orderBy: [{ field: 'age', direction: 'asc' }],
        limit: 10,
      },
    ])
    expect(metalQueryKey('p', metal.db().collection('users').spec)).toEqual([
      'metal',
      'p',
      'users',
      {},
    ])
  })

  it('are equal for queries that read the same thing, and differ otherwise', () => {
    const users = new Metal().db().collection('users')
    const key = (q: { spec: Parameters<typeof metalQueryKey>[1] }) =>
      hashQueryKey(metalQueryKey('p', q.spec))
    expect(key(users.where({ a: 1, b: 2 }))).toBe(
      key(users.where('a', '==', 1).where('b', '==', 2)),
    )
    expect(key(users.limit(5))).not.toBe(key(users.limitToLast(5).orderBy('a')))
    expect(key(users.orderBy('a'))).not.toBe(key(users.orderBy('a', 'desc')))
    expect(key(users.where('a', '==', 1))).not.toBe(key(users.where('a', '==', '1')))
  })

  it("hash as TanStack's own hashKey does, and survive JSON", () => {
    const users = new Metal().db().collection('users')
    const key = metalQueryKey('p', users.where('age', 'in', [1, 2]).orderBy('age').startAt(1).spec)
    expect(hashQueryKey(key)).toBe(hashKey(key))
    expect(JSON.parse(JSON.stringify(key))).toEqual(key)
  })
})

describe('binding rows', () => {
  it('are frozen { ...data, id } objects, the same object while the document is unchanged', async () => {
    const metal = new Metal()
    const users = metal.db().collection<User>('users')
    await users.doc('a').set({ name: 'Ada', age: 36 })
    await users.doc('b').set({ name: 'Bob', age: 25 })
    const first = toRows(await users.get())
    expect(first).toEqual([
      { id: 'a', name: 'Ada', age: 36 },
      { id: 'b', name: 'Bob', age: 25 },
    ])
    expect(Object.isFrozen(first[0])).toBe(true)

    await users.doc('b').update({ age: 26 })
    const second = toRows(await users.get())
    expect(second[0]).toBe(first[0])
    expect(second[1]).not.toBe(first[1])
    expect(toRow(await users.doc('zz').get())).toBeNull()
    metal.close()
  })

  it('let the document id win over a data field called id', async () => {
    const metal = new Metal()
    const things = metal.db().collection('things')
    await things.doc('real').set({ id: 'fake', n: 1 })
    expect(toRow(await things.doc('real').get())).toEqual({ id: 'real', n: 1 })
    metal.close()
  })
})

describe('live query registry', () => {
  it('subscribes with the first observer, shares it, and closes after the last one leaves', async () => {
    const t = setup()
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    expect(t.listens()).toBe(0)

    const one = t.observe<MetalRow<User>[]>(options)
    const two = t.observe<MetalRow<User>[]>(options)
    await eventually(() => expect(one.results).toEqual([[{ id: 'a', name: 'Ada', age: 36 }]]))
    expect(t.listens()).toBe(1)
    expect(liveQueryRegistry(t.client).isLive(options.queryKey)).toBe(true)

    one.stop()
    await settle()
    expect(t.listens()).toBe(1)
    two.stop()
    await eventually(() => expect(t.listens()).toBe(0))
    expect(liveQueryRegistry(t.client).isLive(options.queryKey)).toBe(false)
    expect(t.client.getQueryData(options.queryKey)).toEqual([{ id: 'a', name: 'Ada', age: 36 }])
  })

  it('delivers the first result once, through the query function', async () => {
    const t = setup()
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    const { results } = t.observe<MetalRow<User>[]>(options)
    await eventually(() => expect(results).toHaveLength(1))
    await settle(10)
    expect(results).toHaveLength(1)
    expect(t.client.getQueryState(options.queryKey)?.dataUpdateCount).toBe(1)
  })

  it('writes each later change into the cache, keeping unchanged rows', async () => {
    const t = setup()
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    await t.users.doc('b').set({ name: 'Bob', age: 25 })
    const { results } = t.observe<MetalRow<User>[]>(
      metalQueryOptions<User>(t.client, t.metal, 'users'),
    )
    await eventually(() => expect(results).toHaveLength(1))
    await t.users.doc('b').update({ age: 26 })
    await eventually(() => expect(results).toHaveLength(2))
    expect(results[1]?.[0]).toBe(results[0]?.[0])
    expect(results[1]?.[1]).toEqual({ id: 'b', name: 'Bob', age: 26 })
  })

  it('resubscribes when observed again, though the cached data never goes stale', async () => {
    const t = setup()
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    const first = t.observe<MetalRow<User>[]>(options)
    await eventually(() => expect(first.results).toHaveLength(1))
    first.stop()
    await eventually(() => expect(t.listens()).toBe(0))

    await t.users.doc('b').set({ name: 'Bob', age: 25 })
    const second = t.observe<MetalRow<User>[]>(options)
    expect(second.observer.getCurrentResult().isStale).toBe(false)
    await eventually(() => expect(second.results.at(-1)).toHaveLength(2))
    expect(t.listens()).toBe(1)
  })

  it('does not subscribe for a disabled observer, and does once it is enabled', async () => {
    const t = setup()
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    const { observer, results } = t.observe<MetalRow<User>[]>({ ...options, enabled: false })
    await settle(10)
    expect(t.listens()).toBe(0)
    observer.setOptions({ ...options, enabled: true })
    await eventually(() => expect(results).toEqual([[]]))
    expect(t.listens()).toBe(1)
  })

  it('drops the entry when TanStack garbage-collects the query after gcTime', async () => {
    const t = setup()
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    const { stop } = t.observe({ ...options, gcTime: 20 })
    await eventually(() => expect(t.client.getQueryData(options.queryKey)).toEqual([]))
    stop()
    await eventually(() => expect(t.client.getQueryCache().getAll()).toHaveLength(0))
    expect(liveQueryRegistry(t.client).isLive(options.queryKey)).toBe(false)
    expect(t.listens()).toBe(0)
  })

  it('serves a prefetch with a one-shot subscription', async () => {
    const t = setup()
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    const options = metalQueryOptions<User>(t.client, t.metal, 'users')
    await t.client.prefetchQuery(options)
    expect(t.client.getQueryData(options.queryKey)).toEqual([{ id: 'a', name: 'Ada', age: 36 }])
    await eventually(() => expect(t.listens()).toBe(0))
  })

  it('re-runs the query function when a live source breaks, ending in the error state', async () => {
    const t = setup()
    const key = ['metal', 'p', 'custom', {}] as const
    let fail: ((error: MetalError) => void) | undefined
    let opened = 0
    const registry = liveQueryRegistry(t.client)
    const entry = () =>
      registry.entry<number>(key, (next, error) => {
        opened++
        if (opened === 1) {
          queueMicrotask(() => next(1))
          fail = error
        } else queueMicrotask(() => error(new MetalError('permission-denied', 'custom: denied')))
        return () => {}
      })
    entry()
    const { observer } = t.observe<number>({
      queryKey: key,
      queryFn: () => entry().fetch(),
      retry: retryTransient,
    })
    await eventually(() => expect(observer.getCurrentResult().data).toBe(1))
    fail?.(new MetalError('unavailable', 'custom: connection lost'))
    await eventually(() => expect(observer.getCurrentResult().status).toBe('error'))
    expect(observer.getCurrentResult().error).toMatchObject({ code: 'permission-denied' })
    expect(opened).toBe(2)
  })
})

describe('document options', () => {
  it('give the row, or null when missing, and stay live', async () => {
    const t = setup()
    const options = metalDocOptions<User>(t.client, t.metal, 'users', 'a')
    expect(options.queryKey).toEqual(['metal', 'p', 'users', { doc: 'a' }])
    const { results } = t.observe<MetalRow<User> | null>(options)
    await eventually(() => expect(results).toEqual([null]))
    await t.users.doc('a').set({ name: 'Ada', age: 36 })
    await eventually(() => expect(results.at(-1)).toEqual({ id: 'a', name: 'Ada', age: 36 }))
  })

  it('are disabled without an id', () => {
    const t = setup()
    const options = metalDocOptions(t.client, t.metal, 'users', undefined)
    expect(options.enabled).toBe(false)
    expect(options.queryKey).toEqual(['metal', 'p', 'users', { doc: null }])
  })
})

describe('paginated options', () => {
  it('append a document id to the sort, so the key and cursors are total', () => {
    const t = setup()
    const options = metalPaginatedQueryOptions<User>(
      t.client,
      t.metal,
      'users',
      (q) => q.orderBy('age', 'desc'),
      2,
    )
    expect(options.queryKey[3]).toEqual({
      paginated: true,
      orderBy: [
        { field: 'age', direction: 'desc' },
        { field: '__name__', direction: 'desc' },
      ],
      limit: 2,
    })
    const row = (id: string, age: number) => ({ id, name: id, age }) as MetalRow<User>
    expect(options.getNextPageParam([row('x', 40)])).toBeUndefined()
    expect(options.getNextPageParam([row('x', 40), row('y', 30)])).toEqual({
      page: 1,
      after: [30, 'y'],
    })
  })

  it('page in the implicit order of an inequality filter (Firestore orders by that field)', () => {
    const t = setup()
    const options = metalPaginatedQueryOptions<User>(
      t.client,
      t.metal,
      'users',
      (q) => q.where('age', '>', 20),
      2,
    )
    expect((options.queryKey[3] as { orderBy: unknown }).orderBy).toEqual([
      { field: 'age', direction: 'asc' },
      { field: '__name__', direction: 'asc' },
    ])
    const row = (id: string, age: number) => ({ id, name: id, age }) as MetalRow<User>
    expect(options.getNextPageParam([row('x', 25), row('y', 30)])).toEqual({
      page: 1,
      after: [30, 'y'],
    })
  })

  it('apply a first-page change that lands while a later page loads', async () => {
    const t = setup()
    for (const [id, age] of [
      ['u1', 10],
      ['u2', 20],
      ['u3', 30],
    ] as const)
      await t.users.doc(id).set({ name: id, age })
    const options = metalPaginatedQueryOptions<User>(
      t.client,
      t.metal,
      'users',
      (q) => q.orderBy('age'),
      2,
    )
    const observer = new InfiniteQueryObserver(t.client, options as never)
    cleanups.push(observer.subscribe(() => {}))
    const pages = () =>
      (observer.getCurrentResult().data as InfiniteData<MetalRow<User>[]> | undefined)?.pages.map(
        (p) => p.map((r) => r.id),
      )
    await eventually(() => expect(pages()).toEqual([['u1', 'u2']]))

    t.reads.hold()
    const next = observer.fetchNextPage()
    await t.users.doc('u1').update({ name: 'one' }) // reaches the live first page mid-fetch
    await settle(10)
    t.reads.release()
    await next
    await eventually(() => expect(pages()).toEqual([['u1', 'u2'], ['u3']]))
    const data = observer.getCurrentResult().data as InfiniteData<MetalRow<User>[]>
    expect(data.pages[0]?.[0]?.name).toBe('one')
  })
})

describe('retryTransient', () => {
  it('retries up to three times, never for failures a retry cannot fix', () => {
    const error = (code: 'unavailable' | 'permission-denied' | 'invalid-argument') =>
      new MetalError(code, 'x')
    expect(retryTransient(0, error('unavailable'))).toBe(true)
    expect(retryTransient(2, error('unavailable'))).toBe(true)
    expect(retryTransient(3, error('unavailable'))).toBe(false)
    expect(retryTransient(0, error('permission-denied'))).toBe(false)
    expect(retryTransient(0, error('invalid-argument'))).toBe(false)
    expect(retryTransient(0, new Error('network'))).toBe(true)
  })
})

describe('runMetalWrite', () => {
  it('applies add, set, update, delete and batch writes, resolving with the id', async () => {
    const metal = new Metal()
    const users = metal.db().collection<User>('users')
    const id = await runMetalWrite<User>(metal, 'users', {
      type: 'add',
      data: { name: 'Ada', age: 36 },
    })
    expect((await users.doc(id!).get()).data()).toEqual({ name: 'Ada', age: 36 })
    expect(
      await runMetalWrite<User>(metal, 'users', {
        type: 'set',
        id: 'b',
        data: { name: 'Bob', age: 25 },
      }),
    ).toBe('b')
    expect(
      await runMetalWrite<User>(metal, 'users', { type: 'update', id: 'b', data: { age: 26 } }),
    ).toBe('b')
    expect((await users.doc('b').get()).data()?.age).toBe(26)
    expect(await runMetalWrite(metal, 'users', { type: 'delete', id: id! })).toBe(id)
    expect(
      await runMetalWrite<User>(metal, 'users', {
        type: 'batch',
        run: (batch, coll) =>
          batch.set(coll.doc('c'), { name: 'Cyd', age: 41 }).delete(coll.doc('b')),
      }),
    ).toBeUndefined()
    expect((await users.get()).docs.map((d) => d.id)).toEqual(['c'])
    metal.close()
  })

  it('rejects an unknown write type, naming it', async () => {
    const metal = new Metal()
    await expect(runMetalWrite(metal, 'users', { type: 'upsert' } as never)).rejects.toThrow(
      "runMetalWrite(): write type must be 'add', 'set', 'update', 'delete' or 'batch', got 'upsert'",
    )
    metal.close()
  })
})
