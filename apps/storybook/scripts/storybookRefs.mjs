// How the main Storybook finds the Vue one (apps/storybook-vue), composed through `refs` in
// .storybook/main.ts; also read by composition.mjs and the root `build-storybook` layout.

/** The folder of the main Storybook's static build that holds the Vue one. */
export const VUE_STORYBOOK_FOLDER = 'vue'

/** The Vue Storybook's dev server, which `npm run storybook` at the root starts beside this one. */
export const VUE_STORYBOOK_DEV_URL = 'http://127.0.0.1:6007'

/**
 * The main Storybook's `refs`: in development the Vue Storybook's dev server (VUE_STORYBOOK_URL
 * overrides the address); in a static build the `vue/` folder beside it, a relative URL, so one
 * origin serves both wherever the site is published.
 */
export function vueStorybookRef(configType) {
  const url =
    configType === 'DEVELOPMENT'
      ? (process.env.VUE_STORYBOOK_URL ?? VUE_STORYBOOK_DEV_URL)
      : VUE_STORYBOOK_FOLDER
  return { vue: { title: 'Vue', url, expanded: true } }
}
