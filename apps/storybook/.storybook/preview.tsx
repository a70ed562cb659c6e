import type { Decorator, Preview } from '@storybook/react-vite'
import {
  Controls,
  Description,
  DocsContainer,
  Primary,
  Stories,
  Subtitle,
  Title,
  useOf,
  type DocsContainerProps,
} from '@storybook/addon-docs/blocks'
import type { PropsWithChildren } from 'react'
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import '@metal/ui/theme.css'
import '@metal/ui/base.css'
import './preview.css'
import { findNativeControls } from '../stories/support/nativeControls.js'

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

/**
 * A docs page is one document: its content sits in a <main> landmark, as on any page, so axe's
 * landmark rules hold for the whole page (scripts/docs-a11y.mjs checks every docs page).
 */
function MainDocsContainer({ children, ...props }: PropsWithChildren<DocsContainerProps>) {
  return (
    <main>
      <DocsContainer {...props}>{children}</DocsContainer>
    </main>
  )
}

/**
 * Storybook's autodocs page, except that the primary story is shown once, at the top, and not
 * again under "Stories": two copies would put two landmarks of one name (two
 * `<nav aria-label="…">`) and duplicate ids on the page.
 */
function MetalDocsPage() {
  const { csfFile } = useOf('meta', ['meta'])
  const single = Object.keys(csfFile.stories).length === 1
  return (
    <>
      <Title />
      <Subtitle />
      <Description of="meta" />
      {single && <Description of="story" />}
      <Primary />
      <Controls />
      {!single && <Stories includePrimary={false} />}
    </>
  )
}

const preview: Preview = {
  // Metal draws its own Material controls: a story that shows a browser-drawn <select>, date
  // input, checkbox or radio fails, wherever it comes from.
  afterEach: ({ canvasElement }) => {
    const found = findNativeControls(canvasElement)
    if (found.length > 0) {
      throw new Error(`browser-drawn controls in the story: ${found.join(', ')}`)
    }
  },
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
    docs: { container: MainDocsContainer, page: MetalDocsPage },
  },
}

export default preview
