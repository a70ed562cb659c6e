import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import type { SqlDriver } from '../sql/driver.js'
import { postgresDriver } from '../sql/postgres.js'
import type { TriggerChange } from '../triggers.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually, killAll, start } from './serverProcess.js'

// Server-side triggers (`onWrite`): trusted code run after commits from the change log. A job
// runner reports progress live; a throwing handler is retried, then skipped; a restart resumes
// at the stored position; two servers on one database run each change once.

describe.each(databases)('triggers on $name', ({ name, create }) => {
  let db: TestDatabase
  let servers: MetalServer[] = []
  const drivers: SqlDriver[] = []
  let projects = 0

  beforeAll(async () => {
    db = await create()
  })
  afterEach(async () => {
    for (const s of servers) await s.close()
    servers = []
  })
  afterAll(async () => {
    for (const d of drivers) await d.close()
    await db?.drop()
  })

  /** A server on the test's database; `lines` gets its log lines (JSON). */
  async function serve(options: Omit<ServerOptions, 'port' | 'log'> = {}) {
    const lines: Record<string, unknown>[] = []
    const server = createServer({
      driver: db.driver,
      pollMs: 50,
      ...options,
      port: 0,
      log: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
    })
    servers.push(server)
    const { url } = await server.listen()
    return { server, url, lines }
  }

  /** A second database handle: on PostgreSQL its own connections, as another process has. */
  async function otherDriver(): Promise<SqlDriver> {
    if (name !== 'PostgreSQL') return db.driver
    const driver = await postgresDriver({ connectionString: db.url! })
    drivers.push(driver)
    return driver
  }

  const elected = (lines: Record<string, unknown>[], trigger: string) =>
    eventually(() =>
      expect(lines.some((l) => l.msg === 'trigger elected' && l.trigger === trigger)).toBe(true),
    )

  it('runs a job and reports its progress live: a listening client sees each step (the client may not write progress, the trigger may)', async () => {
    const projectId = `tr${++projects}`
    const { url, lines } = await serve({
      rules: {
        documents: {
          'jobs/{id}': {
            read: () => true,
            create: (ctx) => ctx.newDoc?.status === 'queued' && ctx.newDoc?.progress === 0,
            update: () => false,
          },
        },
      },
      onWrite: {
        jobs: async ({ after, id, metal, projectId: project }: TriggerChange) => {
          expect(project).toBe(projectId)
          if (after?.status !== 'queued') return
          const job = metal.db().collection('jobs').doc(id)
          await job.update({ status: 'running' })
          for (const progress of [25, 50, 75, 100]) await job.update({ progress })
          await job.update({ status: 'done' })
        },
      },
    })
    await elected(lines, 'jobs')
    const metal = connect(url, { projectId })
    const seen: [string, number][] = []
    const job = metal.db().collection('jobs').doc('j1')
    const stop = job.subscribe((changes) => {
      for (const c of changes) {
        if (c.type !== 'removed')
          seen.push([c.doc.data().status as string, c.doc.data().progress as number])
      }
    })
    await job.set({ status: 'queued', progress: 0 })
    await eventually(() => expect(seen.at(-1)).toEqual(['done', 100]))
    stop()
    const progress = seen.map(([, p]) => p)
    expect(progress[0]).toBe(0)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(new Set(progress).size).toBeGreaterThanOrEqual(3) // seen live, not only the end
    // The client itself may not write progress.
    const refused = await job.update({ progress: 0 }).catch((e: unknown) => e)
    expect(MetalError.is(refused, 'permission-denied')).toBe(true)
  })

  it('retries a throwing handler with backoff, then logs the change and moves on', async () => {
    const projectId = `tr${++projects}`
    const attempts = new Map<string, number>()
    const { server, url, lines } = await serve()
    server.onWrite(
      'flaky',
      ({ id }) => {
        const n = (attempts.get(id) ?? 0) + 1
        attempts.set(id, n)
        if (id === 'always' || (id === 'twice' && n <= 2)) throw new Error(`attempt ${n} failed`)
      },
      { maxAttempts: 3, backoffMs: 5 },
    )
    await elected(lines, 'flaky')
    const metal = connect(url, { projectId })
    const flaky = metal.db().collection('flaky')
    await flaky.doc('twice').set({ n: 1 })
    await flaky.doc('always').set({ n: 1 })
    await flaky.doc('after').set({ n: 1 })
    await eventually(() => expect(attempts.get('after')).toBe(1))
    expect(Object.fromEntries(attempts)).toEqual({ twice: 3, always: 3, after: 1 })
    const gaveUp = lines.filter((l) => l.msg === 'trigger gave up on a change')
    expect(gaveUp).toHaveLength(1)
    expect(gaveUp[0]).toMatchObject({
      level: 'error',
      trigger: 'flaky',
      project: projectId,
      collection: 'flaky',
      id: 'always',
      attempts: 3,
      error: { message: 'attempt 3 failed' },
    })
    const retried = lines.filter((l) => l.msg === 'trigger failed; retrying')
    expect(retried.map((l) => [l.id, l.attempt])).toEqual([
      ['twice', 1],
      ['twice', 2],
      ['always', 1],
      ['always', 2],
    ])
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toMatch(/^metal_trigger_runs_total 7$/m)
    expect(metrics).toMatch(/^metal_trigger_failures_total 5$/m)
    expect(metrics).toMatch(/^metal_trigger_gave_up_total 1$/m)
  })

  it('resumes after a restart where it stopped: changes made while it was down run once, earlier ones never again', async () => {
    const projectId = `tr${++projects}`
    const runs: string[] = []
    const trigger = (tag: string) => ({
      handler: ({ id, after }: TriggerChange) => {
        runs.push(`${tag} ${id} ${after ? 'written' : 'deleted'}`)
      },
      name: `resume-${name}`,
    })
    const first = await serve({ onWrite: { notes: trigger('first') } })
    await elected(first.lines, `resume-${name}`)
    const writer = connect(first.url, { projectId })
    const notes = writer.db().collection('notes')
    await notes.doc('n1').set({ v: 1 })
    await notes.doc('n2').set({ v: 1 })
    await eventually(() => expect(runs).toEqual(['first n1 written', 'first n2 written']))
    writer.close()
    await first.server.close()

    // Down: a server without the trigger takes writes.
    const plain = await serve()
    const other = connect(plain.url, { projectId })
    await other.db().collection('notes').doc('n3').set({ v: 1 })
    await other.db().collection('notes').doc('n1').delete()
    await other.db().collection('elsewhere').doc('x').set({ v: 1 })

    const second = await serve({ onWrite: { notes: trigger('second') } })
    await eventually(() =>
      expect(runs).toEqual([
        'first n1 written',
        'first n2 written',
        'second n3 written',
        'second n1 deleted',
      ]),
    )
    await connect(second.url, { projectId }).db().collection('notes').doc('n4').set({ v: 1 })
    await eventually(() => expect(runs.at(-1)).toBe('second n4 written'))
    expect(runs).toHaveLength(5)
  })

  it('runs each change once with two servers on one database, and the other takes over when one stops', async () => {
    const projectId = `tr${++projects}`
    const runs: string[] = []
    const name2 = `pair-${name}`
    const on = (tag: string) => ({
      handler: ({ id }: TriggerChange) => {
        runs.push(`${tag} ${id}`)
      },
      name: name2,
    })
    const a = await serve({ onWrite: { items: on('a') } })
    const b = await serve({ driver: await otherDriver(), onWrite: { items: on('b') } })
    const lines = () => [...a.lines, ...b.lines]
    await eventually(() =>
      expect(
        lines().filter((l) => l.msg === 'trigger elected' && l.trigger === name2),
      ).toHaveLength(1),
    )
    const onA = connect(a.url, { projectId })
    const onB = connect(b.url, { projectId })
    const writes = []
    for (let i = 0; i < 20; i++) {
      const via = i % 2 === 0 ? onA : onB
      writes.push(via.db().collection('items').doc(`i${i}`).set({ i }))
    }
    await Promise.all(writes)
    await eventually(() => expect(runs).toHaveLength(20))
    const ids = runs.map((r) => r.split(' ')[1])
    expect(new Set(ids).size).toBe(20)
    const runner = runs[0]!.split(' ')[0]!
    expect(runs.every((r) => r.startsWith(`${runner} `))).toBe(true)

    // The runner stops (giving up its lease); the other is elected and carries on from there.
    const [stopping, staying, client] = runner === 'a' ? [a, b, onB] : [b, a, onA]
    await stopping.server.close()
    await eventually(() =>
      expect(staying.lines.some((l) => l.msg === 'trigger elected' && l.trigger === name2)).toBe(
        true,
      ),
    )
    await client.db().collection('items').doc('late').set({ i: 99 })
    await eventually(() => expect(runs).toHaveLength(21))
    const next = runner === 'a' ? 'b' : 'a'
    expect(runs.at(-1)).toBe(`${next} late`)
    // Changes run in order: once a later one has run, nothing before it runs again.
    await client.db().collection('items').doc('marker').set({ i: 100 })
    await eventually(() => expect(runs.at(-1)).toBe(`${next} marker`))
    expect(runs).toHaveLength(22)
  })

  it('takes over a trigger whose runner died with its lease, once the lease runs out, from the stored position', async () => {
    const projectId = `tr${++projects}`
    const trigger = `ghost-${name}`
    const { server, url, lines } = await serve()
    const writer = connect(url, { projectId })
    await writer.db().collection('orders').doc('before').set({ n: 0 })
    // A process that ran the trigger up to here died: its lease (1 s more) is still in the row.
    const [top] = await db.driver.query<{ position: number }>(
      `select coalesce(max(seq), 0)::int as position from metal_changes`,
    )
    await db.driver.query(
      `insert into metal_triggers (name, collection, seq, item, owner, lease_until)
       values ($1, 'orders', $2, 2147483647, 'dead-process', clock_timestamp() + interval '1 second')`,
      [trigger, top!.position],
    )
    await writer.db().collection('orders').doc('while-dead').set({ n: 1 })
    const runs: string[] = []
    server.onWrite('orders', ({ id }) => void runs.push(id), { name: trigger })
    await elected(lines, trigger)
    await writer.db().collection('orders').doc('after').set({ n: 2 })
    await eventually(() => expect(runs).toEqual(['while-dead', 'after']))
    const [row] = await db.driver.query<{ owner: string; expired: boolean }>(
      `select owner, lease_until < clock_timestamp() as expired from metal_triggers where name = $1`,
      [trigger],
    )
    expect(row!.owner).not.toBe('dead-process')
    expect(row!.expired).toBe(false)
  })

  it('rejects bad onWrite() arguments and a second trigger of the same name, naming them', async () => {
    const { server } = await serve()
    expect(() => server.onWrite('', () => {})).toThrow(/^onWrite\(\): collection path/)
    expect(() => server.onWrite('a/b', () => {})).toThrow(/onWrite\(\): .*'a\/b'/)
    expect(() => server.onWrite('tasks', 5 as never)).toThrow(
      'onWrite(): handler must be a function, got 5',
    )
    expect(() => server.onWrite('tasks', () => {}, { backoffMs: -1 })).toThrow(
      /option 'backoffMs' must be a number of ms, 0 or more, got -1/,
    )
    expect(() => server.onWrite('tasks', () => {}, { bogus: 1 } as never)).toThrow(
      /unknown option 'bogus'/,
    )
    const remove = server.onWrite('tasks', () => {})
    expect(() => server.onWrite('tasks', () => {})).toThrow(
      /a trigger named 'tasks' is already registered/,
    )
    expect(() => server.onWrite('tasks', () => {}, { name: 'tasks-2' })).not.toThrow()
    await remove()
    expect(() => server.onWrite('tasks', () => {})).not.toThrow()
  })
})

describe('metal-server --config with triggers', () => {
  afterEach(() => killAll())

  it("runs the configuration file's onWrite triggers", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'metal-triggers-'))
    try {
      const file = join(dir, 'metal.config.mjs')
      await writeFile(
        file,
        `export default {
          onWrite: {
            jobs: async ({ after, id, metal }) => {
              if (after?.status === 'queued') {
                await metal.db().collection('jobs').doc(id).update({ status: 'done', by: 'trigger' })
              }
            },
          },
        }\n`,
      )
      const server = await start(['--memory', '--port', '0', '--config', file])
      const metal = connect(server.url, { projectId: 'cfg' })
      const job = metal.db().collection('jobs').doc('j1')
      await job.set({ status: 'queued' })
      await eventually(async () =>
        expect((await job.get()).data()).toEqual({ status: 'done', by: 'trigger' }),
      )
      expect((await server.stop()).code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
