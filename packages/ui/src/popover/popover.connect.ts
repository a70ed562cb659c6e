import { identityProps, type NormalizeProps } from '../normalizeProps.js'
import { invalid } from '../invalid.js'
import type { PopoverEvent, PopoverMessages, PopoverState } from './popover.types.js'

/** The default English messages. */
export const DEFAULT_POPOVER_MESSAGES: PopoverMessages = { label: 'Panel' }

/** Options of {@link connectPopover}. */
export interface PopoverConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Accessible name of the panel (overrides `messages.label`). */
  label?: string
  /** Turns the neutral props into the view framework's. @default identityProps */
  normalizeProps?: NormalizeProps
  /** Words to use instead of the English defaults. */
  messages?: Partial<PopoverMessages>
}

/** Attributes every part carries, for styling. */
export interface PopoverPartProps {
  'data-scope': 'popover'
  'data-part': string
  'data-state': 'open' | 'closed'
}

/** Props of a button that opens and closes the panel. */
export interface PopoverTriggerProps extends PopoverPartProps {
  type: 'button'
  'aria-haspopup': 'dialog'
  'aria-expanded': boolean
  'aria-controls': string
  onClick: () => void
}

/** Props of the panel: a non-modal dialog shown in the top layer. */
export interface PopoverContentProps extends PopoverPartProps {
  id: string
  role: 'dialog'
  'aria-label': string
  tabIndex: -1
  popover: 'manual'
  hidden: boolean
  /** Marks a floating surface, for the shared floating styles. */
  'data-metal-floating': ''
}

/** What a view needs to render a popover. */
export interface PopoverApi {
  open: boolean
  setOpen(open: boolean): void
  getTriggerProps(): PopoverTriggerProps
  getContentProps(): PopoverContentProps
}

/**
 * Prop getters for a non-modal panel (filter panel, columns panel) and the button that opens it.
 * Placing, top layer, Escape and outside presses are the popover service's (`openPopover`).
 */
export function connectPopover(
  state: PopoverState,
  send: (event: PopoverEvent) => void,
  options: PopoverConnectOptions,
): PopoverApi {
  if (typeof options?.id !== 'string' || options.id === '')
    throw invalid('connectPopover', 'options.id', 'a non-empty string', options?.id)
  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_POPOVER_MESSAGES, ...options.messages }
  const contentId = `${options.id}-content`
  const part = (name: string): PopoverPartProps => ({
    'data-scope': 'popover',
    'data-part': name,
    'data-state': state.open ? 'open' : 'closed',
  })
  return {
    open: state.open,
    setOpen: (open) => send(open ? { type: 'OPEN' } : { type: 'CLOSE', reason: 'api' }),
    getTriggerProps: () =>
      normalize({
        ...part('trigger'),
        type: 'button',
        'aria-haspopup': 'dialog',
        'aria-expanded': state.open,
        'aria-controls': contentId,
        onClick: () => send({ type: 'TOGGLE' }),
      }),
    getContentProps: () =>
      normalize({
        ...part('content'),
        id: contentId,
        role: 'dialog',
        'aria-label': options.label ?? messages.label,
        tabIndex: -1,
        popover: 'manual',
        hidden: !state.open,
        'data-metal-floating': '',
      }),
  }
}
