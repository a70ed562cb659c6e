import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import type { TooltipEvent, TooltipState } from './tooltip.types.js'

/** Options of {@link connectTooltip}. */
export interface TooltipConnectOptions {
  /** Base of the ids given to the parts. */
  id: string
  /** The tooltip's text. */
  content: string
  /**
   * Whether the trigger is described by the tooltip (`aria-describedby`). Turn off when the
   * tooltip repeats the trigger's accessible name (an icon button's label). @default true
   */
  describeTrigger?: boolean
  /** Turns the neutral props into the view framework's. @default identityProps */
  normalizeProps?: NormalizeProps
}

/** Props the trigger (the tooltip's child) gets. */
export interface TooltipTriggerProps {
  'aria-describedby'?: string
  'data-tooltip-state': 'open' | 'closed'
  onPointerEnter: () => void
  onPointerLeave: () => void
  onFocus: () => void
  onBlur: () => void
  onKeyDown: (event: { key: string }) => void
}

/** Props of the tooltip itself. */
export interface TooltipContentProps {
  'data-scope': 'tooltip'
  'data-part': 'content'
  'data-state': 'open' | 'closed'
  id: string
  role: 'tooltip'
  popover: 'manual'
  hidden: boolean
  'data-metal-floating': ''
  onPointerEnter: () => void
  onPointerLeave: () => void
}

/** What a view needs to render a tooltip. */
export interface TooltipApi {
  open: boolean
  /** A change waiting for its delay (the view times it and sends DELAY_ELAPSED). */
  pending: TooltipState['pending']
  getTriggerProps(): TooltipTriggerProps
  getContentProps(): TooltipContentProps
}

/**
 * Prop getters for a Material 3 plain tooltip: shown on hover (after a short delay) and on
 * focus, hidden on leave, blur and Escape; the trigger is described by it.
 */
export function connectTooltip(
  state: TooltipState,
  send: (event: TooltipEvent) => void,
  options: TooltipConnectOptions,
): TooltipApi {
  if (typeof options?.id !== 'string' || options.id === '')
    throw invalid('connectTooltip', 'options.id', 'a non-empty string', options?.id)
  if (typeof options.content !== 'string' || options.content === '')
    throw invalid('connectTooltip', 'content', 'a non-empty string', options.content)
  const normalize = options.normalizeProps ?? identityProps
  const contentId = `${options.id}-tooltip`
  const stateName = state.open ? 'open' : 'closed'
  return {
    open: state.open,
    pending: state.pending,
    getTriggerProps: () =>
      normalize({
        'aria-describedby': options.describeTrigger === false ? undefined : contentId,
        'data-tooltip-state': stateName,
        onPointerEnter: () => send({ type: 'POINTER_ENTER' }),
        onPointerLeave: () => send({ type: 'POINTER_LEAVE' }),
        onFocus: () => send({ type: 'FOCUS' }),
        onBlur: () => send({ type: 'BLUR' }),
        onKeyDown: (event: { key: string }) => {
          if (event.key === 'Escape' && state.open) send({ type: 'ESCAPE' })
        },
      }),
    getContentProps: () =>
      normalize({
        'data-scope': 'tooltip',
        'data-part': 'content',
        'data-state': stateName,
        id: contentId,
        role: 'tooltip',
        popover: 'manual',
        hidden: !state.open,
        'data-metal-floating': '',
        onPointerEnter: () => send({ type: 'CONTENT_POINTER_ENTER' }),
        onPointerLeave: () => send({ type: 'POINTER_LEAVE' }),
      }),
  }
}
