/** One choice of a radio group. */
export interface RadioOption {
  /** The value reported when it is picked; unique in the group. */
  value: string
  /** Its visible label. */
  label: string
  /** Cannot be picked; arrow keys skip it. @default false */
  disabled?: boolean
}

/** The state of a radio group (controlled: it mirrors the caller's props). */
export interface RadioGroupState {
  /** The picked value, or null for none yet. */
  value: string | null
  options: readonly RadioOption[]
  /** The whole group is unavailable. @default false */
  disabled?: boolean
  /** How the options are laid out. @default 'vertical' */
  orientation?: 'vertical' | 'horizontal'
}

/** What the user can do: pick a value (click, Space, arrow keys). */
export type RadioGroupEvent = { type: 'SELECT'; value: string }

/** Keys that move the selection. */
export type RadioMoveKey = 'ArrowDown' | 'ArrowRight' | 'ArrowUp' | 'ArrowLeft' | 'Home' | 'End'
