import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { isTypeaheadKey } from '../select/listNavigation.js'
import { checkMenuItems, isMenuDivider } from './menu.model.js'
import type { MenuEvent, MenuItem, MenuState } from './menu.types.js'

/** Options of {@link connectMenu}. */
export interface MenuConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Accessible name of the menu. */
  label: string
  /** The entries. */
  items: readonly MenuItem[]
  /** Turns the neutral props into the view framework's. @default identityProps */
  normalizeProps?: NormalizeProps
  /** The clock typeahead uses, in milliseconds. @default Date.now */
  now?: () => number
}

/** The keyboard event fields the menu reads. */
export interface MenuKeyEvent {
  key: string
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  preventDefault(): void
}

interface Part {
  'data-scope': 'menu'
  'data-part': string
}

/** Props of the button that opens the menu (spread on a Button or IconButton). */
export interface MenuTriggerProps extends Part {
  id: string
  'aria-haspopup': 'menu'
  'aria-expanded': boolean
  'aria-controls': string
  'data-state': 'open' | 'closed'
  onClick: () => void
  onKeyDown: (event: MenuKeyEvent) => void
}

/** Props of the menu, a floating element in the top layer. */
export interface MenuContentProps extends Part {
  id: string
  role: 'menu'
  'aria-label': string
  tabIndex: -1
  popover: 'manual'
  hidden: boolean
  'data-metal-floating': ''
  onKeyDown: (event: MenuKeyEvent) => void
}

/** Props of one item. */
export interface MenuItemProps extends Part {
  id: string
  role: 'menuitem' | 'menuitemcheckbox'
  'aria-checked'?: boolean
  'aria-disabled'?: 'true'
  tabIndex: 0 | -1
  'data-highlighted'?: ''
  'data-disabled'?: ''
  onClick: () => void
  onPointerMove: () => void
}

/** What a view needs to render a menu. */
export interface MenuApi {
  open: boolean
  highlightedIndex: number
  /** Id of the element of the highlighted item (to move focus to), or null. */
  highlightedId: string | null
  close(): void
  /** Activates the item at `index`: runs its onSelect and closes. */
  activate(index: number): void
  getTriggerProps(): MenuTriggerProps
  getContentProps(): MenuContentProps
  getItemProps(index: number): MenuItemProps
  getItemIconProps(index: number): Part & { 'aria-hidden': 'true' }
  getItemLabelProps(index: number): Part
  getSeparatorProps(index: number): Part & { role: 'separator' }
}

/**
 * Prop getters for the menu button pattern: a button with `aria-haspopup="menu"` opening a
 * `role="menu"` whose items take focus in turn (arrows wrap, Home/End, typeahead), Enter or Space
 * activates, Escape and Tab close (focus back on the button).
 */
export function connectMenu(
  state: MenuState,
  send: (event: MenuEvent) => void,
  options: MenuConnectOptions,
): MenuApi {
  if (typeof options?.id !== 'string' || options.id === '')
    throw invalid('connectMenu', 'options.id', 'a non-empty string', options?.id)
  if (typeof options.label !== 'string' || options.label === '')
    throw invalid('connectMenu', 'label', 'a non-empty string', options.label)
  const items = checkMenuItems('connectMenu', options.items)
  const normalize = options.normalizeProps ?? identityProps
  const now = options.now ?? Date.now
  const menuId = `${options.id}-menu`
  const itemId = (i: number) => `${options.id}-item-${i}`
  const part = (name: string): Part => ({ 'data-scope': 'menu', 'data-part': name })
  const stateName = state.open ? 'open' : 'closed'

  const activate = (index: number) => {
    const item = items[index]
    if (!item || isMenuDivider(item) || item.disabled) return
    send({ type: 'CLOSE' })
    item.onSelect()
  }

  return {
    open: state.open,
    highlightedIndex: state.highlightedIndex,
    highlightedId:
      state.open && state.highlightedIndex >= 0 ? itemId(state.highlightedIndex) : null,
    close: () => send({ type: 'CLOSE' }),
    activate,
    getTriggerProps: () =>
      normalize({
        ...part('trigger'),
        id: `${options.id}-trigger`,
        'aria-haspopup': 'menu',
        'aria-expanded': state.open,
        'aria-controls': menuId,
        'data-state': stateName,
        onClick: () =>
          send(state.open ? { type: 'CLOSE' } : { type: 'OPEN', items, highlight: 'first' }),
        onKeyDown: (event: MenuKeyEvent) => {
          if (state.open) return
          if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ')
            send({ type: 'OPEN', items, highlight: 'first' })
          else if (event.key === 'ArrowUp') send({ type: 'OPEN', items, highlight: 'last' })
          else return
          event.preventDefault()
        },
      }),
    getContentProps: () =>
      normalize({
        ...part('content'),
        id: menuId,
        role: 'menu',
        'aria-label': options.label,
        tabIndex: -1,
        popover: 'manual',
        hidden: !state.open,
        'data-metal-floating': '',
        onKeyDown: (event: MenuKeyEvent) => {
          const { key } = event
          if (key === 'ArrowDown') send({ type: 'MOVE', items, step: 1 })
          else if (key === 'ArrowUp') send({ type: 'MOVE', items, step: -1 })
          else if (key === 'Home' || key === 'PageUp') send({ type: 'FIRST', items })
          else if (key === 'End' || key === 'PageDown') send({ type: 'LAST', items })
          else if (key === 'Enter' || key === ' ') activate(state.highlightedIndex)
          else if (key === 'Escape' || key === 'Tab') send({ type: 'CLOSE' })
          else if (isTypeaheadKey(key, !!(event.ctrlKey || event.metaKey || event.altKey)))
            send({ type: 'TYPEAHEAD', items, key, now: now() })
          else return
          event.preventDefault()
        },
      }),
    getItemProps: (index: number) => {
      const item = items[index]
      if (!item || isMenuDivider(item))
        throw invalid('getItemProps', 'index', 'the index of an item (not a divider)', index)
      return normalize({
        ...part('item'),
        id: itemId(index),
        role: item.checked === undefined ? 'menuitem' : 'menuitemcheckbox',
        'aria-checked': item.checked,
        'aria-disabled': item.disabled ? 'true' : undefined,
        tabIndex: index === state.highlightedIndex ? 0 : -1,
        'data-highlighted': index === state.highlightedIndex ? '' : undefined,
        'data-disabled': item.disabled ? '' : undefined,
        onClick: () => activate(index),
        onPointerMove: () => {
          if (!item.disabled && state.highlightedIndex !== index) send({ type: 'HIGHLIGHT', index })
        },
      })
    },
    getItemIconProps: () => normalize({ ...part('item-icon'), 'aria-hidden': 'true' }),
    getItemLabelProps: () => normalize(part('item-label')),
    getSeparatorProps: () => normalize({ ...part('separator'), role: 'separator' }),
  }
}
