import type { Placement } from '@floating-ui/dom'

/** Where a floating element sits against its anchor (Floating UI's placements). */
export type PopoverPlacement = Placement

/** Why a popover closed. */
export type PopoverCloseReason = 'escape' | 'outside' | 'anchor' | 'select' | 'tab' | 'api'

/** The state of a popover: open or not, and why it last closed. */
export interface PopoverState {
  open: boolean
  /** Why it last closed, or `null` while open or before it ever closed. */
  closeReason: PopoverCloseReason | null
}

/** What can happen to a popover. */
export type PopoverEvent =
  { type: 'OPEN' } | { type: 'CLOSE'; reason: PopoverCloseReason } | { type: 'TOGGLE' }

/** Words a popover shows or announces. */
export interface PopoverMessages {
  /** Accessible name of the panel when the caller gives none. */
  label: string
}
