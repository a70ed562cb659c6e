import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react(), vue()],
  resolve: { conditions: ['source'] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'model',
          environment: 'node',
          include: ['src/**/__tests__/**/*.test.ts'],
          exclude: ['src/react/**', 'src/vue/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['src/react/**/__tests__/**/*.test.{ts,tsx}'],
          setupFiles: ['src/react/__tests__/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'vue',
          environment: 'jsdom',
          include: ['src/vue/**/__tests__/**/*.test.ts'],
          setupFiles: ['src/vue/__tests__/setup.ts'],
        },
      },
    ],
  },
})
