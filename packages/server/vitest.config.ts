import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    // PGlite starts in about 2.5 s and servers bind sockets: give each file room, one at a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
