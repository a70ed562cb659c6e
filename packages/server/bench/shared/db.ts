import pg from 'pg'

// The PostgreSQL database of one benchmark run: created fresh (metal_bench_<pid>) on the server
// DATABASE_URL names, dropped at the end.

/** The server the benchmark runs on (a superuser role, so it can create a database). */
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://metal:metal@127.0.0.1:5432/metal'

/** A fresh database and how to drop it. */
export interface BenchDatabase {
  url: string
  name: string
  drop(): Promise<void>
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** Creates `metal_bench_<pid>` (dropping a leftover of the same name first). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `metal_bench_${process.pid}`
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`)
    await c.query(`create database ${name}`)
  })
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  }
}
