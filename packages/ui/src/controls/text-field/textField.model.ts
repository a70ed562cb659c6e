import { invalid } from '../../invalid.js'
import type { TextFieldEvent, TextFieldState } from './textField.types.js'

/** A text field's first state: not focused. */
export function initTextField(): TextFieldState {
  return { focused: false }
}

/** The state after `event`; the same object when nothing changes. */
export function updateTextField(state: TextFieldState, event: TextFieldEvent): TextFieldState {
  switch (event.type) {
    case 'FOCUS':
      return state.focused ? state : { focused: true }
    case 'BLUR':
      return state.focused ? { focused: false } : state
    default:
      throw invalid('updateTextField', 'event.type', "'FOCUS' or 'BLUR'", event)
  }
}

/** Whether the label floats above the value: while focused, or when there is something to show. */
export function isLabelFloating(focused: boolean, hasValue: boolean): boolean {
  return focused || hasValue
}
