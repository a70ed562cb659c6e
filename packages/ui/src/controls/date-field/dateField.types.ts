/** Why typed text was not taken as the value. */
export type DateFieldError = 'invalid' | 'min' | 'max'

/** What a date field keeps between renders. */
export interface DateFieldState {
  /** The text in the input. */
  text: string
  /** Whether the text was edited since it last matched the value. */
  dirty: boolean
  focused: boolean
  /** The problem with the text last committed, or `null`. */
  error: DateFieldError | null
  /** Whether the calendar is open. */
  open: boolean
  /** The day the calendar's keyboard focus is on ('YYYY-MM-DD'). */
  focusedDate: string
}

/** What can happen to a date field. */
export type DateFieldEvent =
  | { type: 'SYNC'; text: string }
  | { type: 'INPUT'; text: string }
  | { type: 'COMMITTED'; text: string; error: DateFieldError | null }
  | { type: 'FOCUS' }
  | { type: 'BLUR' }
  | { type: 'OPEN'; date: string }
  | { type: 'CLOSE' }
  | { type: 'FOCUS_DATE'; date: string }

/** Words a date field shows or announces. */
export interface DateFieldMessages {
  /** Accessible name of the button that opens the calendar. */
  openCalendar: string
  /** Accessible name of the calendar dialog. */
  calendar: string
  previousMonth: string
  nextMonth: string
  /** The error for text that is not a date; `pattern` is e.g. 'MM/DD/YYYY'. */
  invalidDate: (pattern: string) => string
  /** The error for a date before `min` (written as the user writes dates). */
  beforeMin: (min: string) => string
  /** The error for a date after `max`. */
  afterMax: (max: string) => string
}
