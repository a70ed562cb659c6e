import pg from 'pg'
import { pgliteDriver } from '../sql/pglite.js'
import { postgresDriver } from '../sql/postgres.js'
import type { SqlDriver } from '../sql/driver.js'

// The databases the server suites run on: PGlite always; PostgreSQL when DATABASE_URL is set
// (.ci/run installs and starts it). Under METAL_REQUIRE_POSTGRES=1 a missing PostgreSQL fails.

const url = process.env.DATABASE_URL

if (!url) {
  if (process.env.METAL_REQUIRE_POSTGRES === '1') {
    throw new Error(
      'METAL_REQUIRE_POSTGRES=1 but DATABASE_URL is not set: start PostgreSQL and set DATABASE_URL',
    )
  }
  console.warn(
    '[metal] PostgreSQL tests skipped: set DATABASE_URL=postgres://… (apt-get install postgresql) to run them',
  )
}

/** A fresh, empty database of one kind, and how to drop it. */
export interface TestDatabase {
  driver: SqlDriver
  /** The connection string (PostgreSQL only): other processes can open the same database. */
  url?: string
  drop(): Promise<void>
}

/**
 * A fresh PostgreSQL database on the server at DATABASE_URL, made with `options` after
 * `create database <name>` (e.g. a collation), and dropped by `drop()`.
 */
export async function freshPostgres(options = ''): Promise<TestDatabase> {
  if (!url) throw new Error('freshPostgres() needs DATABASE_URL')
  const name = `metal_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name} ${options}`)
  const dbUrl = new URL(url)
  dbUrl.pathname = `/${name}`
  const driver = await postgresDriver({ connectionString: dbUrl.toString() })
  return {
    driver,
    url: dbUrl.toString(),
    async drop() {
      await driver.close()
      await admin(`drop database if exists ${name} with (force)`)
    },
  }
}

/** A database factory per available kind. */
export const databases: { name: string; create: () => Promise<TestDatabase> }[] = [
  {
    name: 'PGlite',
    async create() {
      const driver = await pgliteDriver()
      return { driver, drop: () => driver.close() }
    },
  },
  ...(url ? [{ name: 'PostgreSQL', create: () => freshPostgres() }] : []),
]
