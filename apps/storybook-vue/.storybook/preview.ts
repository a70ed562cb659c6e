import { h } from 'vue'
import { setup, type Decorator, type Preview } from '@storybook/vue3-vite'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { Metal } from '@metal/core'
import { MetalPlugin } from '@metal/vue'
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import '@metal/ui/theme.css'
import '@metal/ui/base.css'
import '../../storybook/.storybook/preview.css'
import { metalPreview, themeAttributes } from '../../storybook/.storybook/previewShared.js'

// Each story gets its own Vue app: a fresh QueryClient, and the Metal client its loader made
// (`loaded.metal`, from stories/support/demoClients.ts) through MetalPlugin, as an app does with
// `app.use(VueQueryPlugin)` and `app.use(MetalPlugin, { client })`.
setup((app, context) => {
  // A docs page mounts one app per story: ids from useId() must not repeat across them.
  app.config.idPrefix = context?.id ?? 'story'
  app.use(VueQueryPlugin, { queryClient: new QueryClient() })
  const metal = (context?.loaded as { metal?: unknown } | undefined)?.metal
  if (metal instanceof Metal) app.use(MetalPlugin, { client: metal })
})

/** Puts every story on a themed surface, with the theme and density picked in the toolbar. */
const withTheme: Decorator = (story, { globals }) => ({
  // `globals` is reactive: switching the toolbar theme re-renders the surface, not the story.
  render: () => h('div', { class: 'metal-story', ...themeAttributes(globals) }, [h(story())]),
})

const preview: Preview = {
  ...metalPreview,
  // Written here, not in previewShared.ts: Storybook reads the project's tags from this file.
  tags: ['autodocs'],
  decorators: [withTheme],
}

export default preview
