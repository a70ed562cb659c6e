import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { createConnection } from 'node:net'
import { WebSocket } from 'ws'
import { Metal, increment } from '@metal/core'
import { remote } from '@metal/core/remote'
import type { Backend } from '@metal/core/protocol'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import type { SqlDriver, SqlExecutor } from '../sql/driver.js'
import { postgresDriver } from '../sql/postgres.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually, health, killAll, run, start } from './serverProcess.js'

// Operations of a running server: structured logs, /health, /ready and /metrics, and graceful
// shutdown with real clients (a write in flight commits once, on this process or another).

/**
 * The test's database behind switches: `/ready`'s probe can hang or fail, and a commit can be
 * held after its writes, before it commits.
 */
function switched(inner: SqlDriver) {
  const state = {
    probe: 'ok' as 'ok' | 'hang' | 'fail',
    holdCommits: false,
    held: [] as (() => void)[],
  }
  const driver: SqlDriver = {
    kind: inner.kind,
    async query<R>(sql: string, params?: readonly unknown[]) {
      if (sql === 'select 1' && state.probe === 'fail') throw new Error('probe refused')
      if (sql === 'select 1' && state.probe === 'hang') await new Promise(() => {})
      return inner.query<R>(sql, params)
    },
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: readonly unknown[]) {
            const rows = await tx.query<R>(sql, params)
            if (state.holdCommits && sql.includes('insert into metal_changes (seq, project')) {
              await new Promise<void>((resolve) => state.held.push(resolve))
            }
            return rows
          },
        } satisfies SqlExecutor),
      ),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    close: () => inner.close(),
  }
  return { driver, state }
}

/** A WebSocket class that records the close codes its sockets get. */
function recordingWebSocket() {
  const closeCodes: number[] = []
  class Recording extends WebSocket {
    constructor(url: string) {
      super(url)
      this.on('close', (code) => closeCodes.push(code))
    }
  }
  return { WebSocket: Recording, closeCodes }
}

/** `GET url` with headers; status, headers and body text. */
async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** One exposition line: a comment (HELP/TYPE), or a sample `name{labels} value`. */
const HELP = /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/
const TYPE = /^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$/
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*")*)?\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|-Inf|NaN))$/

/** Parses an exposition, failing on any line outside the grammar; samples by `name{labels}`. */
function parseMetrics(text: string): Map<string, number> {
  expect(text.endsWith('\n')).toBe(true)
  const samples = new Map<string, number>()
  const typed = new Set<string>()
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ')) expect(line).toMatch(HELP)
    else if (line.startsWith('# TYPE ')) {
      expect(line).toMatch(TYPE)
      typed.add(line.split(' ')[2]!)
    } else {
      const m = SAMPLE.exec(line)
      expect(m, `not an exposition line: ${line}`).not.toBeNull()
      const base = m![1]!.replace(/_(bucket|sum|count)$/, '')
      expect(typed.has(m![1]!) || typed.has(base), `${m![1]} has no TYPE`).toBe(true)
      samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]!.replace('+Inf', 'Infinity')))
    }
  }
  return samples
}

describe.each(databases)('operations on $name', ({ name, create }) => {
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

  async function serve(options: Omit<ServerOptions, 'port'> = {}) {
    const server = createServer({ driver: db.driver, pollMs: 50, log: false, ...options, port: 0 })
    servers.push(server)
    return { server, ...(await server.listen()) }
  }

  function client(url: string, options: Parameters<typeof connect>[1] = {}): Metal {
    return connect(url, { projectId: `ops${++projects}`, ...options })
  }

  it('logs one JSON object per line with ids, addresses and projects, and never secrets or data', async () => {
    const lines: string[] = []
    const { url } = await serve({ log: (l) => lines.push(l), logLevel: 'debug' })
    const mine = await get(`${url}/health`, { 'x-request-id': 'req-42.a' })
    expect(mine.headers.get('x-request-id')).toBe('req-42.a')
    const insane = await get(`${url}/health`, { 'x-request-id': 'has spaces "and quotes"' })
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/)

    const metal = client(url, { apiKey: 'SECRET-API-KEY' })
    await metal.auth().authenticate({
      type: 'custom',
      token: 'SECRET-TOKEN',
      metadata: { userId: 'u1' },
    })
    await metal.db().collection('notes').doc('n1').set({ text: 'PRIVATE-DOCUMENT-TEXT' })
    // A raw client sends a request the server refuses: its error line names the frame.
    const raw = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
    await new Promise((resolve) => raw.once('open', resolve))
    raw.send(JSON.stringify({ hello: { protocol: 1, projectId: 'raw-project' } }))
    await new Promise((resolve) => raw.once('message', resolve))
    // Its error message would quote the bad input (here, text that could be document data).
    raw.send(
      JSON.stringify({
        id: 7,
        request: { type: 'get', collection: 'PRIVATE-DOCUMENT-TEXT/x', id: 'x' },
      }),
    )
    await new Promise((resolve) => raw.once('message', resolve))
    raw.close()
    metal.close()

    await eventually(() => expect(lines.some((l) => l.includes('"connection closed"'))).toBe(true))
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    for (const line of parsed) {
      expect(new Date(line.time as string).toISOString()).toBe(line.time)
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level)
      expect(typeof line.msg).toBe('string')
    }
    const requests = parsed.filter((l) => l.msg === 'http request')
    expect(requests.map((l) => l.request)).toContain('req-42.a')
    expect(requests.map((l) => l.request)).toContain(insane.headers.get('x-request-id'))
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/health', status: 200 })
    const opened = parsed.filter((l) => l.msg === 'connection open')
    expect(opened).toHaveLength(2)
    expect(opened[0]).toMatchObject({ remote: '127.0.0.1', project: `ops${projects}` })
    expect(opened[1]).toMatchObject({ remote: '127.0.0.1', project: 'raw-project' })
    const failed = parsed.find((l) => l.msg === 'request failed')
    expect(failed).toMatchObject({
      conn: opened[1]!.conn,
      frame: 7,
      project: 'raw-project',
      code: 'invalid-argument',
    })
    expect(opened[0]!.conn).not.toBe(opened[1]!.conn)
    const all = lines.join('\n')
    for (const secret of ['SECRET-API-KEY', 'SECRET-TOKEN', 'PRIVATE-DOCUMENT-TEXT']) {
      expect(all).not.toContain(secret)
    }
  })

  it('logs only lines at or above logLevel, and a refused hello at warn', async () => {
    const lines: string[] = []
    const { url } = await serve({ log: (l) => lines.push(l), logLevel: 'warn' })
    await get(`${url}/health`)
    const raw = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
    const closed = new Promise<number>((resolve) => raw.once('close', resolve))
    await new Promise((resolve) => raw.once('open', resolve))
    raw.send(JSON.stringify({ hello: { protocol: 999, projectId: 'p' } }))
    expect(await closed).toBe(4001)
    await eventually(() => expect(lines.some((l) => l.includes('connection refused'))).toBe(true))
    const levels = lines.map((l) => (JSON.parse(l) as { level: string }).level)
    expect(levels.every((l) => l === 'warn' || l === 'error')).toBe(true)
    expect(levels).toContain('warn')
  })

  it('rejects bad operations options, naming them', () => {
    expect(() => createServer({ logLevel: 'loud' as never })).toThrow(
      /createServer\(\): option 'logLevel' must be one of 'debug', 'info', 'warn', 'error', got 'loud'/,
    )
    expect(() => createServer({ shutdownGraceMs: -1 })).toThrow(/option 'shutdownGraceMs'/)
    expect(() => createServer({ onWrite: { tasks: 'nope' as never } })).toThrow(
      /handler must be a function, got 'nope'/,
    )
    expect(() =>
      createServer({ onWrite: { tasks: { handler: () => {}, maxAttempts: 0 } } }),
    ).toThrow(/option 'maxAttempts' must be an integer from 1 to 100, got 0/)
  })

  it('/health answers while the process runs; /ready only while the database answers', async () => {
    const { driver, state } = switched(db.driver)
    const { url } = await serve({ driver })
    const live = await health(url)
    expect(live.status).toBe(200)
    expect(live.body).toMatchObject({ status: 'ok', database: db.driver.kind, draining: false })
    expect(typeof live.body.epoch).toBe('string')
    expect(typeof live.body.position).toBe('number')

    const ready = await get(`${url}/ready`)
    expect(ready.status).toBe(200)
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready' })

    state.probe = 'fail'
    const failing = await get(`${url}/ready`)
    expect(failing.status).toBe(503)
    expect(JSON.parse(failing.text)).toEqual({
      status: 'unavailable',
      reason: 'the database failed: probe refused',
    })
    state.probe = 'hang'
    const hanging = await get(`${url}/ready`)
    expect(hanging.status).toBe(503)
    expect(JSON.parse(hanging.text)).toMatchObject({
      reason: 'the database did not answer within 2000 ms',
    })
    expect((await health(url)).status).toBe(200)
    state.probe = 'ok'
    expect((await get(`${url}/ready`)).status).toBe(200)
  })

  it('/metrics is Prometheus text whose values move with connections, queries, commits, denials and rate limits', async () => {
    const { url } = await serve({
      rules: {
        documents: {
          'tasks/{id}': { read: () => true, write: () => true },
          'locked/{id}': { read: () => true, write: () => false },
        },
      },
    })
    const before = parseMetrics((await get(`${url}/metrics`)).text)
    expect(before.get('metal_connections')).toBe(0)
    expect(before.get('process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(before.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    expect(before.get('metal_fanout_seconds_bucket{le="+Inf"}')).toBe(
      before.get('metal_fanout_seconds_count'),
    )

    const writer = client(url)
    const reader = connect(url, { projectId: `ops${projects}` })
    const seen: number[] = []
    const stop = reader
      .db()
      .collection('tasks')
      .subscribe((changes) => seen.push(changes.length))
    await eventually(() => expect(seen.length).toBeGreaterThan(0))
    for (let i = 0; i < 3; i++) await writer.db().collection('tasks').doc(`t${i}`).set({ i })
    await eventually(() => expect(seen.reduce((a, b) => a + b, 0)).toBe(3))
    const denied = await writer
      .db()
      .collection('locked')
      .doc('x')
      .set({ no: true })
      .catch((e: unknown) => e)
    expect((denied as { code?: string }).code).toBe('permission-denied')
    // A raw client sends more requests than the rate limit's burst: some are refused.
    const raw = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
    await new Promise((resolve) => raw.once('open', resolve))
    raw.send(JSON.stringify({ hello: { protocol: 1, projectId: 'flood' } }))
    await new Promise((resolve) => raw.once('message', resolve))
    let limited = 0
    raw.on('message', (data: Buffer) => {
      if (data.toString().includes('"retryAfter"')) limited++
    })
    for (let id = 1; id <= 1100; id++) {
      raw.send(JSON.stringify({ id, request: { type: 'presenceHeartbeat' } }))
    }
    await eventually(() => expect(limited).toBeGreaterThan(0))

    const res = await get(`${url}/metrics`)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const after = parseMetrics(res.text)
    expect(after.get('metal_connections')).toBe(3)
    expect(after.get('metal_subscriptions{kind="query"}')).toBe(1)
    expect(after.get('metal_subscriptions{kind="aggregate"}')).toBe(0)
    expect(after.get('metal_commits_total')! - before.get('metal_commits_total')!).toBe(3)
    expect(
      after.get('metal_committed_writes_total')! - before.get('metal_committed_writes_total')!,
    ).toBe(3)
    expect(
      after.get('metal_fanout_seconds_count')! - before.get('metal_fanout_seconds_count')!,
    ).toBe(3)
    expect(after.get('metal_fanout_seconds_sum')).toBeGreaterThanOrEqual(0)
    expect(after.get('metal_fanout_deliveries_total')).toBe(3)
    expect(after.get('metal_rule_denials_total{op="create"}')).toBe(1)
    expect(after.get('metal_rate_limited_total')).toBe(limited)
    expect(after.get('metal_http_requests_total{status="200"}')).toBeGreaterThanOrEqual(1)
    // Buckets are cumulative and end at the count.
    let last = 0
    for (const [key, value] of after) {
      if (!key.startsWith('metal_fanout_seconds_bucket')) continue
      expect(value).toBeGreaterThanOrEqual(last)
      last = value
    }
    expect(last).toBe(after.get('metal_fanout_seconds_count'))
    stop()
    writer.close()
    reader.close()
    raw.close()
    await eventually(async () =>
      expect(parseMetrics((await get(`${url}/metrics`)).text).get('metal_connections')).toBe(0),
    )
  })

  it('close() drains: /ready says 503 and new sockets are refused while a commit finishes, which is acknowledged before the 1012 close', async () => {
    const { driver, state } = switched(db.driver)
    const { server, url } = await serve({ driver })
    const recording = recordingWebSocket()
    const metal = client(url, { WebSocket: recording.WebSocket })
    const counter = metal.db().collection('counters').doc('n')
    await counter.set({ v: 0 })
    state.holdCommits = true
    let acknowledged: number[] | undefined
    const write = counter.update({ v: increment(1) }).then(() => {
      acknowledged = [...recording.closeCodes]
    })
    await eventually(() => expect(state.held).toHaveLength(1))
    const closing = server.close()

    await eventually(async () => {
      const ready = await get(`${url}/ready`)
      expect(ready.status).toBe(503)
      expect(JSON.parse(ready.text)).toEqual({
        status: 'unavailable',
        reason: 'draining: the server is shutting down',
      })
    })
    expect((await health(url)).body).toMatchObject({ status: 'ok', draining: true })
    expect((await get(`${url}/anything`)).status).toBe(503)
    const refused = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
    const refusal = await new Promise<string>((resolve) => {
      refused.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
      refused.once('error', (e) => resolve(e.message))
    })
    expect(refusal).toMatch(/503/)

    state.holdCommits = false
    for (const release of state.held) release()
    await write
    expect(acknowledged).toEqual([]) // acknowledged on its socket, before the close
    await closing
    await eventually(() => expect(recording.closeCodes).toContain(1012))
    const [row] = await db.driver.query<{ data: { v: number } }>(
      `select data from metal_docs where project = $1 and collection = 'counters' and id = 'n'`,
      [`ops${projects}`],
    )
    expect(row!.data).toEqual({ v: 1 })
  })

  it('writes in flight when a server shuts down are replayed to another server on the database, each applied once', async () => {
    // Another server on the same database (on PostgreSQL, with its own connections).
    const shared =
      name === 'PostgreSQL' ? await postgresDriver({ connectionString: db.url! }) : db.driver
    const { driver, state } = switched(shared)
    const a = await serve({ driver, shutdownGraceMs: 300 })
    const b = await serve()
    const target = { url: a.url }
    const recording = recordingWebSocket()
    const backend: Backend = {
      connect: (options) =>
        remote({ url: target.url, WebSocket: recording.WebSocket }).connect(options),
    }
    const projectId = `ops${++projects}`
    const metal = new Metal({
      apiKey: 'key',
      projectId,
      backend,
      auth: { persistence: false },
      watchBrowserNetwork: false,
      sync: { storage: false, retryBaseMs: 10 },
    })
    onTestFinished(() => metal.close())
    const counter = metal.db().collection('counters').doc('n')
    await counter.set({ v: 0 })

    state.holdCommits = true
    const writes = Array.from({ length: 10 }, (_, i) =>
      metal
        .db()
        .batch()
        .update(counter, { v: increment(1) })
        .set(metal.db().collection('log').doc(`w${i}`), { i })
        .commit(),
    )
    await eventually(() => expect(state.held).toHaveLength(1))
    target.url = b.url
    const closing = a.server.close()
    // A's grace runs out with the commit still held: its socket closes (1012), the client
    // reconnects to B and sends every unacknowledged write again.
    await eventually(() => expect(recording.closeCodes).toContain(1012))
    await eventually(() => expect(b.server.connections).toBe(1))
    state.holdCommits = false
    for (const release of state.held) release()
    await Promise.all(writes)
    await closing

    const snap = await counter.get()
    expect(snap.data()).toEqual({ v: 10 })
    expect((await metal.db().collection('log').get()).size).toBe(10)
    const [row] = await db.driver.query<{ data: { v: number } }>(
      `select data from metal_docs where project = $1 and collection = 'counters' and id = 'n'`,
      [projectId],
    )
    expect(row!.data).toEqual({ v: 10 })
    if (shared !== db.driver) await shared.close()
  })
})

describe('metal-server process', () => {
  afterEach(() => killAll())

  it('logs JSON lines on stderr, and on SIGTERM drains and closes its sockets with 1012', async () => {
    const server = await start(['--memory', '--port', '0', '--log-level', 'debug'])
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/socket`)
    const closed = new Promise<number>((resolve) => ws.once('close', resolve))
    await new Promise((resolve) => ws.once('open', resolve))
    ws.send(JSON.stringify({ hello: { protocol: 1, projectId: 'p' } }))
    await new Promise((resolve) => ws.once('message', resolve))
    expect((await fetch(`${server.url}/ready`)).status).toBe(200)
    const exit = await server.stop('SIGTERM')
    expect(await closed).toBe(1012)
    expect(exit).toMatchObject({ code: 0, signal: null })
    const lines = exit.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string })
    const messages = lines.map((l) => l.msg)
    expect(messages).toContain('connection open')
    expect(messages).toContain('draining')
    expect(messages).toContain('stopped')
    expect(messages.some((m) => /^Metal server listening on http/.test(m))).toBe(true)
  })

  it('waits for a request in flight on SIGTERM, and exits at once on a second signal', async () => {
    const server = await start(['--memory', '--port', '0'])
    const socket = async () => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/socket`)
      await new Promise((resolve) => ws.once('open', resolve))
      ws.send(JSON.stringify({ hello: { protocol: 1, projectId: 'p' } }))
      await new Promise((resolve) => ws.once('message', resolve))
      return ws
    }
    await socket()
    // A request in flight: a REST write whose body has not all arrived. (Transactions, which
    // held one before, no longer wait for each other.)
    const { port } = new URL(server.url)
    const slow = createConnection({ host: '127.0.0.1', port: Number(port) })
    await new Promise((resolve) => slow.once('connect', resolve))
    slow.on('error', () => {})
    const continued = new Promise((resolve) => slow.once('data', resolve))
    // Node's server answers `100 Continue` as it hands the request to the handler.
    slow.write(
      'PUT /v1/projects/p/collections/tasks/docs/a?key=k HTTP/1.1\r\nhost: x\r\n' +
        'content-type: application/json\r\ncontent-length: 100\r\nexpect: 100-continue\r\n\r\n',
    )
    expect(String(await continued)).toMatch(/^HTTP\/1.1 100 Continue/)
    slow.write('{"a":')
    server.proc.kill('SIGTERM')
    await eventually(async () => expect((await fetch(`${server.url}/ready`)).status).toBe(503))
    expect(server.proc.exitCode).toBeNull()
    const exit = await server.stop('SIGINT')
    expect(exit.code).toBe(1)
    expect(exit.stderr).toMatch(/SIGINT again: exiting without waiting for the shutdown/)
  })

  it('exits 2 for a bad --log-level, naming it', async () => {
    const exit = await run(['--memory', '--log-level', 'loud'])
    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(/--log-level must be one of debug, info, warn, error, got 'loud'/)
  })
})
