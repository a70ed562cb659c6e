/** What a chip input keeps between renders. */
export interface ChipInputState {
  /** The text being typed, not yet a chip. */
  draft: string
  focused: boolean
  /** What to announce politely after the last change ("Added urgent"), or ''. */
  announcement: string
}

/** What can happen to a chip input. */
export type ChipInputEvent =
  | { type: 'SET_DRAFT'; draft: string }
  | { type: 'FOCUS' }
  | { type: 'BLUR' }
  | { type: 'ANNOUNCE'; message: string }

/** Words chips show or announce. */
export interface ChipsMessages {
  /** Accessible name of a chip's remove button. */
  remove: (label: string) => string
  /** Announced when a chip is added. */
  added: (label: string) => string
  /** Announced when a chip is removed. */
  removed: (label: string) => string
  /** Announced when a value is already a chip. */
  duplicate: (label: string) => string
  /** Announced when no more chips fit. */
  full: (maxItems: number) => string
}

/** Why a value was not added. */
export type ChipAddRefusal = 'empty' | 'duplicate' | 'full'
