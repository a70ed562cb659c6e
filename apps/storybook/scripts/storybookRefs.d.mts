/** The folder of the main Storybook's static build that holds the Vue one. */
export declare const VUE_STORYBOOK_FOLDER: string
/** The Vue Storybook's dev server, which `npm run storybook` at the root starts beside this one. */
export declare const VUE_STORYBOOK_DEV_URL: string
/** The main Storybook's `refs` for a Storybook `configType` ('DEVELOPMENT' or 'PRODUCTION'). */
export declare function vueStorybookRef(configType: string | undefined): {
  vue: { title: string; url: string; expanded: boolean }
}
