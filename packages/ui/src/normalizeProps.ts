/**
 * How a `connect*` function's props reach a framework's view.
 *
 * Every connect function returns props in one neutral form: DOM attribute names as React spells
 * them (`tabIndex`, `htmlFor`, `className`, `aria-*`, `data-*`) and React-style event handlers
 * (`onClick`, `onKeyDown`, `onChange` fired on every edit, `onFocus`/`onBlur` that bubble,
 * `onDoubleClick`). A view passes its framework's `normalizeProps` to the connect function, which
 * runs every prop object through it, so one set of prop getters serves React and Vue (Zag.js's
 * pattern). React's is the identity; Vue's renames (`onChange` → `onInput`, `htmlFor` → `for`,
 * `onFocus` → `onFocusin`, …).
 *
 * The types describe the neutral form; a framework whose normalizer renames props spreads the
 * result without relying on those names.
 */
export type NormalizeProps = <T extends object>(props: T) => T

/** The neutral form unchanged: what React spreads, and the default of every connect function. */
export const identityProps: NormalizeProps = (props) => props
