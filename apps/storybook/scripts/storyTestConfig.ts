// The Vitest config of a Storybook's story tests, shared by apps/storybook (React) and
// apps/storybook-vue: every story is a test that renders in headless Chromium, runs its play
// function, then axe (a11y: 'error'). Chromium comes from Debian (scripts/test.mjs finds it);
// nothing downloads a browser.
import path from 'node:path'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs'

/**
 * The story-test config of the Storybook app in `appDir` (its `.storybook` folder and its own
 * optimised-deps cache). `preBundle` lists the dependencies its stories load, optimised up front
 * so the first run does not reload the page to optimise them mid-test.
 */
export function storyTestConfig(appDir: string, preBundle: string[]) {
  return defineConfig({
    plugins: [storybookTest({ configDir: path.join(appDir, '.storybook') })],
    // This app's own optimised-deps cache, apart from the other workspaces' Vitest runs.
    cacheDir: path.join(appDir, 'node_modules', '.vite'),
    optimizeDeps: { include: preBundle },
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
}
