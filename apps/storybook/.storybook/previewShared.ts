// What both Storybooks' previews share (this React one and the Vue one in apps/storybook-vue):
// toolbar globals, parameters, the docs page and the check against browser-drawn controls. Only
// the decorator that puts a story on its themed surface is written per framework. The docs
// blocks are React components whichever framework the stories render with.
import { createElement, Fragment, type PropsWithChildren } from 'react'
import type { ProjectAnnotations, Renderer } from 'storybook/internal/types'
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
import { findNativeControls } from '../stories/support/nativeControls.js'

/**
 * A docs page is one document: its content sits in a <main> landmark, as on any page, so axe's
 * landmark rules hold for the whole page (scripts/docs-a11y.mjs checks every docs page).
 */
export function MainDocsContainer({ children, ...props }: PropsWithChildren<DocsContainerProps>) {
  return createElement('main', null, createElement(DocsContainer, props, children))
}

/**
 * Storybook's autodocs page, except that the primary story is shown once, at the top, and not
 * again under "Stories": two copies would put two landmarks of one name (two
 * `<nav aria-label="…">`) and duplicate ids on the page.
 */
export function MetalDocsPage() {
  const { csfFile } = useOf('meta', ['meta'])
  const single = Object.keys(csfFile.stories).length === 1
  return createElement(
    Fragment,
    null,
    createElement(Title),
    createElement(Subtitle),
    createElement(Description, { of: 'meta' }),
    single && createElement(Description, { of: 'story' }),
    createElement(Primary),
    createElement(Controls),
    !single && createElement(Stories, { includePrimary: false }),
  )
}

/**
 * The preview annotations of a Metal Storybook, but its `tags` and the decorator: each story on the
 * `.metal-story` surface of preview.css, themed by the toolbar's `theme` and `density` globals.
 */
export const metalPreview = {
  // Metal draws its own Material controls: a story that shows a browser-drawn <select>, date
  // input, checkbox or radio fails, wherever it comes from.
  afterEach: ({ canvasElement }) => {
    const found = findNativeControls(canvasElement)
    if (found.length > 0) {
      throw new Error(`browser-drawn controls in the story: ${found.join(', ')}`)
    }
  },
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
} satisfies ProjectAnnotations<Renderer>

/** The `data-metal-*` attributes of a story's surface for the toolbar's globals. */
export function themeAttributes(globals: Record<string, unknown>) {
  return {
    'data-metal-theme': globals.theme === 'dark' ? 'dark' : 'light',
    'data-metal-density': String(globals.density ?? '0'),
  }
}
