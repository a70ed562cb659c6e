import type { Decorator, Preview } from '@storybook/react-vite'
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import '@metal/ui/theme.css'
import '@metal/ui/base.css'
import './preview.css'
import { metalPreview, themeAttributes } from './previewShared.js'

/** Puts every story on a themed surface, with the theme and density picked in the toolbar. */
const withTheme: Decorator = (Story, { globals }) => (
  <div className="metal-story" {...themeAttributes(globals)}>
    <Story />
  </div>
)

const preview: Preview = {
  ...metalPreview,
  // Written here, not in previewShared.ts: Storybook reads the project's tags from this file.
  tags: ['autodocs'],
  decorators: [withTheme],
}

export default preview
