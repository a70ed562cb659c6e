/**
 * What a play function shared by the React and the Vue Storybook reads of its story context:
 * the story's root element, and what the story's loaders returned.
 */
export interface PlayContext {
  canvasElement: HTMLElement
  loaded: unknown
}
