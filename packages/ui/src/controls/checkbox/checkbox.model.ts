import { invalid } from '../../invalid.js'
import type { CheckboxCheckedState, CheckboxEvent, CheckboxState } from './checkbox.types.js'

/** Checks a caller's checkbox state, naming `call` in the error. */
export function initCheckbox(input: CheckboxState, call = 'initCheckbox'): CheckboxState {
  if (input === null || typeof input !== 'object') throw invalid(call, 'state', 'an object', input)
  if (typeof input.checked !== 'boolean') {
    throw invalid(call, 'checked', 'a boolean', input.checked)
  }
  for (const field of ['indeterminate', 'disabled', 'invalid'] as const) {
    const value = input[field]
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalid(call, field, 'a boolean or undefined', value)
    }
  }
  return {
    checked: input.checked,
    indeterminate: input.indeterminate === true,
    disabled: input.disabled === true,
    invalid: input.invalid === true,
  }
}

/** What the box shows. */
export function getCheckedState(state: CheckboxState): CheckboxCheckedState {
  if (state.indeterminate) return 'indeterminate'
  return state.checked ? 'checked' : 'unchecked'
}

/** The next state after `event`; a disabled checkbox does not change. */
export function updateCheckbox(state: CheckboxState, event: CheckboxEvent): CheckboxState {
  if (state.disabled) return state
  switch (event.type) {
    case 'TOGGLE':
      // An indeterminate box ("some") becomes checked ("all"), as in every platform's tables.
      return { ...state, checked: getCheckedState(state) !== 'checked', indeterminate: false }
    case 'SET_CHECKED':
      return { ...state, checked: event.checked, indeterminate: false }
  }
}
