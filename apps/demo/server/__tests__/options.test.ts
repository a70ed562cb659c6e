import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { startDemo, type DemoOptions } from '../demo.mjs'

describe('startDemo()', () => {
  it('refuses bad options, naming startDemo() and the option', async () => {
    const failures = await Promise.all(
      [
        { jobStepMs: -1 },
        { databaseUrl: 'mysql://x' },
        { staticDir: 3 },
        { jwtSecret: 'short' },
        { colour: 'blue' },
      ].map((o) =>
        startDemo(o as DemoOptions).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    )

    for (const e of failures) expect(MetalError.is(e, 'invalid-argument')).toBe(true)
    expect(failures.map((e) => (e as Error).message)).toEqual([
      expect.stringMatching(/^startDemo\(\): option 'jobStepMs' .*-1/),
      expect.stringMatching(/^startDemo\(\): option 'databaseUrl' must be a postgres:\/\/ URL/),
      expect.stringMatching(/^startDemo\(\): option 'staticDir' .*3/),
      "startDemo(): option 'jwtSecret' must be a string of at least 32 bytes",
      "startDemo(): unknown option 'colour'",
    ])
  })
})
