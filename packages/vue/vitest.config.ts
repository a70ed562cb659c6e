import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['source'] },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/**/*.test.ts'],
    typecheck: {
      include: ['src/**/__tests__/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      checker: 'vue-tsc', // the tests mount an SFC
    },
  },
})
