import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { where, type QuerySpec } from '@metal/core/engine'
import { databases, type TestDatabase } from './databases.js'
import { migrate } from '../sql/schema.js'
import type { SqlDriver } from '../sql/driver.js'
import { compileScan, scanDocs } from '../sql/query.js'

// A collection group query (`db.collectionGroup('comments')`) reads the rows of every
// collection whose last segment is the group id through the schema's metal_docs_group index,
// not by scanning the project's documents.

describe.each(databases)('collection group scan on $name', ({ create }) => {
  let database: TestDatabase
  let db: SqlDriver
  beforeAll(async () => {
    database = await create()
    db = database.driver
    await migrate(db)
    // 20 000 documents: 500 in 'comments' collections at two depths (over 100 collections),
    // the rest in other collections, some of them look-alikes.
    await db.query(
      `insert into metal_docs (project, collection, id, data, version, update_time)
       select 'p',
              case when i % 40 = 0 then
                     case when i % 80 = 0 then 'posts/p' || (i % 50) || '/comments'
                          else 'users/u' || (i % 50) || '/posts/q/comments' end
                   when i % 40 = 1 then 'posts/p' || (i % 50) || '/commentsX'
                   when i % 40 = 2 then 'xcomments'
                   else 'c' || (i % 40) end,
              'd' || i, jsonb_build_object('a', i % 7), 1, 0
         from generate_series(1, 20000) as i`,
    )
    await db.query('analyze metal_docs')
  })
  afterAll(async () => {
    await database.drop()
  })

  const group = (filter?: QuerySpec['filter']): QuerySpec => ({
    collection: 'comments',
    group: true,
    orderBy: [],
    ...(filter ? { filter } : {}),
  })

  it('returns the group’s rows keyed by full path, and only them', async () => {
    const docs = await scanDocs(db, 'p', group())
    expect(docs).toHaveLength(500)
    for (const d of docs)
      expect(d.id).toMatch(/^(posts\/p\d+|users\/u\d+\/posts\/q)\/comments\/d\d+$/)
    const filtered = await scanDocs(db, 'p', group(where('a', '==', 3)))
    expect(filtered.length).toBeGreaterThan(0)
    expect(filtered.every((d) => d.data.a === 3)).toBe(true)
  })

  it('reads the group through its index (EXPLAIN)', async () => {
    for (const spec of [group(), group(where('a', '==', 3))]) {
      const plan = compileScan('p', spec)
      const rows = await db.query<Record<string, unknown>>(
        `explain (format json) ${plan.sql}`,
        plan.params,
      )
      const text = JSON.stringify(rows)
      console.log(`[sqlGroupScan] EXPLAIN ${JSON.stringify(spec.filter ?? 'no filter')}: ${text}`)
      expect(text).toContain('"Index Name":"metal_docs_group"')
      expect(text).not.toContain('"Node Type":"Seq Scan"')
    }
  })
})
