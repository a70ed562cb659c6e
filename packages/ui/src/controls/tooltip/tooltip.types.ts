/** What a tooltip keeps between renders. */
export interface TooltipState {
  open: boolean
  /** A change waiting for its delay: show after hovering a moment, hide after leaving. */
  pending: 'show' | 'hide' | null
}

/** What can happen to a tooltip. */
export type TooltipEvent =
  | { type: 'POINTER_ENTER' }
  | { type: 'POINTER_LEAVE' }
  | { type: 'CONTENT_POINTER_ENTER' }
  | { type: 'FOCUS' }
  | { type: 'BLUR' }
  | { type: 'ESCAPE' }
  /** The pending change's delay has passed. */
  | { type: 'DELAY_ELAPSED' }
