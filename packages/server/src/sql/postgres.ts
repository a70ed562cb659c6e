import pg from 'pg'
import { MetalError } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import type { SqlDriver, SqlExecutor } from './driver.js'
import { databaseError } from './databaseError.js'

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
  /**
   * How long to wait for a new connection before failing with `unavailable`, in ms: a database
   * that does not answer (a network partition) fails requests instead of holding them.
   * @default 5000
   */
  connectTimeoutMs?: number
}

/** The PostgreSQL driver: a `pg` pool, plus one connection that LISTENs. */
export async function postgresDriver(options: PostgresDriverOptions): Promise<SqlDriver> {
  checkOptions(options)
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
  })
  // An idle pooled connection that errors (server restart) must not crash the process.
  pool.on('error', () => {})
  const listeners = new Set<pg.Client>()
  let closed = false
  try {
    await pool.query('select 1')
  } catch (error) {
    await pool.end().catch(() => {})
    throw databaseError(error)
  }
  const run = async <R>(
    q: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> => {
    try {
      return (await q.query(sql, params as unknown[])).rows as R[]
    } catch (error) {
      throw databaseError(error)
    }
  }
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (error) {
        throw databaseError(error)
      }
      // A connection that failed under the transaction is closed, never handed out again. Its
      // 'error' event (emitted besides the failed query's rejection) must not go unheard while
      // it is checked out: an unheard one ends the process.
      let broken: Error | undefined
      const onError = (error: Error): void => {
        broken ??= error
      }
      client.on('error', onError)
      try {
        await run(client, 'begin')
        const tx: SqlExecutor = { query: (sql, params) => run(client, sql, params) }
        const result = await fn(tx)
        await run(client, 'commit')
        return result
      } catch (error) {
        if (MetalError.is(error, 'unavailable')) broken = error
        else await client.query('rollback').catch((e: Error) => (broken = e))
        throw error
      } finally {
        client.off('error', onError)
        client.release(broken)
      }
    },
    async listen(channel, onNotify) {
      // One connection per channel. When it drops (a restart, a failover, a cut network) or
      // cannot be made, it is tried again with backoff until it listens, and `onNotify('')`
      // tells the listener that it may have missed some.
      let client: pg.Client | undefined
      let stopped = false
      let delay = 100
      let timer: ReturnType<typeof setTimeout> | undefined
      const retry = (): void => {
        if (stopped || closed || timer) return
        timer = setTimeout(() => {
          timer = undefined
          if (stopped || closed) return
          connect().then(
            () => onNotify(''),
            () => retry(),
          )
        }, delay)
        timer.unref()
        delay = Math.min(delay * 2, 5000)
      }
      const connect = async (): Promise<void> => {
        const c = new pg.Client({
          connectionString: options.connectionString,
          connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
          keepAlive: true,
        })
        c.on('notification', (n) => {
          if (n.channel === channel) onNotify(n.payload ?? '')
        })
        c.on('error', () => {})
        c.on('end', () => {
          listeners.delete(c)
          if (client === c) retry()
        })
        try {
          await c.connect()
          await c.query(`listen ${pg.escapeIdentifier(channel)}`)
        } catch (error) {
          await c.end().catch(() => {})
          throw databaseError(error)
        }
        if (stopped || closed) {
          await c.end().catch(() => {})
          return
        }
        listeners.add(c)
        client = c
        delay = 100
      }
      // A database that is away when the listening starts (a server's first use of presence
      // during an outage) is waited for in the background, like one that is lost later.
      await connect().catch(() => retry())
      return async () => {
        stopped = true
        clearTimeout(timer)
        if (client) listeners.delete(client)
        await client?.end().catch(() => {})
      }
    },
    async close() {
      closed = true
      const open = [...listeners]
      listeners.clear()
      await Promise.all(open.map((c) => c.end().catch(() => {})))
      await pool.end()
    },
  }
}

/** Checks {@link postgresDriver}'s options; throws an invalid-argument MetalError naming the field. */
function checkOptions(options: PostgresDriverOptions): void {
  const call = 'postgresDriver()'
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  }
  const { connectionString, poolSize, connectTimeoutMs } = options
  if (typeof connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(connectionString)) {
    throw invalidArgument(
      call,
      `'connectionString' must be a postgres:// URL, got ${typeof connectionString === 'string' ? 'another scheme' : describe(connectionString)}`,
    )
  }
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize > 0)) {
    throw invalidArgument(call, `'poolSize' must be a positive integer, got ${describe(poolSize)}`)
  }
  if (
    connectTimeoutMs !== undefined &&
    !(
      typeof connectTimeoutMs === 'number' &&
      Number.isFinite(connectTimeoutMs) &&
      connectTimeoutMs > 0
    )
  ) {
    throw invalidArgument(
      call,
      `'connectTimeoutMs' must be a positive number, got ${describe(connectTimeoutMs)}`,
    )
  }
}
