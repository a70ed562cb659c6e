// Diagnostic, not part of `npm run bench`: the change-log reader must deliver a commit that
// took a lower position but committed later, also when its transaction id is the higher one.
// Run: npx tsx bench/diagnostics/changeFeedGap.ts (needs DATABASE_URL). Before the fix in
// src/sql/changeFeed.ts, the reader skipped position n for good (a lost event, and a commit
// whose reply never came); after it, both positions arrive in order.
//
//   A: begin, takes xid a        B: begin, takes xid b > a, takes position n
//   A: takes n+1, logs it, commits first; the reader sees n+1 and a hole at n
//   B: logs n, commits
//
// The snapshot that saw the hole has xmax = a+1 (one past the latest completed id), and b is
// at or above it, so waiting for xmin to pass that xmax waited for nothing.

import pg from 'pg'
import { createBenchDatabase } from '../shared/db.js'
import { print, sleep } from '../shared/stats.js'
import { postgresDriver } from '../../src/sql/postgres.js'
import { SqlStorage } from '../../src/sql/storage.js'

const db = await createBenchDatabase()
const driver = await postgresDriver({ connectionString: db.url })
const storage = await SqlStorage.open(driver, { pollMs: 50 })
const delivered: number[] = []
storage.feed.subscribe((e) => delivered.push(e.position))
const a = new pg.Client({ connectionString: db.url })
const b = new pg.Client({ connectionString: db.url })
await a.connect()
await b.connect()
const position = async (c: pg.Client): Promise<number> =>
  Number((await c.query<{ v: string }>(`select nextval('metal_seq') as v`)).rows[0]!.v)
const log = (c: pg.Client, seq: number) =>
  c.query(`insert into metal_changes (seq, project, time, changes) values ($1, 'p', 1, '[]')`, [
    seq,
  ])
try {
  await a.query('begin')
  await a.query('select pg_current_xact_id()')
  await b.query('begin')
  await b.query('select pg_current_xact_id()')
  const n = await position(b)
  const n1 = await position(a)
  await log(a, n1)
  await a.query('commit')
  storage.feed.poke()
  await sleep(300)
  await log(b, n)
  await b.query('commit')
  await sleep(300)
  const ok = delivered.join() === `${n},${n1}`
  print(`positions n=${n} (B) and n+1=${n1} (A); delivered [${delivered.join(', ')}]`)
  print(ok ? 'OK: both delivered, in order' : 'BUG: a committed change was skipped')
  process.exitCode = ok ? 0 : 1
} finally {
  await a.end()
  await b.end()
  await storage.close()
  await driver.close()
  await db.drop()
}
