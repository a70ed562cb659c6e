import type { StorybookConfig } from '@storybook/vue3-vite'
import { metalCore, metalViteFinal } from '../../storybook/scripts/storybookMain.js'

// The Vue Storybook. The main one (apps/storybook) composes it through `refs`: `npm run
// storybook` at the root starts both, this one on port 6007.
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: {
    name: '@storybook/vue3-vite',
    // Props, events and slots tables from the components' TypeScript types and TSDoc (Volar's
    // vue-component-meta reads defineComponent in .ts files, as @metal/ui/vue writes them).
    options: { docgen: { plugin: 'vue-component-meta', tsconfig: 'tsconfig.docgen.json' } },
  },
  core: metalCore,
  viteFinal: (viteConfig) =>
    metalViteFinal({
      ...viteConfig,
      // Vue's compile-time flags, set as an app's bundler would (Options API on: the stories'
      // components use it).
      define: {
        ...viteConfig.define,
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
}

export default config
