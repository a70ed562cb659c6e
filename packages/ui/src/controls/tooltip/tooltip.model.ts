import { invalid } from '../../invalid.js'
import type { TooltipEvent, TooltipState } from './tooltip.types.js'

/** How long the pointer rests on the trigger before the tooltip shows, in milliseconds. */
export const TOOLTIP_SHOW_DELAY = 500
/** How long after the pointer leaves the tooltip hides (time to move onto it), in milliseconds. */
export const TOOLTIP_HIDE_DELAY = 150

/** A tooltip's first state: hidden. */
export function initTooltip(): TooltipState {
  return { open: false, pending: null }
}

/**
 * The state after `event`. Hovering shows after {@link TOOLTIP_SHOW_DELAY}, focus shows at once;
 * leaving hides after {@link TOOLTIP_HIDE_DELAY} unless the pointer reaches the tooltip; blur
 * and Escape hide at once. The view runs the delay and sends DELAY_ELAPSED.
 */
export function updateTooltip(state: TooltipState, event: TooltipEvent): TooltipState {
  switch (event.type) {
    case 'POINTER_ENTER':
      return state.open ? { open: true, pending: null } : { open: false, pending: 'show' }
    case 'CONTENT_POINTER_ENTER':
      return state.pending === 'hide' ? { open: true, pending: null } : state
    case 'POINTER_LEAVE':
      return state.open ? { open: true, pending: 'hide' } : { open: false, pending: null }
    case 'FOCUS':
      return { open: true, pending: null }
    case 'BLUR':
    case 'ESCAPE':
      return state.open || state.pending ? { open: false, pending: null } : state
    case 'DELAY_ELAPSED':
      if (state.pending === 'show') return { open: true, pending: null }
      if (state.pending === 'hide') return { open: false, pending: null }
      return state
    default:
      throw invalid('updateTooltip', 'event.type', 'a tooltip event', event)
  }
}
