import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    // PGlite starts in about 2.5 s (a metal-server process up to 10 s on a loaded machine) and
    // servers bind sockets: give each test room, and run files one at a time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
