import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { Metal } from '../index.js'
import { eventually, settle } from '../testing/suites/harness.js'
import {
  startScriptedServer,
  type ScriptedServer,
  type ScriptedSocket,
} from './support/scriptedServer.js'

// Resume on the client, against a server whose frames the test writes: resume tokens kept per
// listened query and sent when listening again after a reconnect, a `resumed` first message
// taken as a delta, and resent versions never shown as changes.

let server: ScriptedServer
let metal: Metal

beforeEach(async () => {
  server = await startScriptedServer()
  metal = new Metal({
    apiKey: 'k',
    projectId: 'p',
    url: server.url,
    WebSocket,
    sync: { retryBaseMs: 10, storage: false },
    auth: { persistence: false },
    watchBrowserNetwork: false,
  })
})

afterEach(async () => {
  metal.close()
  await server.close()
})

const doc = (id: string, version: number, data: Record<string, unknown> = { v: version }) => ({
  id,
  data,
  version,
  updateTime: version,
})

/** The n-th socket, welcomed. */
async function socket(n: number): Promise<ScriptedSocket> {
  const s = await server.socket(n)
  await s.frame((f) => f.hello !== undefined)
  s.welcome()
  return s
}

/** Subscribes to the `feed` collection and records each callback's changes and ids. */
function watchFeed() {
  const calls: { changes: string[]; ids: string[] }[] = []
  const errors: string[] = []
  const stop = metal
    .db()
    .collection('feed')
    .subscribe(
      (changes, snap) =>
        calls.push({
          changes: changes.map((c) => `${c.type} ${c.id}`).sort(),
          ids: snap.docs.map((d) => d.id),
        }),
      (error) => errors.push(error.code),
    )
  return { calls, errors, stop }
}

/** Answers the socket's next listen, and returns its request. */
async function listened(s: ScriptedSocket) {
  const { id, request } = await s.request('listen')
  s.send({ id, result: { ok: true } })
  return request as { targetId: number; resume?: string }
}

function target(targetId: number, fields: Record<string, unknown>) {
  return { push: { type: 'target', targetId, upserts: [], removes: [], ...fields } }
}

/** A feed listened on socket 0 holding a (v1) and b (v2), with resume token 't2'. */
async function heldFeed() {
  const s0 = await socket(0)
  const feed = watchFeed()
  const listen = await listened(s0)
  expect(listen.resume).toBeUndefined()
  s0.send(target(listen.targetId, { initial: true, upserts: [doc('a', 1)], resume: 't1' }))
  s0.send(target(listen.targetId, { upserts: [doc('b', 2)], resume: 't2' }))
  await eventually(() =>
    expect(feed.calls).toEqual([
      { changes: ['added a'], ids: ['a'] },
      { changes: ['added b'], ids: ['a', 'b'] },
    ]),
  )
  return { s0, feed, targetId: listen.targetId }
}

describe('resume (remote backend)', () => {
  it('listens again after a reconnect with the latest resume token of the query', async () => {
    const { s0, targetId } = await heldFeed()
    s0.raw.terminate()
    const again = await listened(await socket(1))
    expect(again).toMatchObject({ targetId, resume: 't2' })
  })

  it('applies a resumed first message as a delta on top of what it holds', async () => {
    const { s0, feed, targetId } = await heldFeed()
    s0.raw.terminate()
    const s1 = await socket(1)
    await listened(s1)
    // `a` at the version already held comes again: it is no change.
    s1.send(
      target(targetId, {
        resumed: true,
        upserts: [doc('c', 3), doc('a', 1)],
        removes: ['b'],
        resume: 't3',
      }),
    )
    await eventually(() => expect(feed.calls).toHaveLength(3))
    expect(feed.calls[2]).toEqual({ changes: ['added c', 'removed b'], ids: ['a', 'c'] })
    s1.raw.terminate()
    expect(await listened(await socket(2))).toMatchObject({ resume: 't3' })
  })

  it('diffs an initial result after a reconnect against what it holds (the server could not resume)', async () => {
    const { s0, feed, targetId } = await heldFeed()
    s0.raw.terminate()
    const s1 = await socket(1)
    await listened(s1)
    s1.send(target(targetId, { initial: true, upserts: [doc('a', 1), doc('c', 3)], resume: 'r1' }))
    await eventually(() => expect(feed.calls).toHaveLength(3))
    expect(feed.calls[2]).toEqual({ changes: ['added c', 'removed b'], ids: ['a', 'c'] })
  })

  it('does not report an upsert of a version it already holds, and reports a newer one', async () => {
    const { s0, feed, targetId } = await heldFeed()
    s0.send(target(targetId, { upserts: [doc('a', 1, { v: 'resent' })] }))
    await settle(40)
    expect(feed.calls).toHaveLength(2)
    s0.send(target(targetId, { upserts: [doc('a', 4, { v: 'new' })] }))
    await eventually(() => expect(feed.calls).toHaveLength(3))
    expect(feed.calls[2]?.changes).toEqual(['modified a'])
  })

  it('listens afresh, with no token, to a query listened again after unsubscribe', async () => {
    const { s0, feed } = await heldFeed()
    feed.stop()
    await s0.request('unlisten')
    watchFeed()
    const again = await listened(s0)
    expect(again.resume).toBeUndefined()
  })

  it('drops the token of a query that failed', async () => {
    const { s0, feed, targetId } = await heldFeed()
    s0.send({
      push: { type: 'targetError', targetId, code: 'permission-denied', message: 'no' },
    })
    await eventually(() => expect(feed.errors).toEqual(['permission-denied']))
    metal
      .db()
      .collection('other')
      .subscribe(() => {})
    await listened(s0)
    s0.raw.terminate()
    const s1 = await socket(1)
    const relisten = await listened(s1)
    // Only the other query is listened again; the failed one, and its token, are gone.
    expect(relisten.resume).toBeUndefined()
    expect(relisten.targetId).not.toBe(targetId)
    await settle(30)
    expect(s1.frames.filter((f) => f.request?.type === 'listen')).toHaveLength(1)
  })
})
