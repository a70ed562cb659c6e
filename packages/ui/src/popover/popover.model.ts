import { invalid } from '../invalid.js'
import type { PopoverEvent, PopoverState } from './popover.types.js'

/** A popover's first state, closed unless `open` says otherwise. */
export function initPopover(options: { open?: boolean } = {}): PopoverState {
  if (options.open !== undefined && typeof options.open !== 'boolean')
    throw invalid('initPopover', 'open', 'a boolean', options.open)
  return { open: options.open ?? false, closeReason: null }
}

/** The popover state after `event`; the same object when nothing changes. */
export function updatePopover(state: PopoverState, event: PopoverEvent): PopoverState {
  switch (event.type) {
    case 'OPEN':
      return state.open ? state : { open: true, closeReason: null }
    case 'CLOSE':
      return state.open ? { open: false, closeReason: event.reason } : state
    case 'TOGGLE':
      return state.open ? { open: false, closeReason: 'anchor' } : { open: true, closeReason: null }
    default:
      throw invalid('updatePopover', 'event.type', "'OPEN', 'CLOSE' or 'TOGGLE'", event)
  }
}
