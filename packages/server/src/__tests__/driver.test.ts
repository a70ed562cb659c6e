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
