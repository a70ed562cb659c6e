import { describe, expect, it } from 'vitest'
import { average, count, sum, where } from '../../index.js'
import type { CollectionReference, DocumentData, MetalError } from '../../index.js'
import { eventually, settle, type BackendHarness } from './harness.js'
import { backendFor, clientFor, open, rejection, thrown } from './helpers.js'

async function seed(coll: CollectionReference, docs: Record<string, DocumentData>): Promise<void> {
  await Promise.all(Object.entries(docs).map(([id, data]) => coll.doc(id).set(data)))
}

const ORDERS = {
  o1: { status: 'paid', price: 10, qty: 1 },
  o2: { status: 'paid', price: 25.5, qty: 2 },
  o3: { status: 'open', price: 7, qty: 3 },
  o4: { status: 'paid', price: 'n/a', qty: 4 },
  o5: { status: 'open', qty: 5 },
}

/** Records every count a `subscribeCount()` delivers, and its errors. */
function recordCount(query: {
  subscribeCount(cb: (n: number) => void, onError?: (e: MetalError) => void): () => void
}) {
  const counts: number[] = []
  const errors: MetalError[] = []
  const stop = query.subscribeCount(
    (n) => counts.push(n),
    (e) => errors.push(e),
  )
  return { counts, errors, stop }
}

/** Aggregations (count, sum, average; one-shot and live), run against every backend. */
export function aggregatesSuite(harness: BackendHarness): void {
  describe(`aggregates (${harness.name})`, () => {
    it('counts, sums and averages a collection (sum/average over numbers only)', async () => {
      const { metal } = await open(harness)
      const orders = metal.db().collection('orders')
      await seed(orders, ORDERS)
      expect(await orders.count()).toBe(5)
      expect(await orders.sum('price')).toBe(42.5)
      expect(await orders.average('price')).toBeCloseTo(42.5 / 3, 10)
      expect(await orders.sum('qty')).toBe(15)
    })

    it('gives 0, 0 and null over an empty result', async () => {
      const { metal } = await open(harness)
      const orders = metal.db().collection('orders')
      await seed(orders, ORDERS)
      const none = orders.where('status', '==', 'refunded')
      expect(await none.count()).toBe(0)
      expect(await none.sum('price')).toBe(0)
      expect(await none.average('price')).toBeNull()
      expect(await orders.where('status', '==', 'open').average('price')).toBe(7)
    })

    it('runs several aggregations at once with aggregate(), typed by alias', async () => {
      const { metal } = await open(harness)
      await seed(metal.db().collection('orders'), ORDERS)
      const orders = metal.db().collection<{ status: string; price: number }>('orders')
      const snap = await orders
        .where('status', '==', 'paid')
        .aggregate({ n: count(), revenue: sum('price'), avg: average('price') })
      const data: { n: number; revenue: number; avg: number | null } = snap.data()
      expect(data).toEqual({ n: 3, revenue: 35.5, avg: 17.75 })
    })

    it('respects filters, orderBy on a missing field, offset and limits', async () => {
      const { metal } = await open(harness)
      const orders = metal.db().collection('orders')
      await seed(orders, ORDERS)
      expect(await orders.where('qty', '>', 2).count()).toBe(3)
      expect(await orders.orderBy('price').count()).toBe(4) // o5 has no price
      const byQty = orders.orderBy('qty', 'desc')
      expect(await byQty.limit(2).sum('qty')).toBe(9)
      expect(await byQty.limit(2).count()).toBe(2)
      expect(await byQty.offset(1).limit(2).sum('qty')).toBe(7)
      expect(await byQty.limitToLast(2).sum('qty')).toBe(3)
      expect(await byQty.offset(4).limit(10).count()).toBe(1)
      expect(
        await orders.composite().where('status', '==', 'open').or('qty', '==', 1).count(),
      ).toBe(3)
    })

    it('rejects invalid aggregations with invalid-argument naming the call and value', async () => {
      const { metal } = await open(harness)
      const orders = metal.db().collection('orders')
      expect(thrown(() => sum(42 as unknown as string)).message).toBe(
        'sum(): field must be a non-empty string, got 42',
      )
      expect(thrown(() => average('')).message).toBe(
        "average(): field must be a non-empty string, got ''",
      )
      const bad = await rejection(orders.sum(42 as unknown as string))
      expect(bad.code).toBe('invalid-argument')
      expect(bad.message).toBe('sum(): field must be a non-empty string, got 42')
      expect((await rejection(orders.average('a..b'))).message).toContain(
        "field path 'a..b' has an empty segment",
      )
      const tooMany = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, count()]))
      expect((await rejection(orders.aggregate(tooMany))).message).toBe(
        'aggregate(): got 6 aggregations; at most 5 are allowed',
      )
      expect((await rejection(orders.aggregate({}))).message).toContain(
        'needs at least one aggregation',
      )
      expect(thrown(() => orders.subscribeCount('no' as never)).message).toBe(
        "subscribeCount(): listener must be a function, got 'no'",
      )
      expect((await rejection(orders.limitToLast(1).count())).message).toContain(
        'limitToLast() needs an orderBy() clause',
      )
    })

    it('treats hostile aggregate requests as invalid-argument at the backend', async () => {
      const backend = await backendFor(harness)
      const conn = backend.connect({ projectId: 'test', onPush: () => {} })
      try {
        const query = { collection: 'orders', orderBy: [] }
        const send = (aggregates: unknown, targetId: unknown = 1) =>
          rejection(conn.request({ type: 'listenAggregate', targetId, query, aggregates } as never))
        expect((await send({ x: { op: 'max', field: 'p' } })).code).toBe('invalid-argument')
        expect((await send(JSON.parse('{"__proto__":{"op":"count"}}'))).message).toContain(
          'reserved',
        )
        expect((await send({ n: { op: 'count' } }, -1)).message).toContain('targetId')
        const once = await rejection(
          conn.request({ type: 'aggregate', query, aggregates: 'count' } as never),
        )
        expect(once.code).toBe('invalid-argument')
      } finally {
        conn.close()
      }
    })

    it('refuses aggregations the read rules forbid with permission-denied', async () => {
      const backend = await backendFor(harness, {
        rules: ({ op, path }) => op !== 'list' || path.collection !== 'secret',
      })
      const metal = clientFor(backend)
      const secret = metal.db().collection('secret')
      expect((await rejection(secret.count())).code).toBe('permission-denied')
      expect((await rejection(secret.aggregate({ n: count() }))).code).toBe('permission-denied')
      const live = recordCount(secret)
      await eventually(() => expect(live.errors.map((e) => e.code)).toEqual(['permission-denied']))
      expect(live.counts).toEqual([])
      expect(await metal.db().collection('public').count()).toBe(0)
    })

    it('keeps a live count current through another client’s writes', async () => {
      const { clients } = await open(harness, 2)
      const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]]
      await seed(b.db().collection('orders'), ORDERS)
      const live = recordCount(a.db().collection('orders').where('status', '==', 'paid'))
      await eventually(() => expect(live.counts).toEqual([3]))

      const orders = b.db().collection('orders')
      await orders.doc('o6').set({ status: 'paid', price: 1 })
      await eventually(() => expect(live.counts).toEqual([3, 4]))
      await orders.doc('o3').update({ status: 'paid' })
      await eventually(() => expect(live.counts).toEqual([3, 4, 5]))
      await orders.doc('o1').delete()
      await eventually(() => expect(live.counts).toEqual([3, 4, 5, 4]))
      // A write that does not change the count is not reported.
      await orders.doc('o2').update({ price: 99 })
      await orders.doc('o7').set({ status: 'open' })
      await orders.doc('o8').set({ status: 'paid' })
      await eventually(() => expect(live.counts).toEqual([3, 4, 5, 4, 5]))
      expect(live.errors).toEqual([])
      live.stop()
    })

    it('counts a limited query as min(max(matches - offset, 0), limit)', async () => {
      const { clients } = await open(harness, 2)
      const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]]
      const live = recordCount(a.db().collection('items').offset(1).limit(2))
      await eventually(() => expect(live.counts).toEqual([0]))
      const items = b.db().collection('items')
      for (const id of ['a', 'b', 'c', 'd']) await items.doc(id).set({ n: 1 })
      await eventually(() => expect(live.counts).toEqual([0, 1, 2]))
      await items.doc('a').delete()
      await items.doc('b').delete()
      await eventually(() => expect(live.counts).toEqual([0, 1, 2, 1]))
    })

    it('gives every subscriber of the same count its own first value', async () => {
      const { metal } = await open(harness)
      const orders = metal.db().collection('orders')
      await seed(orders, ORDERS)
      const first = recordCount(orders)
      await eventually(() => expect(first.counts).toEqual([5]))
      const second = recordCount(orders)
      await eventually(() => expect(second.counts).toEqual([5]))
      await orders.doc('o9').set({})
      await eventually(() => {
        expect(first.counts).toEqual([5, 6])
        expect(second.counts).toEqual([5, 6])
      })
    })

    it('stops calling back after unsubscribe', async () => {
      const { clients } = await open(harness, 2)
      const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]]
      const live = recordCount(a.db().collection('orders'))
      await eventually(() => expect(live.counts).toEqual([0]))
      live.stop()
      live.stop() // a second call does nothing
      await b.db().collection('orders').doc('x').set({ a: 1 })
      await settle(20)
      expect(live.counts).toEqual([0])
      // A new subscription starts from the current count.
      const again = recordCount(a.db().collection('orders'))
      await eventually(() => expect(again.counts).toEqual([1]))
    })

    it('catches up after a reconnect with the writes it missed', async () => {
      const { clients } = await open(harness, 2)
      const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]]
      const live = recordCount(a.db().collection('orders'))
      await eventually(() => expect(live.counts).toEqual([0]))
      a.disableNetwork()
      await b.db().collection('orders').doc('x').set({ a: 1 })
      await b.db().collection('orders').doc('y').set({ a: 2 })
      await settle(10)
      expect(live.counts).toEqual([0])
      a.enableNetwork()
      await eventually(() => expect(live.counts).toEqual([0, 2]))
      await b.db().collection('orders').doc('z').set({ a: 3 })
      await eventually(() => expect(live.counts).toEqual([0, 2, 3]))
      expect(live.errors).toEqual([])
    })

    it('ends a live count with permission-denied when the session loses access', async () => {
      const backend = await backendFor(harness, { rules: ({ auth }) => auth !== null })
      const metal = clientFor(backend)
      await metal.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u' } })
      const live = recordCount(
        metal
          .db()
          .collection('orders')
          .where(where('a', '==', 1)),
      )
      await eventually(() => expect(live.counts).toEqual([0]))
      await metal.auth().signOut()
      await eventually(() => expect(live.errors.map((e) => e.code)).toEqual(['permission-denied']))
    })
  })
}
