import { PGlite } from '@electric-sql/pglite'
import type { SqlDriver, SqlExecutor } from './driver.js'
import { databaseError } from './databaseError.js'

/**
 * The embedded driver: PostgreSQL compiled to WASM, in this process. `dataDir` keeps the
 * database in a folder (it survives restarts); without it the database lives in memory.
 * PGlite has one connection: statements and transactions run one at a time.
 */
export async function pgliteDriver(dataDir?: string): Promise<SqlDriver> {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir)
  await db.waitReady
  const executor = (q: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await q.query<R>(sql, params as unknown[])).rows
      } catch (error) {
        throw databaseError(error)
      }
    },
  })
  const base = executor(db)
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async listen(channel, onNotify) {
      const stop = await db.listen(channel, onNotify)
      return async () => {
        await stop()
      }
    },
    close: () => db.close(),
  }
}
