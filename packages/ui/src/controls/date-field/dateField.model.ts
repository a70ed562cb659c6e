import { invalid } from '../../invalid.js'
import type { DateFieldEvent, DateFieldState } from './dateField.types.js'

/** A date field's first state, showing `text` (the value as the user writes dates). */
export function initDateField(text: string, focusedDate: string): DateFieldState {
  return { text, dirty: false, focused: false, error: null, open: false, focusedDate }
}

/** The state after `event`; the same object when nothing changes. */
export function updateDateField(state: DateFieldState, event: DateFieldEvent): DateFieldState {
  switch (event.type) {
    case 'SYNC':
      // The value changed from outside: show it, unless the user is typing.
      return state.dirty || state.text === event.text ? state : { ...state, text: event.text }
    case 'INPUT':
      return { ...state, text: event.text, dirty: true }
    case 'COMMITTED':
      return { ...state, text: event.text, dirty: event.error !== null, error: event.error }
    case 'FOCUS':
      return state.focused ? state : { ...state, focused: true }
    case 'BLUR':
      return state.focused ? { ...state, focused: false } : state
    case 'OPEN':
      return { ...state, open: true, focusedDate: event.date }
    case 'CLOSE':
      return state.open ? { ...state, open: false } : state
    case 'FOCUS_DATE':
      return state.focusedDate === event.date ? state : { ...state, focusedDate: event.date }
    default:
      throw invalid('updateDateField', 'event.type', 'a date field event', event)
  }
}
