import { invalid } from '../../invalid.js'

/** The state of a switch (controlled: it mirrors the caller's props). */
export interface SwitchState {
  /** On or off. */
  checked: boolean
  /** Unavailable: 38 % opacity, cannot be flipped. @default false */
  disabled?: boolean
}

/** What the user can do to a switch: flip it (click, Space) or set it. */
export type SwitchEvent = { type: 'TOGGLE' } | { type: 'SET_CHECKED'; checked: boolean }

/** Checks a caller's switch state, naming `call` in the error. */
export function initSwitch(input: SwitchState, call = 'initSwitch'): SwitchState {
  if (input === null || typeof input !== 'object') throw invalid(call, 'state', 'an object', input)
  if (typeof input.checked !== 'boolean') {
    throw invalid(call, 'checked', 'a boolean', input.checked)
  }
  if (input.disabled !== undefined && typeof input.disabled !== 'boolean') {
    throw invalid(call, 'disabled', 'a boolean or undefined', input.disabled)
  }
  return { checked: input.checked, disabled: input.disabled === true }
}

/** The next state after `event`; a disabled switch does not change. */
export function updateSwitch(state: SwitchState, event: SwitchEvent): SwitchState {
  if (state.disabled) return state
  switch (event.type) {
    case 'TOGGLE':
      return { ...state, checked: !state.checked }
    case 'SET_CHECKED':
      return { ...state, checked: event.checked }
  }
}
