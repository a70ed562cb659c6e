import { defaultClientConditions, mergeConfig } from 'vite'
import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  // Props tables come from the components' TypeScript types and TSDoc comments, read from the
  // packages' sources (the components live outside this app).
  typescript: {
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      tsconfigPath: 'tsconfig.docgen.json',
      include: ['../../packages/ui/src/react/**/*.tsx'],
      exclude: ['**/*.stories.tsx', '**/__tests__/**'],
      // `page?: number` gets a number control, `mode?: 'offset' | 'cursor'` a radio.
      shouldRemoveUndefinedFromOptional: true,
      shouldExtractLiteralValuesFromEnum: true,
    },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) =>
    // Workspace packages resolve to their src/ (the "source" export condition): no build step,
    // and edits show up at once.
    mergeConfig(viteConfig, {
      resolve: { conditions: ['source', ...defaultClientConditions] },
      build: {
        // Storybook's own runtime (docs, axe) is most of the bundle; its size is not ours.
        chunkSizeWarningLimit: 2048,
        rolldownOptions: {
          // Rolldown's slow-plugin report: docgen and CSF transforms are expected to take time.
          checks: { bundlerTimings: false },
          // TanStack's "use client" directives mean nothing in a static Storybook build.
          onwarn(warning, warn) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
          },
        },
      },
    }),
}

export default config
