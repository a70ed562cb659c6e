import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_FLAGS } from '../../scripts/chromium.mjs'

const dirname = path.dirname(fileURLToPath(import.meta.url))

// Every story is a test: it renders, runs its play function, then axe (a11y: 'error').
// Chromium comes from Debian (scripts/test.mjs finds it); nothing downloads a browser.
export default defineConfig({
  plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
  // This app's own optimised-deps cache, apart from the other workspaces' Vitest runs.
  cacheDir: path.join(dirname, 'node_modules', '.vite'),
  optimizeDeps: {
    // Known up front, so the first run does not reload the page to optimise them mid-test.
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      '@metal/ui > @material/material-color-utilities',
    ],
  },
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      instances: [{ browser: 'chromium' }],
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [...CHROMIUM_FLAGS],
        },
      }),
    },
  },
})
