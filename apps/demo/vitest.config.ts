import { defineConfig } from 'vitest/config'

// The demo's tests. The server's run in Node against a real Metal server on 127.0.0.1 (PGlite in
// a temporary folder, and PostgreSQL when DATABASE_URL is set); the app's browser tests join as
// another project.
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
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
    ],
  },
})
