import type { TypeaheadState } from './listNavigation.js'

/** One choice of a select. */
export interface SelectOption {
  /** The value `onValueChange` receives. */
  value: string
  /** What the user sees. */
  label: string
  /** Shown but cannot be picked. @default false */
  disabled?: boolean
}

/** What a select keeps between renders. */
export interface SelectState {
  open: boolean
  /** Index of the option the keyboard is on (`aria-activedescendant`), or -1. */
  highlightedIndex: number
  /** Whether the trigger has focus. */
  focused: boolean
  typeahead: TypeaheadState
}

/** What can happen to a select. */
export type SelectEvent =
  | {
      type: 'OPEN'
      options: readonly SelectOption[]
      value: string | null
      highlight?: 'selected' | 'first' | 'last'
    }
  | { type: 'CLOSE' }
  | { type: 'HIGHLIGHT'; index: number }
  | { type: 'MOVE'; options: readonly SelectOption[]; step: 1 | -1 }
  | { type: 'FIRST' | 'LAST'; options: readonly SelectOption[] }
  | {
      type: 'TYPEAHEAD'
      options: readonly SelectOption[]
      value: string | null
      key: string
      now: number
    }
  | { type: 'FOCUS' }
  | { type: 'BLUR' }

/** Words a select shows or announces. */
export interface SelectMessages {
  /** Shown in the trigger when nothing is picked and the label floats. */
  placeholder: string
}
