import type { IconName } from '../../icons/icons.js'
import type { TypeaheadState } from '../select/listNavigation.js'

/** A menu entry the user can activate. */
export interface MenuActionItem {
  /** Unique within the menu. */
  id: string
  /** What the user sees (and typeahead matches). */
  label: string
  /** An icon before the label. */
  icon?: IconName
  /** Shown but cannot be activated. @default false */
  disabled?: boolean
  /** Makes it a checkable item (`menuitemcheckbox`) with this state; omitted for plain items. */
  checked?: boolean
  /** Runs when the item is activated (click, Enter, Space); the menu then closes. */
  onSelect: () => void
}

/** A line between groups of items. */
export interface MenuDivider {
  type: 'divider'
}

/** One entry of a menu. */
export type MenuItem = MenuActionItem | MenuDivider

/** What a menu keeps between renders. */
export interface MenuState {
  open: boolean
  /** Index (into the items) of the item with focus, or -1. */
  highlightedIndex: number
  typeahead: TypeaheadState
}

/** What can happen to a menu. */
export type MenuEvent =
  | { type: 'OPEN'; items: readonly MenuItem[]; highlight: 'first' | 'last' }
  | { type: 'CLOSE' }
  | { type: 'HIGHLIGHT'; index: number }
  | { type: 'MOVE'; items: readonly MenuItem[]; step: 1 | -1 }
  | { type: 'FIRST' | 'LAST'; items: readonly MenuItem[] }
  | { type: 'TYPEAHEAD'; items: readonly MenuItem[]; key: string; now: number }
