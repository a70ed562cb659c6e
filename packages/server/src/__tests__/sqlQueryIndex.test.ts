import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { MetalError } from '@metal/core'
import { where, type QuerySpec } from '@metal/core/engine'
import { databases, type TestDatabase } from './databases.js'
import { migrate } from '../sql/schema.js'
import type { SqlDriver, SqlExecutor } from '../sql/driver.js'
import { createIndex, indexName } from '../sql/indexes.js'
import { compileScan, scanDocs } from '../sql/query.js'

/** An executor that must not be reached: validation fails first. */
const unreachable: SqlExecutor = {
  query: () => Promise.reject(new Error('createIndex ran SQL for invalid input')),
}

describe('createIndex input checks', () => {
  it.each([
    ['a/b', ['x'], /^createIndex\(\): collection path 'a\/b' has an even number of segments/],
    ['', ['x'], /^createIndex\(\): collection path must be a non-empty string, got ''/],
    ['c\u0000', ['x'], /^createIndex\(\): .*U\+0000 or an unpaired surrogate/],
    ['c', [], /^createIndex\(\): fields must be a non-empty array of field paths, got an empty/],
    ['c', 'a', /^createIndex\(\): fields must be a non-empty array of field paths, got string/],
    ['c', ['a', 'b..c'], /^createIndex\(\) field 1: field path 'b\.\.c' has an empty segment/],
    ['c', ['a', 5], /^createIndex\(\) field 1: field path must be a string, got 5/],
    ['c', ['a', 'a'], /^createIndex\(\): field 1 \('a'\) is listed twice/],
    ['c', ['a\uD800'], /^createIndex\(\) field 0: field path .* holds U\+0000 or an unpaired/],
    ['c', Array.from({ length: 32 }, (_, i) => `f${i}`), /at most 31 fields, got 32/],
  ])('rejects collection %j with fields %j', async (collection, fields, message) => {
    const error = await createIndex(unreachable, collection, fields as string[]).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MetalError)
    expect(error).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(message),
    })
  })
})

describe.each(databases)('createIndex on $name', ({ name: kind, create }) => {
  let database: TestDatabase
  let db: SqlDriver
  beforeAll(async () => {
    database = await create()
    db = database.driver
    await migrate(db)
    // 20 000 documents over 40 collections: 500 in 'big', whose `a` takes 250 values.
    await db.query(
      `insert into metal_docs (project, collection, id, data, version, update_time)
       select 'p', case when i % 40 = 0 then 'big' else 'c' || (i % 40) end, 'd' || i,
              jsonb_build_object('a', (i / 40) % 250, 'n', jsonb_build_object('b', 'x' || i)), 1, 0
         from generate_series(1, 20000) as i`,
    )
  })
  afterAll(async () => {
    await database.drop()
  })

  async function indexDef(name: string): Promise<string | undefined> {
    const rows = await db.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where indexname = $1`,
      [name],
    )
    return rows[0]?.indexdef
  }

  it('creates a partial expression index, quoted by PostgreSQL, once', async () => {
    const fields = ['a', "n.'; drop table metal_docs; --", '__name__']
    const name = await createIndex(db, "it's", fields)
    expect(name).toBe(indexName("it's", fields))
    expect(name).toMatch(/^metal_idx_[0-9a-f]{32}$/)
    expect(await createIndex(db, "it's", fields)).toBe(name)
    expect(await indexDef(name)).toBe(
      `CREATE INDEX ${name} ON public.metal_docs USING btree (project, ((data #> '{a}'::text[])), ` +
        `((data #> '{n,"''; drop table metal_docs; --"}'::text[])), id) WHERE (collection = 'it''s'::text)`,
    )
    expect(await db.query(`select count(*)::int as n from metal_docs`)).toEqual([{ n: 20000 }])
  })

  /** The plan PostgreSQL picks for a query as scanDocs sends it (parameters and all). */
  async function explain(query: QuerySpec): Promise<string> {
    const plan = compileScan('p', query)
    const rows = await db.query<Record<string, unknown>>(
      `explain (format json) ${plan.sql}`,
      plan.params,
    )
    return JSON.stringify(rows)
  }

  it('serves equality, in and number-range filters from the index', async () => {
    const name = await createIndex(db, 'big', ['a'])
    const nested = await createIndex(db, 'big', ['n.b'])
    await db.query('analyze metal_docs')
    const big = (filter: QuerySpec['filter']): QuerySpec => ({
      collection: 'big',
      orderBy: [],
      filter,
    })
    const plans = {
      equal: await explain(big(where('a', '==', 42))),
      in: await explain(big(where('a', 'in', [1, 2, 3]))),
      range: await explain(big(where('a', '>', 247))),
      nested: await explain(big(where('n.b', '==', 'x1680'))),
    }
    console.log(`[sqlQuery] ${kind} EXPLAIN, a == 42:\n${plans.equal}`)
    expect(plans.equal).toContain(`"Index Name":"${name}"`)
    expect(plans.in).toContain(`"Index Name":"${name}"`)
    expect(plans.range).toContain(`"Index Name":"${name}"`)
    expect(plans.nested).toContain(`"Index Name":"${nested}"`)
    // Another collection is outside the partial index.
    expect(await explain({ ...big(where('a', '==', 42)), collection: 'c1' })).not.toContain(name)
    const docs = await scanDocs(db, 'p', big(where('a', '==', 42)))
    expect(docs.map((d) => d.id).sort()).toEqual(['d11680', 'd1680'])
  })

  // Concurrent sessions need a PostgreSQL server (PGlite has one connection).
  if (kind === 'PostgreSQL')
    it('uses the index for the statement scanDocs runs through pg (auto_explain)', async () => {
      const name = await createIndex(db, 'big', ['a'])
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        const loaded = await client.query(`load 'auto_explain'`).then(
          () => true,
          () => false, // needs a superuser (the CI role is one)
        )
        expect(loaded, 'auto_explain needs a superuser role').toBe(true)
        await client.query(`set auto_explain.log_min_duration = 0`)
        await client.query(`set auto_explain.log_level = notice`)
        const notices: string[] = []
        client.on('notice', (n) => notices.push(n.message ?? ''))
        const executor: SqlExecutor = {
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        }
        const query: QuerySpec = { collection: 'big', orderBy: [], filter: where('a', '==', 7) }
        for (let i = 0; i < 7; i++) expect(await scanDocs(executor, 'p', query)).toHaveLength(2)
        const plans = notices.filter((n) => n.includes('metal_docs'))
        console.log(`[sqlQuery] auto_explain of scanDocs through pg:\n${plans[0]}`)
        expect(plans).toHaveLength(7)
        for (const plan of plans) expect(plan).toContain(`Index Scan using ${name}`)
      } finally {
        await client.end()
      }
    })
})
