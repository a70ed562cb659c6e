import { invalid } from '../../invalid.js'
import {
  EMPTY_TYPEAHEAD,
  firstEnabled,
  lastEnabled,
  moveIndex,
  typeahead,
} from './listNavigation.js'
import type { SelectEvent, SelectOption, SelectState } from './select.types.js'

/** A select's first state: closed, nothing highlighted. */
export function initSelect(): SelectState {
  return { open: false, highlightedIndex: -1, focused: false, typeahead: EMPTY_TYPEAHEAD }
}

/** Index of the option whose value is `value`, or -1. */
export function indexOfValue(options: readonly SelectOption[], value: string | null): number {
  return value === null ? -1 : options.findIndex((o) => o.value === value)
}

/** Checks a select's options: an array of `{ value, label }` with distinct values. */
export function checkSelectOptions(call: string, options: unknown): readonly SelectOption[] {
  if (!Array.isArray(options)) throw invalid(call, 'options', 'an array', options)
  const seen = new Set<string>()
  options.forEach((o: unknown, i) => {
    const opt = o as SelectOption
    if (!opt || typeof opt.value !== 'string' || typeof opt.label !== 'string')
      throw invalid(call, `options[${i}]`, 'an object with string value and label', o)
    if (seen.has(opt.value)) throw invalid(call, `options[${i}].value`, 'unique', opt.value)
    seen.add(opt.value)
  })
  return options as SelectOption[]
}

/** The state after `event`; the same object when nothing changes. */
export function updateSelect(state: SelectState, event: SelectEvent): SelectState {
  switch (event.type) {
    case 'OPEN': {
      const selected = indexOfValue(event.options, event.value)
      const index =
        event.highlight === 'first'
          ? firstEnabled(event.options)
          : event.highlight === 'last'
            ? lastEnabled(event.options)
            : selected >= 0 && !event.options[selected]!.disabled
              ? selected
              : firstEnabled(event.options)
      return { ...state, open: true, highlightedIndex: index }
    }
    case 'CLOSE':
      return state.open
        ? { ...state, open: false, highlightedIndex: -1, typeahead: EMPTY_TYPEAHEAD }
        : state
    case 'HIGHLIGHT':
      return state.highlightedIndex === event.index
        ? state
        : { ...state, highlightedIndex: event.index }
    case 'MOVE':
      return {
        ...state,
        highlightedIndex: moveIndex(event.options, state.highlightedIndex, event.step, false),
      }
    case 'FIRST':
      return { ...state, highlightedIndex: firstEnabled(event.options) }
    case 'LAST':
      return { ...state, highlightedIndex: lastEnabled(event.options) }
    case 'TYPEAHEAD': {
      const from = state.open ? state.highlightedIndex : indexOfValue(event.options, event.value)
      const { memory, index } = typeahead(
        event.options,
        from,
        state.typeahead,
        event.key,
        event.now,
      )
      return { ...state, open: true, highlightedIndex: index, typeahead: memory }
    }
    case 'FOCUS':
      return state.focused ? state : { ...state, focused: true }
    case 'BLUR':
      return state.focused ? { ...state, focused: false } : state
    default:
      throw invalid('updateSelect', 'event.type', 'a select event', event)
  }
}
