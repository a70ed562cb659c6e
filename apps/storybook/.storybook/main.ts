import type { StorybookConfig } from '@storybook/react-vite'
import { metalCore, metalViteFinal } from '../scripts/storybookMain.js'
import { vueStorybookRef } from '../scripts/storybookRefs.mjs'

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
  // The Vue views and composables (apps/storybook-vue), in the sidebar beside these.
  refs: (_config, { configType }) => vueStorybookRef(configType),
  core: metalCore,
  viteFinal: metalViteFinal,
}

export default config
