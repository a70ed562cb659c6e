// @metal/server: the Metal server on PostgreSQL (embedded PGlite by default).
export type { SqlDriver, SqlExecutor } from './sql/driver.js'
export { pgliteDriver } from './sql/pglite.js'
export { postgresDriver } from './sql/postgres.js'
export type { PostgresDriverOptions } from './sql/postgres.js'
