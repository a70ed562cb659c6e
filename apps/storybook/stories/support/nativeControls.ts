// Metal draws its own Material 3 controls. A story that shows a browser control instead (a
// <select>, a date input, a visible checkbox or radio) is a defect: this finds them.

const HIDDEN_INPUT_TYPES = new Set(['checkbox', 'radio'])
const NATIVE_INPUT_TYPES = new Set(['date', 'datetime-local', 'month', 'week', 'time', 'color'])

/** Describes one element for an error message: its tag, type and accessible name. */
function describe(element: Element): string {
  const type = element.getAttribute('type')
  const name =
    element.getAttribute('aria-label') ?? element.getAttribute('name') ?? element.id ?? ''
  return `<${element.tagName.toLowerCase()}${type ? ` type="${type}"` : ''}>${name ? ` "${name}"` : ''}`
}

/**
 * The browser-drawn controls shown inside `root`: every `<select>`, every date/time/colour
 * input, and every checkbox or radio input that is visible (a visually hidden one under a drawn
 * control is fine: it keeps forms and labels working).
 */
export function findNativeControls(root: ParentNode): string[] {
  const found: string[] = []
  for (const element of root.querySelectorAll('select, input')) {
    if (element.tagName === 'SELECT') {
      found.push(describe(element))
      continue
    }
    const type = (element.getAttribute('type') ?? 'text').toLowerCase()
    if (NATIVE_INPUT_TYPES.has(type)) found.push(describe(element))
    else if (HIDDEN_INPUT_TYPES.has(type)) {
      const style = getComputedStyle(element)
      const hidden =
        style.opacity === '0' ||
        style.appearance === 'none' ||
        style.visibility === 'hidden' ||
        style.display === 'none'
      if (!hidden) found.push(describe(element))
    }
  }
  return found
}
