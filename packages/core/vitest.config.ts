import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    typecheck: { include: ['src/**/__tests__/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
