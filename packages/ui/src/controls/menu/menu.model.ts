import { invalid } from '../../invalid.js'
import { isIconName } from '../../icons/icons.js'
import {
  EMPTY_TYPEAHEAD,
  firstEnabled,
  lastEnabled,
  moveIndex,
  typeahead,
  type NavigableItem,
} from '../select/listNavigation.js'
import type { MenuActionItem, MenuEvent, MenuItem, MenuState } from './menu.types.js'

/** A menu's first state: closed. */
export function initMenu(): MenuState {
  return { open: false, highlightedIndex: -1, typeahead: EMPTY_TYPEAHEAD }
}

/** Whether `item` is a divider. */
export function isMenuDivider(item: MenuItem): item is { type: 'divider' } {
  return (item as { type?: string }).type === 'divider'
}

/** The items as list navigation sees them: dividers cannot be landed on. */
function navigable(items: readonly MenuItem[]): NavigableItem[] {
  return items.map((item) =>
    isMenuDivider(item)
      ? { label: '', disabled: true }
      : { label: item.label, disabled: item.disabled },
  )
}

/** Checks menu items: action items with unique ids, labels and onSelect, or dividers. */
export function checkMenuItems(call: string, items: unknown): readonly MenuItem[] {
  if (!Array.isArray(items)) throw invalid(call, 'items', 'an array', items)
  const ids = new Set<string>()
  items.forEach((raw: unknown, i) => {
    const item = raw as MenuActionItem & { type?: string }
    if (item && item.type === 'divider') return
    if (!item || typeof item.id !== 'string' || typeof item.label !== 'string')
      throw invalid(
        call,
        `items[${i}]`,
        "an item with string id and label, or { type: 'divider' }",
        raw,
      )
    if (typeof item.onSelect !== 'function')
      throw invalid(call, `items[${i}].onSelect`, 'a function', item.onSelect)
    if (item.icon !== undefined && !isIconName(item.icon))
      throw invalid(call, `items[${i}].icon`, 'a built-in icon name', item.icon)
    if (item.checked !== undefined && typeof item.checked !== 'boolean')
      throw invalid(call, `items[${i}].checked`, 'a boolean', item.checked)
    if (ids.has(item.id)) throw invalid(call, `items[${i}].id`, 'unique', item.id)
    ids.add(item.id)
  })
  return items as MenuItem[]
}

/** The state after `event`; the same object when nothing changes. */
export function updateMenu(state: MenuState, event: MenuEvent): MenuState {
  switch (event.type) {
    case 'OPEN': {
      const items = navigable(event.items)
      const index = event.highlight === 'last' ? lastEnabled(items) : firstEnabled(items)
      return { open: true, highlightedIndex: index, typeahead: EMPTY_TYPEAHEAD }
    }
    case 'CLOSE':
      return state.open ? initMenu() : state
    case 'HIGHLIGHT':
      return state.highlightedIndex === event.index
        ? state
        : { ...state, highlightedIndex: event.index }
    case 'MOVE':
      return {
        ...state,
        highlightedIndex: moveIndex(
          navigable(event.items),
          state.highlightedIndex,
          event.step,
          true,
        ),
      }
    case 'FIRST':
      return { ...state, highlightedIndex: firstEnabled(navigable(event.items)) }
    case 'LAST':
      return { ...state, highlightedIndex: lastEnabled(navigable(event.items)) }
    case 'TYPEAHEAD': {
      const found = typeahead(
        navigable(event.items),
        state.highlightedIndex,
        state.typeahead,
        event.key,
        event.now,
      )
      return { ...state, highlightedIndex: found.index, typeahead: found.memory }
    }
    default:
      throw invalid('updateMenu', 'event.type', 'a menu event', event)
  }
}
