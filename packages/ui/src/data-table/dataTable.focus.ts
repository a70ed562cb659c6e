/** Height of the sticky header row the grid scrolls under, in CSS pixels. */
export const HEADER_HEIGHT = 56

/**
 * Focuses a grid cell. A pinned cell sits in the grid's scroll padding (kept for the unpinned
 * cells, so they never hide under the pinned ones), where the browser's own scroll-into-view
 * would scroll back to the start: it is focused without scrolling, and only brought into view
 * vertically.
 */
export function focusCell(cell: HTMLElement): void {
  if (!cell.hasAttribute('data-pinned')) {
    cell.focus()
    return
  }
  cell.focus({ preventScroll: true })
  const grid = cell.closest<HTMLElement>('[role="grid"]')
  if (!grid || cell.getAttribute('role') !== 'gridcell') return
  const view = grid.getBoundingClientRect()
  const box = cell.getBoundingClientRect()
  const top = view.top + HEADER_HEIGHT
  if (box.top < top) grid.scrollTop -= top - box.top
  else if (box.bottom > view.bottom) grid.scrollTop += box.bottom - view.bottom
}

/**
 * `onMouseDown` of a pinned cell: focuses it without the browser's scroll-into-view (see
 * {@link focusCell}). Presses inside its editor keep their default (caret, selection).
 */
export function onPinnedMouseDown(event: {
  target: EventTarget
  currentTarget: HTMLElement
  preventDefault(): void
}): void {
  const target = event.target as HTMLElement
  if (
    target.closest?.('[data-part="editor"], [data-part="column-menu"], [data-part="resize-handle"]')
  )
    return
  event.preventDefault()
  focusCell(event.currentTarget)
}
