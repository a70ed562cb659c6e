import { invalid } from '../../invalid.js'
import type { ChipAddRefusal, ChipInputEvent, ChipInputState } from './chips.types.js'

/** A chip input's first state: nothing typed. */
export function initChipInput(): ChipInputState {
  return { draft: '', focused: false, announcement: '' }
}

/** The state after `event`; the same object when nothing changes. */
export function updateChipInput(state: ChipInputState, event: ChipInputEvent): ChipInputState {
  switch (event.type) {
    case 'SET_DRAFT':
      return state.draft === event.draft ? state : { ...state, draft: event.draft }
    case 'FOCUS':
      return state.focused ? state : { ...state, focused: true }
    case 'BLUR':
      return state.focused ? { ...state, focused: false } : state
    case 'ANNOUNCE':
      return { ...state, announcement: event.message }
    default:
      throw invalid('updateChipInput', 'event.type', 'a chip input event', event)
  }
}

/** Checks a chip input's value: an array of strings. */
export function checkChipValues(call: string, value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalid(call, 'value', 'an array of strings', value)
  return value as string[]
}

/**
 * Adds `text` (trimmed) to `values`: refused when empty, already there, or when `maxItems`
 * chips are there already.
 */
export function addChipValue(
  values: readonly string[],
  text: string,
  maxItems?: number,
): { values: readonly string[]; added: string | null; refused: ChipAddRefusal | null } {
  const value = text.trim()
  if (value === '') return { values, added: null, refused: 'empty' }
  if (values.includes(value)) return { values, added: null, refused: 'duplicate' }
  if (maxItems !== undefined && values.length >= maxItems)
    return { values, added: null, refused: 'full' }
  return { values: [...values, value], added: value, refused: null }
}

/** `values` without the one at `index`. */
export function removeChipValue(values: readonly string[], index: number): readonly string[] {
  if (!Number.isInteger(index) || index < 0 || index >= values.length)
    throw invalid('removeChipValue', 'index', `an index below ${values.length}`, index)
  return values.filter((_, i) => i !== index)
}

/**
 * Splits typed or pasted text at commas: every complete piece becomes a chip, the text after
 * the last comma stays in the input.
 */
export function splitChipText(text: string): { pieces: string[]; rest: string } {
  const parts = text.split(',')
  const rest = parts.pop() ?? ''
  return { pieces: parts, rest }
}
