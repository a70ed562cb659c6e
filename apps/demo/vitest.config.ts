import { defineConfig } from 'vitest/config'

// The demo's tests. The server's run in Node against a real Metal server on 127.0.0.1 (PGlite in
// a temporary folder, and PostgreSQL when DATABASE_URL is set); the app's browser tests join as
// another project.
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    // The server suites and the browser suite each start servers: one file at a time.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/__tests__/**/*.test.*'],
          // PGlite starts in about 2.5 s and each test runs a server: give them room, one file at a time.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          // One server and one browser for the whole file; its tests run in order.
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
