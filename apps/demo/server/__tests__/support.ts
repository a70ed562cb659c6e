// Shared by the demo server's tests: the databases they run on, and small helpers.
import { request } from 'node:http'
import pg from 'pg'
import { MetalError } from '@metal/core'

const pgUrl = process.env.DATABASE_URL
if (!pgUrl && process.env.METAL_REQUIRE_POSTGRES === '1') {
  throw new Error('METAL_REQUIRE_POSTGRES=1 but DATABASE_URL is not set')
}

/** A fresh PostgreSQL database on DATABASE_URL's server, and how to drop it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `metal_demo_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const url = new URL(pgUrl!)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) }
}

export const NOW = Date.UTC(2026, 5, 15, 12)
export const databases = [
  { name: 'PGlite', postgres: false },
  ...(pgUrl ? [{ name: 'PostgreSQL', postgres: true }] : []),
]

/** 'ok' when `promise` resolves, else the MetalError's code (handled at once: no stray rejection). */
export function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (e: unknown) => (MetalError.is(e) ? e.code : String(e)),
  )
}

/** The HTTP status and body of a raw GET of `path` (not normalised, unlike fetch). */
export function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}
