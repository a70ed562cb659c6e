import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { exportData, importData } from '../backup.js'
import { createServer, type MetalServer } from '../server.js'
import type { SqlDriver } from '../sql/driver.js'
import { pgliteDriver } from '../sql/pglite.js'
import { migrate } from '../sql/schema.js'
import { databases, freshPostgres, type TestDatabase } from './databases.js'
import { connect, eventually, killAll, run } from './serverProcess.js'

// Backup and restore: `metal-server export` / `import` and the functions behind them. A round
// trip between PGlite and PostgreSQL keeps every document; an export taken while writes go on
// is one snapshot; bad files are refused whole, naming the file and the line.

const postgres = databases.find((d) => d.name === 'PostgreSQL')
const folders: string[] = []
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  killAll()
  for (const clean of cleanups.splice(0).reverse()) await clean()
})
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'metal-backup-'))
  folders.push(dir)
  return dir
}

/** Every document of a database, as rows to compare. */
async function dump(db: SqlDriver) {
  const rows = await db.query<{
    project: string
    collection: string
    id: string
    data: unknown
    update_time: number | string
  }>(
    `select project, collection, id, data, update_time from metal_docs
      order by project collate "C", collection collate "C", id collate "C"`,
  )
  return rows.map((r) => ({ ...r, update_time: Number(r.update_time) }))
}

/** The documents a test writes: several projects, a subcollection, awkward ids and values. */
async function populate(url: string) {
  const acme = connect(url, { projectId: 'acme' })
  const tasks = acme.db().collection('tasks')
  await tasks.doc('t1').set({ title: 'Ship it', done: false, tags: ['a', 'b'], meta: { n: 1.5 } })
  await tasks.doc('id with spaces & ünïcode ✓').set({ title: null, big: 2 ** 52, neg: -0.25 })
  await tasks.doc('t2').set({ nested: { deep: { list: [{ x: 1 }, 'two', true, null] } } })
  await acme.db().collection('users/u1/notes').doc('n1').set({ text: 'a subcollection' })
  await acme.db().collection('users').doc('u1').set({ name: 'Ann' })
  const other = connect(url, { projectId: 'other-project' })
  await other.db().collection('tasks').doc('t1').set({ title: 'another project' })
  acme.close()
  other.close()
}

describe('export and import', () => {
  it.skipIf(!postgres)(
    'round-trips PGlite → PostgreSQL → PGlite with metal-server export/import; a running server sees the import',
    async () => {
      // PGlite in a folder, written through a server.
      const dataDir = join(await folder(), 'data')
      const first = createServer({ dataDir, port: 0, log: false })
      await populate((await first.listen()).url)
      await first.close()

      const out = join(await folder(), 'export')
      const exported = await run(['export', out, '--data', dataDir])
      expect(exported.stderr).toBe('')
      expect(exported.code).toBe(0)
      expect(exported.stdout).toMatch(/exported 6 documents in 4 collections of 2 projects/)
      expect((await readdir(join(out, 'acme'))).sort()).toEqual([
        'tasks.ndjson',
        'users',
        'users.ndjson',
      ])
      const notes = await readFile(join(out, 'acme', 'users', 'u1', 'notes.ndjson'), 'utf8')
      const line = JSON.parse(notes.trim()) as { id: string; data: unknown; updateTime: number }
      expect(line).toEqual({
        id: 'n1',
        data: { text: 'a subcollection' },
        updateTime: expect.any(Number) as number,
      })
      const manifest = JSON.parse(await readFile(join(out, 'metal-export.json'), 'utf8')) as {
        projects: unknown
      }
      expect(manifest.projects).toEqual({
        acme: { tasks: 3, users: 1, 'users/u1/notes': 1 },
        'other-project': { tasks: 1 },
      })

      // Into PostgreSQL, while a server on it has a live query open.
      const pg = await freshPostgres()
      cleanups.push(() => pg.drop())
      await migrate(pg.driver)
      const live = createServer({ databaseUrl: pg.url!, port: 0, log: false, pollMs: 50 })
      cleanups.push(() => live.close())
      const watcher = connect((await live.listen()).url, { projectId: 'acme' })
      const seen: string[] = []
      watcher
        .db()
        .collection('tasks')
        .subscribe((changes) => seen.push(...changes.map((c) => `${c.type} ${c.id}`)))
      await eventually(() => expect(live.connections).toBe(1))
      const imported = await run(['import', out], { DATABASE_URL: pg.url! })
      expect(imported.stderr).toBe('')
      expect(imported.code).toBe(0)
      expect(imported.stdout).toMatch(/imported 6 documents in 4 collections of 2 projects/)
      await eventually(() =>
        expect(seen.sort()).toEqual(['added id with spaces & ünïcode ✓', 'added t1', 'added t2']),
      )
      const source = await pgliteDriver(dataDir)
      cleanups.push(() => source.close())
      const expected = await dump(source)
      expect(expected).toHaveLength(6)
      expect(await dump(pg.driver)).toEqual(expected)
      // Versions and the change log are the commit path's: the feed moved, nothing is reused.
      const [log] = await pg.driver.query<{ n: number }>(
        `select count(*)::int as n from metal_changes where jsonb_array_length(changes) > 0`,
      )
      expect(log!.n).toBeGreaterThan(0)

      // Importing the same files again changes nothing.
      const again = await importData(pg.driver, out)
      expect(again).toMatchObject({ documents: 6, written: 0 })

      // Back out of PostgreSQL (the functions), into a fresh PGlite: the same files, the same rows.
      const back = join(await folder(), 'back')
      expect(await exportData(pg.driver, back)).toMatchObject({ documents: 6, collections: 4 })
      for (const file of [
        'acme/tasks.ndjson',
        'acme/users.ndjson',
        'acme/users/u1/notes.ndjson',
        'other-project/tasks.ndjson',
      ]) {
        expect(await readFile(join(back, file), 'utf8')).toBe(
          await readFile(join(out, file), 'utf8'),
        )
      }
      const target = await pgliteDriver()
      cleanups.push(() => target.close())
      expect(await importData(target, back)).toMatchObject({ documents: 6, written: 6 })
      expect(await dump(target)).toEqual(expected)
    },
    120_000,
  )

  it('exports and imports one project with --project, and refuses a folder that is not empty', async () => {
    const source = await pgliteDriver()
    cleanups.push(() => source.close())
    const server = createServer({ driver: source, port: 0, log: false })
    cleanups.push(() => server.close())
    await populate((await server.listen()).url)
    const out = join(await folder(), 'one')
    expect(await exportData(source, out, { project: 'other-project' })).toMatchObject({
      projects: 1,
      documents: 1,
    })
    expect((await readdir(out)).sort()).toEqual(['metal-export.json', 'other-project'])
    const error = await exportData(source, out).catch((e: unknown) => e)
    expect(MetalError.is(error, 'failed-precondition')).toBe(true)
    expect((error as Error).message).toBe(`exportData(): ${out} is not empty`)

    const target = await pgliteDriver()
    cleanups.push(() => target.close())
    const missing = await importData(target, out, { project: 'acme' }).catch((e: unknown) => e)
    expect((missing as Error).message).toMatch(/holds no documents of project 'acme'/)
    expect(await importData(target, out, { project: 'other-project' })).toMatchObject({
      documents: 1,
    })
    expect((await dump(target)).map((r) => [r.project, r.collection, r.id])).toEqual([
      ['other-project', 'tasks', 't1'],
    ])
  })
})

describe.each(databases)('export on $name while writes continue', ({ name, create }) => {
  let db: TestDatabase
  let server: MetalServer | undefined
  afterAll(async () => {
    await server?.close()
    await db?.drop()
  })

  it('is one snapshot: pairs written together in one batch are exported together', async () => {
    db = await create()
    server = createServer({ driver: db.driver, port: 0, log: false, pollMs: 50 })
    const metal = connect((await server.listen()).url, { projectId: 'snap' })
    const pair = async (k: number, i: number) => {
      const batch = metal.db().batch()
      batch.set(metal.db().collection('left').doc(`d${k}`), { i })
      batch.set(metal.db().collection('right').doc(`d${k}`), { i })
      await batch.commit()
    }
    for (let k = 0; k < 10; k++) await pair(k, 0)

    // On PostgreSQL, the export waits in the middle of `left` for pairs that commit then: a
    // reader without one snapshot would see their `right` halves. PGlite has one connection
    // (its transactions run one at a time): there the writes run beside the export.
    let during = 0
    const pairsDuring = async () => {
      for (let k = 0; k < 10; k++) await pair(k, 100 + k)
      during = 10
    }
    let paused = false
    const driver: SqlDriver = {
      ...db.driver,
      transaction: (fn) =>
        db.driver.transaction((tx) =>
          fn({
            async query<R>(sql: string, params?: readonly unknown[]) {
              const rows = await tx.query<R>(sql, params)
              if (!paused && sql.includes('from metal_docs') && params?.[1] === 'left') {
                paused = true
                if (name === 'PostgreSQL') await pairsDuring()
                else void pairsDuring()
              }
              return rows
            },
          }),
        ),
    }
    const out = join(await folder(), 'snap')
    const summary = await exportData(driver, out, { pageSize: 3 })
    await eventually(() => expect(during).toBe(10))
    expect(summary.documents).toBe(20)
    const read = async (collection: string) =>
      (await readFile(join(out, 'snap', `${collection}.ndjson`), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; data: { i: number } })
    const left = await read('left')
    const right = await read('right')
    expect(left.map((d) => d.id)).toEqual(right.map((d) => d.id))
    expect(left.map((d) => d.data.i)).toEqual(right.map((d) => d.data.i))
    if (name === 'PostgreSQL') expect(left.every((d) => d.data.i === 0)).toBe(true)
    // The writes did land.
    expect((await metal.db().collection('right').doc('d9').get()).data()).toEqual({ i: 109 })
  })
})

describe('import of bad files', () => {
  let db: SqlDriver
  beforeAll(async () => {
    db = await pgliteDriver()
    await migrate(db)
  })
  afterAll(async () => {
    await db?.close()
  })
  const good = (id: string, data: unknown = { n: 1 }) =>
    JSON.stringify({ id, data, updateTime: 1700000000000 })

  it.each([
    ['not JSON', '{"id": "b2", ', /b\.ndjson line 2: not JSON/],
    ['an array', '[1,2]', /b\.ndjson line 2: expected an object \{ id, data, updateTime \}/],
    [
      'no updateTime',
      JSON.stringify({ id: 'b2', data: {} }),
      /b\.ndjson line 2: updateTime: must be epoch milliseconds, got undefined/,
    ],
    ['a bad id', good('a/b'), /b\.ndjson line 2: id: document id 'a\/b'/],
    [
      'data that is not an object',
      JSON.stringify({ id: 'b2', data: 5, updateTime: 1 }),
      /b\.ndjson line 2: data: document data must be a plain object, got 5/,
    ],
    [
      'an unknown field',
      JSON.stringify({ id: 'b2', data: {}, updateTime: 1, version: 3 }),
      /b\.ndjson line 2: unknown field 'version'/,
    ],
    ['a repeated id', good('b1'), /b\.ndjson line 2: document id 'b1' appears twice/],
  ])(
    'refuses a line with %s, naming file and line, and writes nothing',
    async (_what, bad, message) => {
      const dir = await folder()
      await mkdir(join(dir, 'p'))
      // The good collection comes first: it must not be written either.
      await writeFile(join(dir, 'p', 'a.ndjson'), `${good('a1')}\n${good('a2')}\n`)
      await writeFile(join(dir, 'p', 'b.ndjson'), `${good('b1')}\n${bad}\n${good('b3')}\n`)
      const error = await importData(db, dir).catch((e: unknown) => e)
      expect(MetalError.is(error, 'invalid-argument')).toBe(true)
      expect((error as Error).message).toMatch(/^importData\(\): /)
      expect((error as Error).message).toContain(join(dir, 'p', 'b.ndjson'))
      expect((error as Error).message).toMatch(message)
      expect(await dump(db)).toEqual([])
      const [log] = await db.query<{ n: number }>(`select count(*)::int as n from metal_changes`)
      expect(log!.n).toBe(0)
    },
  )

  it('refuses a stray file, a blank line inside a file, and a bad collection name', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'p/notes.txt': good('x') }, /notes\.txt: unexpected file \(collections are \.ndjson/],
      [{ 'stray.json': '{}' }, /stray\.json: unexpected file \(a project is a folder\)/],
      [{ 'p/a.ndjson': `${good('a1')}\n\n${good('a2')}\n` }, /a\.ndjson line 2: blank line/],
      [{ 'p/__bad__.ndjson': good('x') }, /__bad__\.ndjson: not a collection/],
    ]
    for (const [files, message] of cases) {
      const dir = await folder()
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true })
        await writeFile(join(dir, path), text)
      }
      await expect(importData(db, dir)).rejects.toThrow(message)
    }
    await expect(importData(db, join(tmpdir(), 'metal-no-such-folder'))).rejects.toThrow(
      /is missing or empty: nothing to import/,
    )
    expect(await dump(db)).toEqual([])
  })

  it('writes a large collection in commits of at most 500 documents, and an import again writes nothing', async () => {
    const dir = await folder()
    await mkdir(join(dir, 'big'))
    const lines = Array.from({ length: 1201 }, (_, i) => good(`d${String(i).padStart(4, '0')}`))
    await writeFile(join(dir, 'big', 'items.ndjson'), `${lines.join('\n')}\n`)
    const before = await db.query<{ n: number }>(`select count(*)::int as n from metal_changes`)
    expect(await importData(db, dir)).toEqual({
      projects: 1,
      collections: 1,
      documents: 1201,
      written: 1201,
    })
    const sizes = await db.query<{ n: number }>(
      `select jsonb_array_length(changes)::int as n from metal_changes order by seq offset $1`,
      [before[0]!.n],
    )
    expect(sizes.map((r) => r.n)).toEqual([500, 500, 201])
    expect(await importData(db, dir)).toMatchObject({ documents: 1201, written: 0 })
    await db.query(`delete from metal_docs where project = 'big'`)
  })

  it('metal-server import exits 1 naming the file and line; export and import check their arguments', async () => {
    const dir = await folder()
    await mkdir(join(dir, 'p'))
    await writeFile(join(dir, 'p', 'c.ndjson'), `${good('c1')}\nnope\n`)
    const data = join(await folder(), 'data')
    const bad = await run(['import', dir, '--data', data])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^metal-server import: .*c\.ndjson line 2: not JSON/)
    for (const [args, message] of [
      [['export'], /metal-server export: give one folder/],
      [['import', 'a', 'b'], /metal-server import: give one folder/],
      [['export', dir, '--memory'], /--memory holds no data/],
      [['export', dir, '--project', ''], /--project needs a value/],
      [['--project', 'p'], /--project is an option of export and import/],
    ] as const) {
      const exit = await run(args)
      expect(exit.code).toBe(2)
      expect(exit.stderr).toMatch(message)
    }
  })
})
