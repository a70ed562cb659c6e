import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { increment } from '@metal/core'
import { pgliteDriver } from '../sql/pglite.js'
import { indexName } from '../sql/indexes.js'
import { databases, type TestDatabase } from './databases.js'
import {
  connect,
  eventually,
  health,
  killAll,
  launch,
  run,
  start,
  within,
} from './serverProcess.js'

// The `metal-server` command as a user meets it: the published bin in a child process, its
// help and argument errors, the development-mode notice, /health, signals, a data folder that
// survives restarts, PostgreSQL through DATABASE_URL, and the `index` command.

const postgres = databases.find((d) => d.name === 'PostgreSQL')
const folders: string[] = []

afterEach(() => killAll())
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'metal-cli-'))
  folders.push(dir)
  return dir
}

/** A raw socket to a server, welcomed in project `p`, then paused: it reads nothing more. */
async function stalledSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
  ws.on('error', () => {})
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  ws.send(JSON.stringify({ hello: { protocol: 1, projectId: 'p' } }))
  await new Promise<void>((resolve) => ws.once('message', () => resolve()))
  ws.pause()
  return ws
}

describe('metal-server arguments', () => {
  it('prints its usage for --help and -h and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const exit = await run([flag])
      expect(exit.code).toBe(0)
      expect(exit.stdout).toContain('Usage:')
      expect(exit.stdout).toContain('metal-server index <collection>')
      expect(exit.stdout).toContain('DATABASE_URL')
      expect(exit.stderr).toBe('')
    }
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port'], /--port/],
    [['--port', 'abc'], /--port must be a number from 0 to 65535, got 'abc'/],
    [['--port', '70000'], /--port must be a number from 0 to 65535, got '70000'/],
    [['--port', '-1'], /--port/],
    [['--memory', '--data', 'x'], /give --data or --memory, not both/],
    [['serve'], /unknown command 'serve'/],
    [['index'], /give a collection and comma-separated fields/],
    [['index', 'tasks'], /give a collection and comma-separated fields/],
    [['index', 'tasks', 'a', 'b'], /give a collection and comma-separated fields/],
    // `--data "$DIR"` with DIR unset: not a silent fallback to memory.
    [['--data', ''], /--data needs a value, got an empty string/],
    [['--host', ''], /--host needs a value, got an empty string/],
  ])('exits 2 for %j, naming the problem', async (args, message) => {
    const exit = await run(args)
    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(message)
    expect(exit.stdout).toBe('')
  })

  it.each([[['--memory']], [['--data', 'somewhere']], [['index', 'tasks', 'a', '--memory']]])(
    'exits 2 for %j with DATABASE_URL set: it would not store where it was asked to',
    async (args) => {
      // Nothing listens on port 1: the command must refuse before it connects anywhere.
      const exit = await run(args, { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' })
      expect(exit.code).toBe(2)
      expect(exit.stderr).toMatch(/DATABASE_URL/)
      expect(exit.stderr).toMatch(/--data|--memory/)
    },
  )

  it.each([
    [[], { PORT: 'abc' }, /\$PORT must be a number from 0 to 65535, got 'abc'/],
    [
      ['--port', '0'],
      { DATABASE_URL: 'mysql://u@127.0.0.1/db' },
      /DATABASE_URL must be a postgres/,
    ],
  ])('exits 2 for %j with the environment %j, naming the problem', async (args, env, message) => {
    const exit = await run(args, env)
    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(message)
  })

  it('exits 1 at once, naming the address, when the port is taken', async () => {
    const blocker = createNetServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()))
    const { port } = blocker.address() as AddressInfo
    try {
      const exit = await run(['--memory', '--port', String(port)], {}, 20_000)
      expect(exit.code).toBe(1)
      expect(exit.stderr).toContain(`127.0.0.1:${port}`)
      expect(exit.stderr).toMatch(/in use/)
    } finally {
      blocker.close()
    }
  })
})

describe('metal-server --memory', () => {
  it('starts loudly in development mode, prints its URL, answers /health, stops on SIGTERM', async () => {
    const server = await start(['--memory', '--port', '0'])
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.url).not.toMatch(/:0$/)
    const err = server.stderr()
    expect(err).toMatch(/DEVELOPMENT mode/)
    expect(err).toMatch(/Do not expose it/)
    expect(err).toMatch(/pglite, in memory/)
    const { status, body } = await health(server.url)
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', database: 'pglite', connections: 0 })
    expect(typeof body.epoch).toBe('string')
    const missing = await fetch(`${server.url}/nothing-here`)
    expect(missing.status).toBe(404)
    await missing.body?.cancel()

    const metal = connect(server.url)
    await metal.db().collection('c').doc('a').set({ n: 1 })
    expect((await health(server.url)).body).toMatchObject({ connections: 1, position: 1 })
    const exit = await server.stop('SIGTERM')
    expect(exit).toMatchObject({ code: 0, signal: null })
    expect(exit.stderr).not.toMatch(/Error|at .*\.js:\d+/)
  })

  it('stops promptly on SIGINT even when a client has stopped reading', async () => {
    const server = await start(['--memory', '--port', '0'])
    const stalled = await stalledSocket(server.url)
    const live = connect(server.url)
    await live.db().collection('c').doc('a').set({ n: 1 })
    const began = Date.now()
    const exit = await server.stop('SIGINT')
    expect(exit.code).toBe(0)
    // A close handshake the stalled client never answers must not hold the process for long.
    expect(Date.now() - began).toBeLessThan(5000)
    stalled.terminate()
  })
})

describe('metal-server --data', () => {
  it('keeps documents, and its epoch, across restarts on the same folder', async () => {
    const dir = join(await folder(), 'data')
    const first = await start(['--data', dir, '--port', '0'])
    expect(first.stderr()).toContain(`pglite in ${dir}`)
    const epoch = (await health(first.url)).body.epoch
    const writer = connect(first.url, { projectId: 'keep' })
    const tasks = writer.db().collection('tasks')
    await tasks.doc('t1').set({ title: 'Ship it', done: false, n: 1 })
    const added = await tasks.add({ title: 'Test it', done: true, n: 1 })
    await tasks.doc('t1').update({ n: increment(2) })
    await tasks.doc('gone').set({ n: 0 })
    await tasks.doc('gone').delete()
    writer.close()
    expect((await first.stop()).code).toBe(0)

    const second = await start(['--data', dir, '--port', '0'])
    expect((await health(second.url)).body.epoch).toBe(epoch)
    const reader = connect(second.url, { projectId: 'keep' })
    const snap = await reader.db().collection('tasks').orderBy('title').get()
    expect(snap.docs.map((d) => [d.id, d.data()])).toEqual([
      ['t1', { title: 'Ship it', done: false, n: 3 }],
      [added.id, { title: 'Test it', done: true, n: 1 }],
    ])
    // Another project on the same server sees none of it.
    const other = connect(second.url, { projectId: 'other' })
    expect((await other.db().collection('tasks').get()).size).toBe(0)
    expect((await second.stop()).code).toBe(0)
  })

  it('stops cleanly on SIGTERM while it is still opening its folder, which then opens again', async () => {
    const dir = join(await folder(), 'data')
    const child = launch(['--data', dir, '--port', '0'])
    // PGlite creates the folder as it starts opening it: the command is running by then.
    await eventually(() => expect(existsSync(dir)).toBe(true), 20_000)
    expect(child.stderr()).not.toMatch(/listening/)
    child.proc.kill('SIGTERM')
    const exit = await within(child.exited, 20_000, 'exit on SIGTERM while starting')
    expect(exit).toMatchObject({ code: 0, signal: null })
    const again = await start(['--data', dir, '--port', '0'])
    const metal = connect(again.url)
    await metal.db().collection('c').doc('a').set({ ok: true })
    expect((await again.stop()).code).toBe(0)
  })

  it('index: creates the index in the folder, and names bad input', async () => {
    const dir = join(await folder(), 'data')
    const ok = await run(['index', 'tasks', 'status,dueDate', '--data', dir])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain(indexName('tasks', ['status', 'dueDate']))
    const again = await run(['index', 'tasks', 'status,dueDate', '--data', dir])
    expect(again.code).toBe(0)
    for (const [args, message] of [
      [['index', 'tasks', 'a,,b'], /field path must not be empty/],
      [['index', 'tasks/t1', 'a'], /collection path 'tasks\/t1'/],
      [['index', 'tasks', 'a,a'], /'a'.*listed twice/],
    ] as const) {
      const bad = await run([...args, '--data', dir])
      expect(bad.code).not.toBe(0)
      expect(bad.stderr).toMatch(message)
      expect(bad.stderr).toMatch(/^metal-server index: /)
    }
    const db = await pgliteDriver(dir)
    try {
      const rows = await db.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where indexname like 'metal_idx_%'`,
      )
      expect(rows).toHaveLength(1)
      expect(rows[0]!.indexdef).toContain(`'{status}'`)
      expect(rows[0]!.indexdef).toContain(`'{dueDate}'`)
      expect(rows[0]!.indexdef).toContain(`'tasks'`)
    } finally {
      await db.close()
    }
  }, 90_000) // two metal-server processes boot PGlite (3–10 s each on a loaded machine)
})

describe.skipIf(!postgres)('metal-server with DATABASE_URL', () => {
  let db: TestDatabase
  afterAll(async () => {
    await db?.drop()
  })

  it('stores in PostgreSQL and says so', async () => {
    db = await postgres!.create()
    const server = await start(['--port', '0'], { DATABASE_URL: db.url! })
    expect(server.stderr()).toMatch(/listening on http:\/\/\S+ \(postgres\)/)
    expect((await health(server.url)).body).toMatchObject({ status: 'ok', database: 'postgres' })
    const metal = connect(server.url, { projectId: 'pg' })
    await metal.db().collection('tasks').doc('t1').set({ title: 'in PostgreSQL' })
    const rows = await db.driver.query<{ data: unknown }>(
      `select data from metal_docs where project = 'pg' and collection = 'tasks' and id = 't1'`,
    )
    expect(rows).toEqual([{ data: { title: 'in PostgreSQL' } }])
    const stopped = await within(server.stop(), 15_000, 'stop')
    expect(stopped.code).toBe(0)
  })

  it('index: creates the index in PostgreSQL (pg_indexes), and names bad input', async () => {
    db ??= await postgres!.create()
    const env = { DATABASE_URL: db.url! }
    const ok = await run(['index', 'tasks', 'status,meta.due'], env)
    expect(ok.code).toBe(0)
    const name = indexName('tasks', ['status', 'meta.due'])
    const rows = await db.driver.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where tablename = 'metal_docs' and indexname = $1`,
      [name],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.indexdef).toContain(`'{meta,due}'`)
    const bad = await run(['index', 'tasks', 'a,,b'], env)
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/field path must not be empty/)
    const all = await db.driver.query<{ n: number }>(
      `select count(*)::int as n from pg_indexes where indexname like 'metal_idx_%'`,
    )
    expect(all).toEqual([{ n: 1 }])
  })
})
