// Moving through a list of items some of which are disabled, and typeahead: shared by the
// select's listbox and the menu. Pure functions over indexes.

/** An item as list navigation sees it. */
export interface NavigableItem {
  label: string
  disabled?: boolean
}

/** How long typed characters keep adding to one typeahead search, in milliseconds. */
export const TYPEAHEAD_TIMEOUT = 500

/** The first enabled index at or after `from` going by `step` (±1), or -1. */
function scan(items: readonly NavigableItem[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < items.length; i += step) if (!items[i]!.disabled) return i
  return -1
}

/** Index of the first enabled item, or -1. */
export function firstEnabled(items: readonly NavigableItem[]): number {
  return scan(items, 0, 1)
}

/** Index of the last enabled item, or -1. */
export function lastEnabled(items: readonly NavigableItem[]): number {
  return scan(items, items.length - 1, -1)
}

/**
 * The next enabled index from `current` going by `step`; wraps around when `wrap`, otherwise
 * stays at the end. From -1 it starts at the first (or last) enabled item.
 */
export function moveIndex(
  items: readonly NavigableItem[],
  current: number,
  step: 1 | -1,
  wrap: boolean,
): number {
  if (current < 0 || current >= items.length)
    return step === 1 ? firstEnabled(items) : lastEnabled(items)
  const next = scan(items, current + step, step)
  if (next !== -1) return next
  if (!wrap) return current
  return step === 1 ? firstEnabled(items) : lastEnabled(items)
}

/** Typeahead memory: what was typed, and when the last key came. */
export interface TypeaheadState {
  query: string
  at: number
}

/** No typeahead in progress. */
export const EMPTY_TYPEAHEAD: TypeaheadState = { query: '', at: -Infinity }

/** Whether `key` (a KeyboardEvent key) is a character that typeahead takes. */
export function isTypeaheadKey(key: string, modifiers = false): boolean {
  return !modifiers && key.length === 1 && key !== ' '
}

/**
 * Typeahead: adds `key` to the query (or starts a new one after {@link TYPEAHEAD_TIMEOUT}) and
 * finds the next enabled item whose label starts with it, searching after `current` and
 * wrapping. Typing one letter again and again cycles through the items starting with it.
 * Returns the new memory and the index found (`current` when nothing matches).
 */
export function typeahead(
  items: readonly NavigableItem[],
  current: number,
  memory: TypeaheadState,
  key: string,
  now: number,
): { memory: TypeaheadState; index: number } {
  const fresh = now - memory.at > TYPEAHEAD_TIMEOUT
  let query = (fresh ? '' : memory.query) + key.toLocaleLowerCase()
  // "aaa" means "the next item starting with a", not "an item starting with aaa".
  const repeated = query.length > 1 && [...query].every((c) => c === query[0])
  if (repeated) query = query[0]!
  const start = repeated || query.length === 1 ? current + 1 : current
  const n = items.length
  for (let k = 0; k < n; k++) {
    const i = (((start + k) % n) + n) % n
    const item = items[i]!
    if (!item.disabled && item.label.toLocaleLowerCase().startsWith(query))
      return { memory: { query, at: now }, index: i }
  }
  return { memory: { query, at: now }, index: current }
}
