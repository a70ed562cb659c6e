import { connect as tcpConnect } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { MAX_DOCUMENT_BYTES, MetalError, increment, type Metal } from '@metal/core'
import { CLOSE_CODES } from '@metal/core/protocol'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import type { SqlDriver, SqlExecutor } from '../sql/driver.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually, health } from './serverProcess.js'

// The realtime fault scenarios of @metal/core's remoteFaults.test.ts (which runs them against a
// test socket server on map storage), here against the real server on PGlite and PostgreSQL: a
// server that dies mid-request, reconnect backoff, a lost answer, a client that stops reading,
// and a hostile client; /health answers throughout.

/** The test's database behind hooks: hold reads of one document, act just before a commit. */
function hooked(inner: SqlDriver) {
  const hooks = {
    holdGets: false,
    held: [] as (() => void)[],
    beforeNextCommit: undefined as (() => void) | undefined,
    /** Each mutation id a commit looked up, and whether it was already there. */
    mutations: [] as { id: unknown; duplicate: boolean }[],
  }
  async function query<R>(exec: SqlExecutor, sql: string, params?: readonly unknown[]) {
    if (hooks.holdGets && /and collection = \$2 and id = \$3/.test(sql)) {
      await new Promise<void>((resolve) => hooks.held.push(resolve))
    }
    const rows = await exec.query<R>(sql, params)
    if (/from metal_mutations where project = \$1 and mutation_id = \$2/.test(sql)) {
      hooks.mutations.push({ id: params?.[1], duplicate: rows.length > 0 })
    }
    return rows
  }
  const driver: SqlDriver = {
    kind: inner.kind,
    query: (sql, params) => query(inner, sql, params),
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: readonly unknown[]) {
            const rows = await query<R>(tx, sql, params)
            // The commit's writes are in; it commits next, and its answer follows.
            const after = sql.includes('insert into metal_changes') && hooks.beforeNextCommit
            if (after) {
              hooks.beforeNextCommit = undefined
              after()
            }
            return rows
          },
        }),
      ),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    close: async () => {},
  }
  return { driver, hooks }
}

/** A WebSocket class whose sockets, open times and close codes the test can see. */
function recordingWebSocket() {
  const sockets: WebSocket[] = []
  const opened: number[] = []
  const closeCodes: number[] = []
  const sent: { request?: { type: string; mutationId?: string } }[] = []
  class Recording extends WebSocket {
    constructor(url: string) {
      super(url)
      sockets.push(this)
      opened.push(Date.now())
      this.on('close', (code) => closeCodes.push(code))
    }
    override send(data: string): void {
      sent.push(JSON.parse(data) as (typeof sent)[number])
      super.send(data)
    }
  }
  return { WebSocket: Recording, sockets, opened, closeCodes, sent }
}

describe.each(databases)('faults against the server on $name', ({ create }) => {
  let db: TestDatabase
  let servers: MetalServer[] = []
  let projects = 0

  beforeAll(async () => {
    db = await create()
  })
  afterEach(async () => {
    for (const s of servers) await s.close()
    servers = []
  })
  afterAll(async () => {
    await db?.drop()
  })

  async function serve(options: Omit<ServerOptions, 'port' | 'log'> = {}, port = 0) {
    const server = createServer({ driver: db.driver, pollMs: 50, ...options, port, log: false })
    servers.push(server)
    return { server, ...(await server.listen()) }
  }

  /** A client in this test's own project. */
  function client(url: string, options: Parameters<typeof connect>[1] = {}): Metal {
    return connect(url, { projectId: `f${projects}`, ...options })
  }

  it('fails a request in flight with unavailable when the server dies, and /health stays up until then', async () => {
    projects++
    const { driver, hooks } = hooked(db.driver)
    // No drain: the server dies with the read in flight.
    const { server, url } = await serve({ driver, shutdownGraceMs: 0 })
    const metal = client(url)
    await metal.db().collection('c').doc('a').set({ n: 1 })
    hooks.holdGets = true
    const read = metal
      .db()
      .collection('c')
      .doc('a')
      .get()
      .catch((e: unknown) => e)
    await eventually(() => expect(hooks.held).toHaveLength(1))
    expect((await health(url)).status).toBe(200)
    await server.close()
    const error = await read
    expect(MetalError.is(error, 'unavailable')).toBe(true)
    for (const release of hooks.held) release()
  })

  it('reconnects with growing backoff while the server is down, then listens again', async () => {
    projects++
    const first = await serve()
    const rec = recordingWebSocket()
    const reader = client(first.url, { WebSocket: rec.WebSocket, sync: { retryBaseMs: 20 } })
    const changes: string[] = []
    onTestFinished(
      reader
        .db()
        .collection('feed')
        .subscribe((list) => changes.push(...list.map((c) => `${c.type} ${c.id}`))),
    )
    const writer = client(first.url)
    await writer.db().collection('feed').doc('1').set({ v: 1 })
    await eventually(() => expect(changes).toEqual(['added 1']))
    const down = rec.opened.length
    await first.server.close()
    await eventually(() => expect(rec.opened.length).toBeGreaterThanOrEqual(down + 6), 10_000)
    const attempts = rec.opened.slice(down, down + 6)
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] as number))
    // Each delay is drawn from [base/2, base] and the base doubles: two steps on, it is longer.
    for (let i = 0; i + 2 < gaps.length; i++) expect(gaps[i + 2]).toBeGreaterThan(gaps[i] as number)
    const second = await serve({}, first.port)
    await client(second.url).db().collection('feed').doc('2').set({ v: 2 })
    await eventually(() => expect(changes).toEqual(['added 1', 'added 2']), 10_000)
    expect(reader.network).toBe('online')
  })

  it('resends a commit whose answer was lost with the socket, and the server applies it once', async () => {
    projects++
    const { driver, hooks } = hooked(db.driver)
    const { url } = await serve({ driver })
    const rec = recordingWebSocket()
    const metal = client(url, { WebSocket: rec.WebSocket })
    const counter = metal.db().collection('c').doc('n')
    await counter.set({ n: 0 })
    // The commit goes through, but the connection dies before its answer can leave.
    hooks.beforeNextCommit = () => {
      for (const ws of rec.sockets) ws.terminate()
    }
    await counter.update({ n: increment(1) })
    expect(rec.sockets.length).toBeGreaterThanOrEqual(2)
    const commits = rec.sent.filter((f) => f.request?.type === 'commit').slice(1)
    expect(commits).toHaveLength(2) // the update, and the update again on the new socket
    expect(commits[1]!.request!.mutationId).toBe(commits[0]!.request!.mutationId)
    // The server committed it once: the first time it looked the mutation id up, it was new.
    expect(hooks.mutations.filter((m) => m.id === commits[0]!.request!.mutationId)[0]).toEqual({
      id: commits[0]!.request!.mutationId,
      duplicate: false,
    })
    expect((await client(url).db().collection('c').doc('n').get()).data()).toEqual({ n: 1 })
  })

  it('closes a client that stops reading with 4008; the client reconnects and catches up', async () => {
    projects++
    const { url } = await serve({ maxBufferedBytes: 64 * 1024 })
    const rec = recordingWebSocket()
    const reader = client(url, { WebSocket: rec.WebSocket })
    const writer = client(url)
    const bystander = client(url)
    const ids: string[][] = []
    onTestFinished(
      reader
        .db()
        .collection('big')
        .subscribe((_, snap) => ids.push(snap.docs.map((d) => d.id))),
    )
    let seenByBystander = 0
    onTestFinished(
      bystander
        .db()
        .collection('big')
        .subscribe((_, snap) => (seenByBystander = snap.size)),
    )
    await eventually(() => expect(ids).toEqual([[]]))
    const socket = rec.sockets[0] as WebSocket
    socket.pause()
    const blob = 'x'.repeat(400 * 1024)
    const all = Array.from({ length: 24 }, (_, i) => `d${String(i).padStart(2, '0')}`)
    for (const id of all) await writer.db().collection('big').doc(id).set({ blob })
    // The others are not held back by the one that stopped reading.
    await eventually(() => expect(seenByBystander).toBe(24), 10_000)
    expect((await health(url)).status).toBe(200)
    socket.resume()
    await eventually(() => expect(rec.closeCodes).toContain(CLOSE_CODES.slowConsumer), 10_000)
    await eventually(() => expect(ids.at(-1)).toEqual(all), 10_000)
    expect(rec.sockets.length).toBeGreaterThanOrEqual(2)
  })

  it('takes every valid write with its default limits: a document at 1 MiB, escapes, a big batch', async () => {
    projects++
    const { url } = await serve()
    const rec = recordingWebSocket()
    const metal = client(url, { WebSocket: rec.WebSocket })
    const coll = metal.db().collection('large')
    // 'large/max' with one field 'blob' stays just under MAX_DOCUMENT_BYTES (1 MiB).
    await coll.doc('max').set({ blob: 'x'.repeat(MAX_DOCUMENT_BYTES - 64) })
    // 200 KB of control characters: 1.2 MB as JSON.
    await coll.doc('escaped').set({ blob: '\u0001'.repeat(200_000) })
    const batch = metal.db().batch()
    for (let i = 0; i < 500; i++) batch.set(coll.doc(`b${i}`), { text: 'y'.repeat(4000) })
    await batch.commit()
    expect(rec.closeCodes).toEqual([])
    const other = client(url)
    expect(await other.db().collection('large').count()).toBe(502)
    const max = await other.db().collection('large').doc('max').get()
    expect((max.data()!.blob as string).length).toBe(MAX_DOCUMENT_BYTES - 64)
  })

  describe('a hostile client', () => {
    /** A raw socket to the server, with what it received and how it closed. */
    async function raw(url: string) {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
      const frames: Record<string, unknown>[] = []
      ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>))
      ws.on('error', () => {})
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
      await new Promise<void>((resolve) => ws.once('open', () => resolve()))
      onTestFinished(() => ws.terminate())
      const hello = async () => {
        ws.send(JSON.stringify({ hello: { protocol: 1, projectId: `f${projects}` } }))
        await eventually(() => expect(frames[0]).toMatchObject({ welcome: { protocol: 1 } }))
      }
      return { ws, frames, closed, hello }
    }

    it.each([
      ['a request before the hello', '{"id":1,"request":{"type":"signOut"}}'],
      ['text that is not JSON', 'hello?'],
      ['a binary frame', Buffer.from([1, 2, 3])],
      ['a hello of another protocol', '{"hello":{"protocol":99,"projectId":"p"}}'],
      ['a hello without a project', '{"hello":{"protocol":1}}'],
      ['a hello with unknown fields', '{"hello":{"protocol":1,"projectId":"p","admin":true}}'],
    ])('is closed with 4001 for %s', async (_, data) => {
      const { url } = await serve()
      const c = await raw(url)
      c.ws.send(data)
      expect(await c.closed).toBe(CLOSE_CODES.badHello)
      expect((await health(url)).status).toBe(200)
    })

    it('gets an error answer for a bad or unknown request with an id, and keeps its connection', async () => {
      projects++
      const { url } = await serve()
      const c = await raw(url)
      await c.hello()
      c.ws.send(JSON.stringify({ id: 7, request: { type: 'get', collection: 5, id: 'a' } }))
      c.ws.send(JSON.stringify({ id: 8, request: { type: 'drop-database' } }))
      c.ws.send(
        JSON.stringify({
          id: 9,
          request: { type: 'query', query: { collection: 'c', filters: 'x' } },
        }),
      )
      c.ws.send(JSON.stringify({ id: 10, request: { type: 'signOut' } }))
      await eventually(() => expect(c.frames).toHaveLength(5))
      expect(c.frames[1]).toMatchObject({ id: 7, error: { code: 'invalid-argument' } })
      expect(c.frames[2]).toMatchObject({ id: 8, error: { code: 'invalid-argument' } })
      expect(c.frames[3]).toMatchObject({ id: 9, error: { code: 'invalid-argument' } })
      expect(c.frames[4]).toEqual({ id: 10, result: { ok: true } })
    })

    it.each([
      ['text that is not JSON', 'not json', CLOSE_CODES.badFrame],
      ['a frame without an id', '{"request":{"type":"signOut"}}', CLOSE_CODES.badFrame],
      ['a frame with a bad id', '{"id":-1,"request":{"type":"signOut"}}', CLOSE_CODES.badFrame],
      ['a binary frame', Buffer.from([1, 2, 3]), CLOSE_CODES.badFrame],
      ['a second hello', '{"hello":{"protocol":1,"projectId":"p"}}', CLOSE_CODES.badHello],
      ['a frame over maxMessageBytes', `{"id":1,"x":"${'y'.repeat(70_000)}"}`, 1009],
    ])('is closed (not answered) for %s after the hello', async (_, data, code) => {
      projects++
      const { url } = await serve({ maxMessageBytes: 64 * 1024 })
      const c = await raw(url)
      await c.hello()
      c.ws.send(data)
      expect(await c.closed).toBe(code)
      expect(c.frames).toHaveLength(1)
      expect((await health(url)).status).toBe(200)
    })

    it('never takes the server down: the others keep being served through all of it', async () => {
      projects++
      const { url } = await serve({ maxMessageBytes: 64 * 1024 })
      const metal = client(url)
      const seen: string[] = []
      onTestFinished(
        metal
          .db()
          .collection('c')
          .subscribe((changes) => seen.push(...changes.map((c) => c.id))),
      )
      const hostile = [
        'x',
        '{"hello":{}}',
        '{"id":1}',
        '[]',
        'null',
        '{"push":{}}',
        'z'.repeat(70_000),
      ]
      for (const [i, text] of hostile.entries()) {
        const c = await raw(url)
        c.ws.send(text)
        await c.closed
        expect((await health(url)).status).toBe(200)
        await metal.db().collection('c').doc(`d${i}`).set({ i })
      }
      // An upgrade to another path, and a connection reset right after asking.
      for (let i = 0; i < 5; i++) {
        const sock = tcpConnect(Number(new URL(url).port), '127.0.0.1')
        sock.on('error', () => {})
        await new Promise<void>((resolve) => sock.once('connect', () => resolve()))
        sock.write(
          'GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        )
        sock.resetAndDestroy()
      }
      expect((await health(url)).status).toBe(200)
      await eventually(() => expect(seen).toEqual(hostile.map((_, i) => `d${i}`)))
      expect((await metal.db().collection('c').get()).size).toBe(hostile.length)
    })
  })
})
