import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { WebSocket } from 'ws'
import { Metal, type MetalOptions } from '../index.js'
import { eventually, settle } from '../testing/suites/harness.js'
import { FeedStorage } from './support/feedStorage.js'
import { startSocketServer, type SocketServer } from './support/socketServer.js'

// Resume end to end: a client on the shared server logic over a socket, with a storage that has
// a change feed (so the server sends resume tokens and resumed deltas), loses its socket, misses
// some changes, and comes back.

let server: SocketServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

type Frame = { push?: { type: string; resumed?: boolean; initial?: boolean; resume?: string } }

/** A WebSocket class whose new sockets fail while `blocked`, recording the frames received. */
function gatedWebSocket() {
  const gate = { blocked: false, sockets: [] as WebSocket[], received: [] as Frame[] }
  class Gated extends WebSocket {
    constructor(url: string) {
      super(gate.blocked ? 'ws://127.0.0.1:1/v1/socket' : url)
      gate.sockets.push(this)
      this.addEventListener('message', (e) => gate.received.push(JSON.parse(String(e.data))))
    }
  }
  return { gate, WebSocket: Gated }
}

function client(url: string, WebSocketClass: MetalOptions['WebSocket'] = WebSocket): Metal {
  const metal = new Metal({
    apiKey: 'k',
    projectId: 'p',
    url,
    WebSocket: WebSocketClass,
    sync: { storage: false, retryBaseMs: 10 },
    auth: { persistence: false },
    watchBrowserNetwork: false,
  })
  onTestFinished(() => metal.close())
  return metal
}

/**
 * A reader listening to `feed` (holding 1 and 2 from a writer, and 3 it wrote itself) loses its
 * socket; while it cannot reconnect the writer changes 1, adds 4 and deletes 2. `beforeReturn`
 * runs before it may reconnect.
 */
async function missedChanges(beforeReturn: (storage: FeedStorage) => void = () => {}) {
  const storage = new FeedStorage()
  server = await startSocketServer({ storage })
  const handled = vi.spyOn(server.core, 'handle')
  const { gate, WebSocket: Gated } = gatedWebSocket()
  const reader = client(server.url, Gated)
  const writer = client(server.url)
  const changes: string[] = []
  let ids: string[] = []
  const stop = reader
    .db()
    .collection('feed')
    .subscribe((list, snap) => {
      changes.push(...list.map((c) => `${c.type} ${c.id}`))
      ids = snap.docs.map((d) => d.id)
    })
  onTestFinished(stop)
  const feed = writer.db().collection('feed')
  await feed.doc('1').set({ v: 1 })
  await feed.doc('2').set({ v: 1 })
  await reader.db().collection('feed').doc('3').set({ v: 1 })
  await eventually(() => expect([...changes].sort()).toEqual(['added 1', 'added 2', 'added 3']))
  gate.blocked = true
  const before = gate.received.length
  gate.sockets[0]?.terminate()
  await eventually(() => expect(reader.network).toBe('offline'))
  await feed.doc('1').update({ v: 2 })
  await feed.doc('4').set({ v: 1 })
  await feed.doc('2').delete()
  beforeReturn(storage)
  const seen = changes.length
  gate.blocked = false
  await eventually(() => expect(ids).toEqual(['1', '3', '4']), 5000)
  await settle(30)
  const listens = handled.mock.calls.map(([, m]) => m).filter((m) => m.type === 'listen')
  const first = gate.received
    .slice(before)
    .find((f) => f.push?.type === 'target' && (f.push.initial || f.push.resumed))
  return { after: changes.slice(seen), listens, first: first?.push }
}

describe('resume over a socket (server with a change feed)', () => {
  it('gets only what it missed, and shows each missed change once', async () => {
    const { after, listens, first } = await missedChanges()
    expect(listens).toHaveLength(2)
    expect(listens[0]).not.toHaveProperty('resume')
    expect(listens[1]).toHaveProperty('resume')
    expect(first).toMatchObject({ resumed: true })
    expect(first).not.toHaveProperty('initial')
    // Its own write (3) comes again in the delta at the version it holds: not a change.
    expect(after.sort()).toEqual(['added 4', 'modified 1', 'removed 2'])
  })

  it('takes the whole result, diffed, when the log no longer reaches back', async () => {
    const { after, listens, first } = await missedChanges((storage) => storage.prune())
    expect(listens[1]).toHaveProperty('resume')
    expect(first).toMatchObject({ initial: true })
    expect(after.sort()).toEqual(['added 4', 'modified 1', 'removed 2'])
  })
})

describe('a commit whose change feed stalls (server with a change feed)', () => {
  it('is acknowledged after feedWaitMs, the requests after it are answered, and its changes follow as pushes', async () => {
    const storage = new FeedStorage()
    server = await startSocketServer({ storage, feedWaitMs: 100 })
    const writer = client(server.url)
    const reader = client(server.url)
    let ids: string[] = []
    onTestFinished(
      reader
        .db()
        .collection('feed')
        .subscribe((_, snap) => (ids = snap.docs.map((d) => d.id))),
    )
    await writer.db().collection('feed').doc('a').set({ v: 1 })
    await eventually(() => expect(ids).toEqual(['a']))

    storage.feed.stalled = true
    const write = writer.db().collection('feed').doc('b').set({ v: 2 })
    // Committed in storage, not delivered: the reply must not wait for the feed for ever, and
    // the writer's next request (queued behind it on its connection) must be answered.
    await expect(write).resolves.toBeUndefined()
    const read = await writer.db().collection('feed').doc('b').get()
    expect(read.data()).toEqual({ v: 2 })
    expect(ids).toEqual(['a'])

    storage.feed.stalled = false
    storage.feed.poke()
    await eventually(() => expect(ids).toEqual(['a', 'b']))
  })
})
