import { createServer as createTcpServer, connect as tcpConnect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { MetalError, increment, type Metal } from '@metal/core'
import { createServer, type MetalServer } from '../server.js'
import { postgresDriver } from '../sql/postgres.js'
import { freshPostgres, type TestDatabase } from './databases.js'
import { connect, eventually, killAll, start, within } from './serverProcess.js'

// PostgreSQL going away under a running server, and a server process killed under its
// clients. A TCP proxy on 127.0.0.1 stands between the server and PostgreSQL; cutting it
// destroys every connection and refuses new ones. While it is cut, requests fail with
// `unavailable` within a bounded time (never `internal`, never a hang); nothing is half-written;
// when it is back the server recovers by itself and live queries see every change made after.

const postgresUrl = process.env.DATABASE_URL

/** A TCP proxy to PostgreSQL that can be cut (connections destroyed, new ones refused). */
async function proxyTo(target: string) {
  const { hostname, port } = new URL(target)
  const sockets = new Set<Socket>()
  const listen = (at: number) =>
    new Promise<ReturnType<typeof createTcpServer>>((resolve, reject) => {
      const server = createTcpServer((client) => {
        const upstream = tcpConnect(Number(port || 5432), hostname)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('error', () => {})
          s.on('close', () => {
            sockets.delete(s)
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      server.once('error', reject)
      server.listen(at, '127.0.0.1', () => resolve(server))
    })
  let server = await listen(0)
  const proxyPort = (server.address() as AddressInfo).port
  let connections = 0
  server.on('connection', () => connections++)
  const proxy = {
    port: proxyPort,
    /** The connection string of `url`'s database through the proxy. */
    url(url: string) {
      const u = new URL(url)
      u.hostname = '127.0.0.1'
      u.port = String(proxyPort)
      return u.toString()
    },
    get connections() {
      return connections
    },
    /** Destroys every connection and stops listening (new connections are refused). */
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      })
    },
    /** Listens again on the same port. */
    async restore() {
      server = await listen(proxyPort)
      server.on('connection', () => connections++)
    },
  }
  onTestFinished(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) =>
      server.listening ? server.close(() => resolve()) : resolve(),
    )
  })
  return proxy
}

/** A raw client socket in `projectId`, sending requests and collecting answers by id. */
async function rawClient(url: string, projectId: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
  type Answer = { id?: number; result?: unknown; error?: { code: string; message: string } }
  const answers = new Map<number, Answer>()
  const waiting = new Map<number, () => void>()
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Answer
    if (typeof frame.id !== 'number') return
    answers.set(frame.id, frame)
    waiting.get(frame.id)?.()
  })
  ws.on('error', () => {})
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  onTestFinished(() => ws.terminate())
  ws.send(JSON.stringify({ hello: { protocol: 1, projectId } }))
  let next = 1
  return {
    /** Sends a request; resolves with its answer. */
    request(request: Record<string, unknown>) {
      const id = next++
      const answered = new Promise<Answer>((resolve) =>
        waiting.set(id, () => resolve(answers.get(id)!)),
      )
      ws.send(JSON.stringify({ id, request }))
      return answered
    },
  }
}

/** A batch of `ids` (each `{ pair }`) as a commit request. */
const pairCommit = (ids: string[], pair: number) => ({
  type: 'commit',
  writes: ids.map((id) => ({ collection: 'pairs', id, op: 'set', data: { pair } })),
  mutationId: `pair-${pair}`,
})

/** Everything a live query reported (`type id`) and its current ids. */
function watch(metal: Metal, collection: string) {
  const seen = { changes: [] as string[], ids: [] as string[] }
  onTestFinished(
    metal
      .db()
      .collection(collection)
      .subscribe((changes, snap) => {
        seen.changes.push(...changes.map((c) => `${c.type} ${c.id}`))
        seen.ids = snap.docs.map((d) => d.id)
      }),
  )
  return seen
}

describe.skipIf(!postgresUrl)('PostgreSQL outages', () => {
  let db: TestDatabase
  let admin: pg.Client
  const servers: MetalServer[] = []
  let projects = 0

  beforeAll(async () => {
    db = await freshPostgres()
    admin = new pg.Client({ connectionString: db.url })
    await admin.connect()
  })
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close()
    killAll()
  })
  afterAll(async () => {
    await admin?.end()
    await db?.drop()
  })

  /** The change log's entries of `project` that touch `collection`, as `id` lists. */
  async function logged(project: string, collection: string): Promise<string[][]> {
    const { rows } = await admin.query<{ changes: { c: string; i: string }[] }>(
      `select changes from metal_changes where project = $1 order by seq`,
      [project],
    )
    return rows
      .map((r) => r.changes.filter((c) => c.c === collection).map((c) => c.i))
      .filter((ids) => ids.length > 0)
  }

  it('fails requests with unavailable while the database is cut, writes nothing half, and recovers by itself', async () => {
    const projectId = `o${++projects}`
    const proxy = await proxyTo(db.url!)
    // A long poll: after the outage, changes must come through the listener made again.
    const server = createServer({
      databaseUrl: proxy.url(db.url!),
      port: 0,
      log: false,
      pollMs: 60_000,
      // The stream of commits goes as fast as the server answers (fast, while it is cut).
      rateLimit: false,
    })
    servers.push(server)
    const { url } = await server.listen()
    const listener = connect(url, { projectId })
    const writer = connect(url, { projectId })
    const raw = await rawClient(url, projectId)
    const items = watch(listener, 'items')
    const pairs = watch(listener, 'pairs')
    await writer.db().collection('items').doc('before').set({ n: 0 })
    await eventually(() => expect(items.ids).toEqual(['before']))

    // Pairs of documents committed together, streamed until the cut and through it.
    const acked: number[] = []
    const refused: number[] = []
    const codes = new Set<string>()
    let streaming = true
    const stream = (async () => {
      for (let pair = 0; streaming && pair < 10_000; pair++) {
        const answer = await raw.request(pairCommit([`a${pair}`, `b${pair}`], pair))
        if (answer.error) {
          codes.add(answer.error.code)
          refused.push(pair)
        } else acked.push(pair)
      }
    })()
    await eventually(() => expect(acked.length).toBeGreaterThan(20))

    await proxy.cut()
    // Requests fail fast and say why; the server's own connections are gone.
    const t0 = Date.now()
    const read = await within(
      raw.request({ type: 'get', collection: 'items', id: 'before' }),
      15_000,
      'a get while cut',
    )
    expect(read.error?.code).toBe('unavailable')
    const write = await within(
      raw.request({
        type: 'commit',
        writes: [
          { collection: 'items', id: 'cut1', op: 'set', data: { n: 1 } },
          { collection: 'items', id: 'cut2', op: 'set', data: { n: 2 } },
        ],
      }),
      15_000,
      'a commit while cut',
    )
    expect(write.error?.code).toBe('unavailable')
    expect(write.error?.message).toMatch(/database is unavailable/)
    const query = await within(
      raw.request({ type: 'query', query: { collection: 'items', orderBy: [] } }),
      15_000,
      'a query while cut',
    )
    expect(query.error?.code).toBe('unavailable')
    // A real client's write made during the outage is retried until it is applied, once. (The
    // listener makes it: its live queries' listens prove the server healthy again, which
    // un-stalls writes that gave up; a client with no live query would wait for `retry()`.)
    const counter = listener.db().collection('items').doc('counter')
    const queued = counter.set({ n: increment(1) }, { merge: true }).catch((e: unknown) => e)
    await eventually(() => expect(refused.length).toBeGreaterThan(3))
    // The outage lasts a few seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3000 - (Date.now() - t0))))
    streaming = false
    await stream
    // Each commit the cut refused said why: the database is unavailable.
    expect([...codes]).toEqual(['unavailable'])

    await proxy.restore()
    // No restart: the server makes new connections by itself.
    await eventually(async () => {
      const again = await raw.request({ type: 'get', collection: 'items', id: 'before' })
      expect(again.error).toBeUndefined()
    }, 20_000)
    await writer.db().collection('items').doc('after').set({ n: 3 })
    await queued
    await eventually(() => expect(items.ids).toEqual(['after', 'before', 'counter']), 20_000)
    expect((await writer.db().collection('items').doc('counter').get()).data()).toEqual({ n: 1 })

    // Nothing half-written: the refused commit left nothing, each pair is whole or absent, and
    // every acknowledged pair is stored and was seen once.
    const { rows } = await admin.query<{ id: string; pair: number }>(
      `select id, (data->>'pair')::int as pair from metal_docs where project = $1 and collection = 'pairs'`,
      [projectId],
    )
    const stored = new Map<number, string[]>()
    for (const r of rows) stored.set(r.pair, [...(stored.get(r.pair) ?? []), r.id].sort())
    for (const [pair, ids] of stored) expect(ids).toEqual([`a${pair}`, `b${pair}`])
    for (const pair of acked) expect(stored.has(pair)).toBe(true)
    expect((await logged(projectId, 'items')).flat()).not.toContain('cut1')
    for (const ids of await logged(projectId, 'pairs')) expect(ids.length).toBe(2)
    expect((await logged(projectId, 'pairs')).length).toBe(stored.size)
    await eventually(() => expect(pairs.ids.length).toBe(stored.size * 2))
    expect(pairs.changes.length).toBe(new Set(pairs.changes).size)
    expect(refused.length).toBeGreaterThan(0)

    // Later writes still reach the live query: the change feed listens again.
    for (let i = 0; i < 5; i++) await writer.db().collection('items').doc(`later${i}`).set({ i })
    await eventually(() => expect(items.ids).toContain('later4'), 20_000)
    expect(proxy.connections).toBeGreaterThan(2)
  })

  it('a driver opened while the database is away fails with unavailable, and one with bad options names the field', async () => {
    const proxy = await proxyTo(db.url!)
    await proxy.cut()
    const error = await postgresDriver({ connectionString: proxy.url(db.url!) }).catch(
      (e: unknown) => e,
    )
    expect(MetalError.is(error, 'unavailable'), String(error)).toBe(true)
    for (const [options, message] of [
      [{ connectionString: 'mysql://x' }, /'connectionString' must be a postgres:\/\/ URL/],
      [{ connectionString: db.url!, poolSize: 0 }, /'poolSize' must be a positive integer, got 0/],
      [{ connectionString: db.url!, connectTimeoutMs: -1 }, /'connectTimeoutMs' .* got -1/],
    ] as const) {
      const refused = await postgresDriver(options).catch((e: unknown) => e)
      expect(MetalError.is(refused, 'invalid-argument')).toBe(true)
      expect((refused as Error).message).toMatch(/^postgresDriver\(\): /)
      expect((refused as Error).message).toMatch(message)
    }
  })

  it('presence first used while the database is cut reaches the other process once it is back', async () => {
    const projectId = `o${++projects}`
    const proxy = await proxyTo(db.url!)
    const cutOff = createServer({ databaseUrl: proxy.url(db.url!), port: 0, log: false })
    const direct = createServer({ databaseUrl: db.url!, port: 0, log: false })
    servers.push(cutOff, direct)
    const [a, b] = [await cutOff.listen(), await direct.listen()]
    const watcher = connect(b.url, { projectId })
    let members: string[] = []
    onTestFinished(
      watcher.presence('lobby').subscribe((list) => (members = list.map((m) => m.userId).sort())),
    )
    await proxy.cut()
    // The project's first presence on the cut-off server: its relay starts without a database.
    const early = connect(a.url, { projectId })
    early.presence('lobby').track({ userId: 'early', status: 'online' })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await proxy.restore()
    const late = connect(a.url, { projectId })
    late.presence('lobby').track({ userId: 'late', status: 'online' })
    // The relay made during the cut listens once the database is back. (What 'early' announced
    // during the cut was lost with its notification: relays do not announce again after their
    // listener missed some.)
    await eventually(() => expect(members).toContain('late'), 20_000)
  })

  it('a server killed mid-stream: after its restart the listener has each acknowledged write once and queued ones apply once', async () => {
    const projectId = `o${++projects}`
    const env = { DATABASE_URL: db.url! }
    const first = await start(['--port', '0'], env)
    const port = new URL(first.url).port
    const listener = connect(first.url, { projectId })
    const writer = connect(first.url, { projectId })
    const stream = watch(listener, 'stream')
    // The writer shows what it writes: its live query's listen after the restart proves the
    // server healthy again, which un-stalls writes that gave up while it was down.
    watch(writer, 'stream')
    const counter = writer.db().collection('counters').doc('n')
    await counter.set({ n: 0 })

    // Each write: a document and an increment of the counter, in one batch.
    const acked: number[] = []
    const settled: Promise<unknown>[] = []
    const TOTAL = 60
    let kill = (): void => {}
    const killed = new Promise<void>((resolve) => (kill = resolve))
    const streaming = (async () => {
      for (let i = 0; i < TOTAL; i++) {
        const batch = writer.db().batch()
        batch.set(
          writer
            .db()
            .collection('stream')
            .doc(`w${String(i).padStart(2, '0')}`),
          { i },
        )
        batch.update(counter, { n: increment(1) })
        const done = batch.commit().then(() => acked.push(i))
        settled.push(done.catch(() => {}))
        // Until the kill each write waits for its answer; from then on they queue.
        await Promise.race([done.catch(() => {}), killed])
      }
    })()
    await eventually(() => expect(acked.length).toBeGreaterThan(15))
    const exit = first.stop('SIGKILL')
    kill()
    expect((await exit).signal).toBe('SIGKILL')
    const ackedAtKill = [...acked]
    await streaming
    expect(writer.sync({ collection: 'stream' }).pending).toBeGreaterThan(0)
    await start(['--port', port], env)
    await eventually(() => expect(writer.sync({ collection: 'stream' }).pending).toBe(0), 20_000)
    await Promise.all(settled)

    const stored = (await writer.db().collection('stream').get()).docs.map((d) => d.id)
    expect(stored).toHaveLength(TOTAL)
    expect((await counter.get()).data()).toEqual({ n: TOTAL })
    await eventually(() => expect(stream.ids).toEqual(stored), 10_000)
    // Every write, acknowledged before the kill or queued through it, was seen once.
    const added = stream.changes.filter((c) => c.startsWith('added')).sort()
    expect(added).toEqual(stored.map((id) => `added ${id}`))
    expect(stream.changes).toHaveLength(TOTAL)
    for (const i of ackedAtKill) expect(stored).toContain(`w${String(i).padStart(2, '0')}`)
  })
})
