import type { NormalizeProps } from '../normalizeProps.js'

// React spells a few DOM names its own way; Vue passes attribute and event names through to the
// DOM (`onKeydown` listens to `keydown`), so these are renamed and every other handler's event
// part is lower-cased.
const RENAMED: Readonly<Record<string, string>> = {
  htmlFor: 'for',
  className: 'class',
  // React's onChange fires on every edit: the DOM's `input` event (checkboxes and radios fire it
  // too, before `change`).
  onChange: 'onInput',
  // React's focus events bubble: the DOM's focusin/focusout.
  onFocus: 'onFocusin',
  onBlur: 'onFocusout',
  onDoubleClick: 'onDblclick',
}

/** `onKeyDown` → `onKeydown`, `onPointerEnter` → `onPointerenter`; other names unchanged. */
function vueName(key: string): string {
  const renamed = RENAMED[key]
  if (renamed) return renamed
  if (/^on[A-Z]/.test(key)) return `on${key.charAt(2)}${key.slice(3).toLowerCase()}`
  return key
}

/**
 * Vue's `normalizeProps`: turns the neutral (React-spelled) props of every `connect*` function
 * into the names Vue's `h()` and templates bind: `htmlFor` → `for`, `className` → `class`,
 * `onChange` → `onInput`, `onFocus`/`onBlur` → `onFocusin`/`onFocusout`, `onDoubleClick` →
 * `onDblclick`, and the event part of every other handler lower-cased (`onKeyDown` → `onKeydown`).
 * Pass it to a connect function and spread the result with `h(tag, props)` or `v-bind`.
 *
 * ```ts
 * const api = connectPagination(state, send, { id, normalizeProps: vueProps })
 * h('nav', api.getRootProps())
 * ```
 */
export const vueProps: NormalizeProps = <T extends object>(props: T): T => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props)) {
    const name = vueName(key)
    // `class` given both ways (a connect prop and a view's own) is joined, not overwritten.
    if (name === 'class' && out.class !== undefined) out.class = [out.class, value]
    else out[name] = value
  }
  return out as T
}
