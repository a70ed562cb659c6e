import type { Decorator, Preview } from '@storybook/react-vite'
import '@metal/ui/theme.css'
import './preview.css'

/** Puts every story on a themed surface, with the theme and density picked in the toolbar. */
const withTheme: Decorator = (Story, { globals }) => (
  <div
    className="metal-story"
    data-metal-theme={globals.theme === 'dark' ? 'dark' : 'light'}
    data-metal-density={String(globals.density ?? '0')}
  >
    <Story />
  </div>
)

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour scheme (data-metal-theme)',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    density: {
      description: 'Density (data-metal-density)',
      toolbar: {
        title: 'Density',
        icon: 'component',
        items: ['0', '-1', '-2', '-3', '-4'],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', density: '0' },
  parameters: {
    layout: 'fullscreen',
    // axe violations fail the story test, not just show in the panel.
    a11y: { test: 'error' },
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
  },
}

export default preview
