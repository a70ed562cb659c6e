// Diagnostic, not part of `npm run bench`: how long a Metal server's commits wait when the log
// has a hole that never fills (a commit that failed after taking its position) while some
// transaction elsewhere on the same PostgreSQL cluster stays open. Run:
//   npx tsx bench/diagnostics/holeStall.ts   (needs DATABASE_URL)

import pg from 'pg'
import { ADMIN_URL, createBenchDatabase } from '../shared/db.js'
import { startMetal, PROJECT } from '../shared/context.js'
import { MetalSocket } from '../wire/metalSocket.js'
import { print } from '../shared/stats.js'

const HOLD_MS = 3000
const db = await createBenchDatabase()
const { server, url } = await startMetal(db.url)
// An open transaction with an id, in another database of the cluster (here: the admin one).
const other = new pg.Client({ connectionString: ADMIN_URL })
await other.connect()
try {
  const s = await MetalSocket.open(url, PROJECT)
  const set = (id: string) =>
    s.request({ type: 'commit', writes: [{ op: 'set', collection: 'c', id, data: { x: 1 } }] })
  await set('warm')
  await other.query('begin')
  await other.query('select pg_current_xact_id()')
  // Fails after taking its position (no document to update): a hole that never fills.
  await s
    .request({
      type: 'commit',
      writes: [{ op: 'update', collection: 'c', id: 'missing', fields: [[['x'], 2]] }],
    })
    .catch(() => {})
  const t0 = performance.now()
  const next = set('after').then(() => performance.now() - t0)
  setTimeout(() => void other.query('commit'), HOLD_MS)
  const waited = await next
  print(
    `a commit after the failed one was answered in ${waited.toFixed(0)} ms ` +
      `(the other database's transaction stayed open ${HOLD_MS} ms)`,
  )
  await s.close()
} finally {
  await other.end()
  await server.close()
  await db.drop()
}
