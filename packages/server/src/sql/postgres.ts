import pg from 'pg'
import type { SqlDriver, SqlExecutor } from './driver.js'

// int8 (versions, positions) as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (text: string) => Number(text))

/** Options of the PostgreSQL driver. */
export interface PostgresDriverOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string
  /**
   * Connections in the pool (the change-feed listener takes one more).
   * @default 10
   */
  poolSize?: number
}

/** The PostgreSQL driver: a `pg` pool, plus one connection that LISTENs. */
export async function postgresDriver(options: PostgresDriverOptions): Promise<SqlDriver> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
  })
  // An idle pooled connection that errors (server restart) must not crash the process.
  pool.on('error', () => {})
  const listeners: pg.Client[] = []
  await pool.query('select 1')
  const run = async <R>(
    q: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> => (await q.query(sql, params as unknown[])).rows as R[]
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const tx: SqlExecutor = { query: (sql, params) => run(client, sql, params) }
        const result = await fn(tx)
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: options.connectionString })
      client.on('error', () => {})
      await client.connect()
      listeners.push(client)
      client.on('notification', (n) => {
        if (n.channel === channel) onNotify(n.payload ?? '')
      })
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
      return async () => {
        listeners.splice(listeners.indexOf(client), 1)
        await client.end().catch(() => {})
      }
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => {})))
      await pool.end()
    },
  }
}
