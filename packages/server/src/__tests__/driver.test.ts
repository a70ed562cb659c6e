import { describe, expect, it } from 'vitest'
import { databases } from './databases.js'
import { migrate } from '../sql/schema.js'

describe.each(databases)('$name driver', ({ create }) => {
  it('migrates, runs parameterised SQL and transactions', async () => {
    const { driver: db, drop } = await create()
    const epoch = await migrate(db)
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/)
    expect(await migrate(db)).toBe(epoch)
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into metal_docs values ($1, $2, $3, $4::jsonb, 1, 0)`, [
          'p',
          'c',
          'a',
          JSON.stringify({ x: 1 }),
        ])
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await db.query(`select count(*)::int as n from metal_docs`)).toEqual([{ n: 0 }])
    const snap = await db.query<{ xmin: string }>(
      `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
    )
    expect(Number(snap[0]!.xmin)).toBeGreaterThan(0)
    await drop()
  })
})

describe.each(databases.filter((d) => d.name === 'PostgreSQL'))('$name listen', ({ create }) => {
  it('listens again after its connection is cut, and says it may have missed some', async () => {
    const { driver: db, drop } = await create()
    const got: string[] = []
    const stop = await db.listen('metal_test', (payload) => got.push(payload))
    await db.query(`select pg_notify('metal_test', 'one')`)
    await until(() => got.includes('one'))
    await db.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where query like 'listen %metal_test%' and pid <> pg_backend_pid()`,
    )
    await until(() => got.includes(''))
    await db.query(`select pg_notify('metal_test', 'two')`)
    await until(() => got.includes('two'))
    await stop()
    await drop()
  })
})

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}
