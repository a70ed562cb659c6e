import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import {
  and,
  compileQuery,
  or,
  runQuery,
  where,
  type DocumentData,
  type QuerySpec,
} from '@metal/core/engine'
import { databases, type TestDatabase } from './databases.js'
import { migrate } from '../sql/schema.js'
import type { SqlDriver } from '../sql/driver.js'
import { compileScan, scanDocs, scanDocsTraced } from '../sql/query.js'

// Field names and values that would break SQL built by string splicing.
const HOSTILE = [
  "it's",
  "'; drop table metal_docs; --",
  '"; drop table metal_docs; --',
  'back\\slash\\',
  '{x,y}',
  'NULL',
  '$1 or true',
  '$$ quoted $$',
  ' +0',
  'ünïcødé 日本 \u{1F600}',
]

async function put(db: SqlDriver, docs: Record<string, DocumentData>, collection = 'c') {
  for (const [id, data] of Object.entries(docs)) {
    await db.query(
      `insert into metal_docs (project, collection, id, data, version, update_time)
       values ('p', $1, $2, $3::jsonb, 1, 2)`,
      [collection, id, JSON.stringify(data)],
    )
  }
}

const spec = (rest: Partial<QuerySpec>): QuerySpec => ({ collection: 'c', orderBy: [], ...rest })

/** The ids the query returns when the engine runs over scanDocs' candidates. */
async function ids(db: SqlDriver, q: QuerySpec): Promise<string[]> {
  return runQuery(compileQuery(q), await scanDocs(db, 'p', q)).map((d) => d.id)
}

/** The ids the query returns when the engine runs over the whole collection. */
async function engineIds(db: SqlDriver, q: QuerySpec): Promise<string[]> {
  const rows = await db.query<{ id: string; data: DocumentData }>(
    `select id, data from metal_docs where project = 'p' and collection = $1`,
    [q.collection],
  )
  return runQuery(compileQuery(q), rows).map((d) => d.id)
}

describe.each(databases)('scanDocs on $name', ({ create }) => {
  let database: TestDatabase
  let db: SqlDriver
  beforeAll(async () => {
    database = await create()
    db = database.driver
    await migrate(db)
  })
  afterAll(async () => {
    await database.drop()
  })

  it('returns stored documents with their version and update time', async () => {
    await put(db, { d1: { x: 1 } }, 'versions')
    expect(await scanDocs(db, 'p', { collection: 'versions', orderBy: [] })).toEqual([
      { id: 'd1', data: { x: 1 }, version: 1, updateTime: 2 },
    ])
  })

  it('sends hostile field names and values as parameters, never as SQL text', async () => {
    const docs: Record<string, DocumentData> = {}
    HOSTILE.forEach((name, i) => {
      docs[`doc${i}`] = { [name]: name, nested: { [name]: [name, i] } }
    })
    await put(db, docs, 'hostile')
    for (const [i, name] of HOSTILE.entries()) {
      const queries: QuerySpec[] = [
        { collection: 'hostile', orderBy: [], filter: where(name, '==', name) },
        {
          collection: 'hostile',
          orderBy: [],
          filter: where(`nested.${name}`, 'array-contains', i),
        },
        {
          collection: 'hostile',
          orderBy: [{ field: name, direction: 'desc' }],
          filter: where(name, '>=', name),
          startAt: { values: [name], inclusive: true },
          limit: 1,
        },
      ]
      for (const q of queries) {
        const plan = compileScan('p', q)
        for (const text of [plan.sql, plan.limited?.sql ?? '']) {
          for (const h of HOSTILE) expect(text).not.toContain(h)
        }
        expect(await ids(db, q)).toEqual([`doc${i}`])
      }
    }
    expect(await db.query(`select count(*)::int as n from metal_docs`)).not.toEqual([{ n: 0 }])
  })

  it('refuses field names and falls back to the engine for cursors jsonb cannot hold (U+0000, unpaired surrogates)', async () => {
    await put(db, { a: { s: 'x' }, b: { s: 'y' }, c: { s: 1 } }, 'odd')
    const odd = ['x\u0000', '\uD800', 'a\uDC00b']
    for (const v of odd) {
      // No database can store such a value, so the engine refuses it as a filter operand.
      for (const op of ['==', '!=', '<', '>=', 'not-in', 'array-contains'] as const) {
        expect(() => where('s', op, op === 'not-in' ? [v, 'y'] : v)).toThrow(
          /U\+0000 or an unpaired surrogate/,
        )
      }
      // No document can hold such a field name, so the engine refuses it as a field path.
      expect(() => where(v, '==', 1)).toThrow(/U\+0000 or an unpaired surrogate/)
      // Cursor values (which reach a backend as plain data) fall back to the engine.
      const base: QuerySpec = { collection: 'odd', orderBy: [] }
      const queries: QuerySpec[] = [
        {
          ...base,
          orderBy: [{ field: 's', direction: 'asc' }],
          startAt: { values: [v], inclusive: true },
        },
      ]
      for (const q of queries) expect(await ids(db, q)).toEqual(await engineIds(db, q))
    }
  })

  it('rejects a project or collection name PostgreSQL would store as another name', async () => {
    await expect(scanDocs(db, 'p\uD800', spec({}))).rejects.toThrow(MetalError)
    await expect(scanDocs(db, 'p', spec({ collection: 'c\u0000' }))).rejects.toThrow(
      /U\+0000 or an unpaired surrogate/,
    )
  })

  it('reads a numeric path segment through maps only, as the engine does', async () => {
    await put(db, { arr: { n: [7] }, map: { n: { '0': 7 } }, other: { n: { '0': 8 } } }, 'digits')
    const q = { collection: 'digits', orderBy: [], filter: where('n.0', '==', 7) }
    expect((await scanDocs(db, 'p', q)).map((d) => d.id)).toEqual(['map'])
    const ordered = {
      collection: 'digits',
      orderBy: [{ field: 'n.0', direction: 'asc' as const }],
      limit: 1,
    }
    const traced = await scanDocsTraced(db, 'p', ordered)
    expect([traced.mode, traced.docs.map((d) => d.id)]).toEqual(['limit', ['map']])
  })

  it('orders and cuts in SQL, and reads everything when an array sits in the window', async () => {
    await put(
      db,
      { s1: { v: 'b' }, s2: { v: 'B' }, s3: { v: '\u{10000}' }, s4: { v: '\uFFFF' } },
      'ord',
    )
    const q: QuerySpec = {
      collection: 'ord',
      orderBy: [{ field: 'v', direction: 'asc' }],
      limit: 2,
    }
    const first = await scanDocsTraced(db, 'p', q)
    expect([first.mode, first.docs.map((d) => d.id)]).toEqual(['limit', ['s2', 's1']])
    const last = await scanDocsTraced(db, 'p', { ...q, limitType: 'last' })
    expect([last.mode, last.docs.map((d) => d.id)]).toEqual(['limit', ['s3', 's4']])
    await put(db, { a1: { v: [1] }, a2: { v: [0, 5] } }, 'ord')
    const desc: QuerySpec = { ...q, orderBy: [{ field: 'v', direction: 'desc' }] }
    const traced = await scanDocsTraced(db, 'p', desc)
    expect(traced.mode).toBe('fallback')
    expect(runQuery(compileQuery(desc), traced.docs).map((d) => d.id)).toEqual(['a1', 'a2'])
  })

  it('puts filters, existence of sort fields and cursors in the WHERE clause', async () => {
    const q = spec({
      filter: or(where('a', '==', 1), and(where('b', 'in', [1, 'x']), where('c', '<', 'z'))),
      orderBy: [{ field: 'd', direction: 'asc' }],
      startAt: { values: [5], inclusive: false },
    })
    const plan = compileScan('p', q)
    expect(plan.sql).toContain('(data #> $3::text[]) = $4::jsonb')
    expect(plan.sql).toContain('(data #> $5::text[]) in ($6::jsonb, $7::jsonb)')
    expect(plan.sql).toContain('collate "C" < $9::text')
    expect(plan.sql).toContain('(data #> $10::text[]) is not null')
    expect(plan.params).toEqual(['p', 'c', ['a'], '1', ['b'], '1', '"x"', ['c'], 'z', ['d'], '5'])
    expect(plan.limited).toBeUndefined()
  })
})
