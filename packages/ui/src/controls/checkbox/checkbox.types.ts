/** What a checkbox shows: a check, a dash (indeterminate: some of a set) or nothing. */
export type CheckboxCheckedState = 'checked' | 'unchecked' | 'indeterminate'

/** The state of one checkbox (controlled: it mirrors the caller's props). */
export interface CheckboxState {
  /** Whether it is checked. */
  checked: boolean
  /** Shows a dash instead, whatever `checked` says ("some rows selected"). @default false */
  indeterminate?: boolean
  /** Unavailable: 38 % opacity, cannot be toggled. @default false */
  disabled?: boolean
  /** Shows the error colours and sets `aria-invalid`. @default false */
  invalid?: boolean
}

/** What the user can do to a checkbox. */
export type CheckboxEvent =
  /** Click or Space: unchecked and indeterminate become checked, checked becomes unchecked. */
  { type: 'TOGGLE' } | { type: 'SET_CHECKED'; checked: boolean }
