import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { WebSocket } from 'ws'
import { Metal, MetalError, increment } from '../index.js'
import type { MetalOptions } from '../index.js'
import { MapStorage } from '../backends/memory/mapStorage.js'
import { CLOSE_CODES } from '../protocol/wire.js'
import { eventually, settle } from '../testing/suites/harness.js'
import type { CommitPlan, DocKey } from '../server/storage.js'
import {
  startSocketServer,
  type SocketServer,
  type SocketServerOptions,
} from './support/socketServer.js'

// What a client on a Metal server does when the server or the network misbehaves, over real
// loopback sockets: a server that dies mid-request, a client that stops reading, a lost answer,
// and a hostile client sending frames the server must survive.

let servers: SocketServer[] = []

afterEach(async () => {
  for (const s of servers) await s.close()
  servers = []
})

async function serve(options: SocketServerOptions = {}): Promise<SocketServer> {
  const server = await startSocketServer(options)
  servers.push(server)
  return server
}

/** Every socket a client opened, with the close codes it saw. */
function recordingWebSocket() {
  const sockets: RecordingWebSocket[] = []
  const opened: number[] = []
  const closeCodes: number[] = []
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url)
      sockets.push(this)
      opened.push(Date.now())
      this.addEventListener('close', (e) => closeCodes.push(e.code))
    }
  }
  return { WebSocket: RecordingWebSocket, sockets, opened, closeCodes }
}

function client(server: SocketServer, options: Omit<MetalOptions, 'url'> = {}): Metal {
  const metal = new Metal({
    apiKey: 'key',
    projectId: 'p',
    url: server.url,
    WebSocket,
    auth: { persistence: false },
    watchBrowserNetwork: false,
    ...options,
    sync: { storage: false, retryBaseMs: 10, ...options.sync },
  })
  onTestFinished(() => metal.close())
  return metal
}

/** A map storage whose reads can be held back. */
class HoldingStorage extends MapStorage {
  hold = false
  override get(projectId: string, collection: string, id: string) {
    return this.hold ? new Promise<never>(() => {}) : super.get(projectId, collection, id)
  }
}

/** A map storage that runs a hook right after its next commit, before the answer leaves. */
class HookedStorage extends MapStorage {
  afterNextCommit: (() => void) | undefined
  override async commit<R>(projectId: string, keys: readonly DocKey[], plan: CommitPlan<R>) {
    const outcome = await super.commit(projectId, keys, plan)
    const after = this.afterNextCommit
    this.afterNextCommit = undefined
    after?.()
    return outcome
  }
}

function watch(metal: Metal, collection: string) {
  const changes: string[] = []
  const stop = metal
    .db()
    .collection(collection)
    .subscribe((list) => changes.push(...list.map((c) => `${c.type} ${c.id}`)))
  onTestFinished(stop)
  return changes
}

describe('remote backend faults', () => {
  it('rejects requests in flight with unavailable when the server dies mid-request', async () => {
    const storage = new HoldingStorage()
    const server = await serve({ storage })
    const metal = client(server)
    await metal.db().collection('c').doc('a').set({ n: 1 })
    storage.hold = true
    const read = metal.db().collection('c').doc('a').get()
    await settle(20)
    await server.kill()
    const error = await read.catch((e: unknown) => e)
    expect(MetalError.is(error, 'unavailable')).toBe(true)
  })

  it('reconnects with growing backoff while the server is down, then listens again', async () => {
    const server = await serve()
    const rec = recordingWebSocket()
    const reader = client(server, { WebSocket: rec.WebSocket, sync: { retryBaseMs: 20 } })
    const writer = client(server)
    const changes = watch(reader, 'feed')
    await writer.db().collection('feed').doc('1').set({ v: 1 })
    await eventually(() => expect(changes).toEqual(['added 1']))
    const down = rec.opened.length
    const killed = Date.now()
    await server.kill()
    await settle(600)
    const attempts = [killed, ...rec.opened.slice(down)]
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] as number))
    // 20 ms doubling (with jitter) fits about 5 attempts in 600 ms, not one every 20 ms.
    expect(gaps.length).toBeGreaterThanOrEqual(3)
    expect(gaps.length).toBeLessThanOrEqual(7)
    expect(gaps.at(-1)).toBeGreaterThan(gaps[0] as number)
    await server.restart()
    await eventually(() => expect(server.core.listenerCount('p', 'feed')).toBe(1), 5000)
    await writer.db().collection('feed').doc('2').set({ v: 2 })
    await eventually(() => expect(changes).toEqual(['added 1', 'added 2']), 5000)
    expect(reader.network).toBe('online')
  })

  it('reports offline, without flickering online, while reconnect attempts fail; online once one works', async () => {
    const server = await serve()
    const rec = recordingWebSocket()
    const metal = client(server, { WebSocket: rec.WebSocket, sync: { retryBaseMs: 20 } })
    const sync = metal.sync({ collection: 'feed' })
    await metal.db().collection('feed').doc('1').set({ v: 1 })
    expect(metal.network).toBe('online')
    const seen: string[] = []
    sync.on('status', (status) => seen.push(status))
    const down = rec.opened.length
    await server.kill()
    await settle(400)
    // Several attempts were made (each opened a socket the dead server refused)...
    expect(rec.opened.length - down).toBeGreaterThanOrEqual(2)
    // ...and none of them told the app it was online.
    expect(seen).toEqual(['offline'])
    expect(metal.network).toBe('offline')
    await server.restart()
    await eventually(() => expect(metal.network).toBe('online'), 5000)
    expect(seen).toEqual(['offline', 'online'])
  })

  it('sends a write that gave up while the server was down once it is back, with nothing else to send', async () => {
    const server = await serve()
    // No live query: nothing but the stalled write would ever be sent.
    const metal = client(server, { sync: { retryBaseMs: 10 } })
    const errors: string[] = []
    metal
      .sync({ collection: 'stall', options: { maxRetries: 1 } })
      .on('error', (e) => errors.push(e.code))
    await metal.db().collection('stall').doc('warm').set({ up: true })
    await server.kill()
    const write = metal.db().collection('stall').doc('a').set({ n: 1 })
    await eventually(() => expect(errors.length).toBeGreaterThan(0), 5000)
    await server.restart()
    await write
    const stored = await metal.db().collection('stall').doc('a').get()
    expect(stored.data()).toEqual({ n: 1 })
  })

  it('replays a write queued while the server was down, once', async () => {
    const server = await serve()
    const metal = client(server)
    const counter = metal.db().collection('c').doc('n')
    await counter.set({ n: 0 })
    await server.kill()
    await eventually(() => expect(metal.network).toBe('offline'))
    await counter.update({ n: increment(1) }, { wait: 'local' })
    expect(metal.sync({ collection: 'c' }).pending).toBe(1)
    await server.restart()
    await eventually(() => expect(metal.sync({ collection: 'c' }).pending).toBe(0), 5000)
    const other = client(server)
    expect((await other.db().collection('c').doc('n').get()).data()).toEqual({ n: 1 })
  })

  it('resends a commit whose answer was lost with the socket, and the server applies it once', async () => {
    const storage = new HookedStorage()
    const server = await serve({ storage })
    const commits = vi.spyOn(server.core, 'handle')
    const metal = client(server)
    const counter = metal.db().collection('c').doc('n')
    await counter.set({ n: 0 })
    // Committed, then the connection dies before the answer leaves.
    storage.afterNextCommit = () => {
      for (const ws of server.sockets) ws.terminate()
    }
    await counter.update({ n: increment(1) })
    const sent = commits.mock.calls.filter(([, m]) => m.type === 'commit')
    expect(sent).toHaveLength(3) // the set, the update, and the update again
    const [first, again] = sent.slice(1).map(([, m]) => m.type === 'commit' && m.mutationId)
    expect(first).toBe(again)
    expect((await client(server).db().collection('c').doc('n').get()).data()).toEqual({ n: 1 })
  })

  it('closes a client that stops reading with 4008; the client reconnects and catches up', async () => {
    const server = await serve({ maxBufferedBytes: 64 * 1024 })
    const rec = recordingWebSocket()
    const reader = client(server, { WebSocket: rec.WebSocket })
    const writer = client(server)
    const ids: string[][] = []
    const stop = reader
      .db()
      .collection('big')
      .subscribe((_, snap) => ids.push(snap.docs.map((d) => d.id)))
    onTestFinished(stop)
    await eventually(() => expect(ids).toEqual([[]]))
    const socket = rec.sockets[0] as WebSocket
    socket.pause()
    const blob = 'x'.repeat(400 * 1024)
    const all = Array.from({ length: 24 }, (_, i) => `d${String(i).padStart(2, '0')}`)
    for (const id of all) await writer.db().collection('big').doc(id).set({ blob })
    await eventually(() => expect(server.closeCodes).toContain(CLOSE_CODES.slowConsumer), 5000)
    socket.resume()
    await eventually(() => expect(rec.closeCodes).toContain(CLOSE_CODES.slowConsumer), 5000)
    await eventually(() => expect(ids.at(-1)).toEqual(all), 5000)
    expect(rec.sockets.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses a hello whose API key the server rejects, and the client stays offline', async () => {
    const server = await serve({
      onHello(hello) {
        if (hello.apiKey !== 'good') throw new MetalError('permission-denied', 'unknown API key')
      },
    })
    const bad = client(server, { apiKey: 'bad' })
    const error = await bad
      .db()
      .collection('c')
      .get()
      .catch((e: unknown) => e)
    expect(MetalError.is(error, 'unavailable')).toBe(true)
    expect(server.closeCodes).toContain(CLOSE_CODES.badHello)
    expect(server.hellos[0]).toEqual({ protocol: 1, projectId: 'p', apiKey: 'bad' })
    const good = client(server, { apiKey: 'good' })
    await good.db().collection('c').doc('a').set({ ok: true })
    expect((await good.db().collection('c').get()).size).toBe(1)
  })
})

describe('a hostile client', () => {
  /** A raw socket to the server, with what it received and how it closed. */
  async function raw(server: SocketServer) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/socket`)
    const frames: Record<string, unknown>[] = []
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>))
    ws.on('error', () => {})
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve) => ws.once('open', () => resolve()))
    onTestFinished(() => ws.terminate())
    const hello = () => ws.send(JSON.stringify({ hello: { protocol: 1, projectId: 'p' } }))
    return { ws, frames, closed, hello }
  }

  it.each([
    ['a request before the hello', '{"id":1,"request":{"type":"signOut"}}'],
    ['text that is not JSON', 'hello?'],
    ['a hello of another protocol', '{"hello":{"protocol":99,"projectId":"p"}}'],
    ['a hello without a project', '{"hello":{"protocol":1}}'],
    ['a hello with unknown fields', '{"hello":{"protocol":1,"projectId":"p","admin":true}}'],
  ])('is closed with 4001 for %s', async (_, text) => {
    const server = await serve()
    const c = await raw(server)
    c.ws.send(text)
    expect(await c.closed).toBe(CLOSE_CODES.badHello)
  })

  it('gets an error answer for a bad request with an id, and keeps its connection', async () => {
    const server = await serve()
    const c = await raw(server)
    c.hello()
    c.ws.send(JSON.stringify({ id: 7, request: { type: 'get', collection: 5, id: 'a' } }))
    c.ws.send(JSON.stringify({ id: 8, request: { type: 'drop-database' } }))
    c.ws.send(JSON.stringify({ id: 9, request: { type: 'signOut' } }))
    await eventually(() => expect(c.frames).toHaveLength(4))
    expect(c.frames[0]).toMatchObject({ welcome: { protocol: 1 } })
    expect(c.frames[1]).toMatchObject({ id: 7, error: { code: 'invalid-argument' } })
    expect(c.frames[2]).toMatchObject({ id: 8, error: { code: 'invalid-argument' } })
    expect(c.frames[3]).toEqual({ id: 9, result: { ok: true } })
  })

  it.each([
    ['text that is not JSON', 'not json'],
    ['a frame without an id', '{"request":{"type":"signOut"}}'],
    ['a frame with a bad id', '{"id":-1,"request":{"type":"signOut"}}'],
    ['a second hello', '{"hello":{"protocol":1,"projectId":"p"}}'],
    ['a binary frame', Buffer.from([1, 2, 3])],
  ])('is closed (not answered) for %s after the hello', async (what, data) => {
    const server = await serve()
    const c = await raw(server)
    c.hello()
    await eventually(() => expect(c.frames).toHaveLength(1))
    c.ws.send(data)
    const code = await c.closed
    expect(code).toBe(what === 'a second hello' ? CLOSE_CODES.badHello : CLOSE_CODES.badFrame)
  })

  it('never takes the server down: a normal client works after all of that', async () => {
    const server = await serve()
    for (const text of ['x', '{"hello":{}}', '{"id":1}', '[]', 'null', '{"push":{}}']) {
      const c = await raw(server)
      c.ws.send(text)
      await c.closed
    }
    const metal = client(server)
    await metal.db().collection('c').doc('a').set({ n: 1 })
    expect((await metal.db().collection('c').doc('a').get()).data()).toEqual({ n: 1 })
  })
})
