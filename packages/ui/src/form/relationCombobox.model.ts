// The relation combobox: a text box that searches another collection by the label's prefix and
// a list of matches to pick from (WAI-ARIA combobox with a listbox popup). Pure transitions.

import type { DocumentData, Query } from '@metal/core'
import { invalid } from '../invalid.js'
import type { RelationDefinition } from './form.types.js'

/** A document the combobox can pick: its id (the stored value) and its label. */
export interface RelationOption {
  id: string
  label: string
}

/** The combobox's own state; the picked id lives in the form, the matches in the query. */
export interface RelationComboboxState {
  /** What the user typed since the last pick, or `null` to show the picked document's label. */
  readonly query: string | null
  readonly open: boolean
  /** Index of the highlighted match (`aria-activedescendant`) while open, else -1. */
  readonly active: number
  /**
   * The option picked last, with its label: shown until the picked document itself has loaded,
   * so the box never flashes the bare id between a pick and that load.
   */
  readonly picked: RelationOption | null
}

/** What can happen to the combobox. `count` is how many matches are listed now. */
export type RelationComboboxEvent =
  | { type: 'INPUT'; value: string }
  | { type: 'OPEN'; count: number; selected?: number }
  | { type: 'CLOSE' }
  | { type: 'MOVE'; by: number; count: number }
  | { type: 'HIGHLIGHT'; index: number }
  | { type: 'SELECT'; option?: RelationOption }
  | { type: 'CLEAR' }

/** The combobox before any interaction: closed, showing the picked document. */
export function initRelationCombobox(): RelationComboboxState {
  return { query: null, open: false, active: -1, picked: null }
}

// With no matches listed yet (they load after opening), the first one to come is highlighted.
const clamp = (i: number, count: number) => Math.max(0, Math.min(count - 1, i))

/** The state after `event` (the same object when nothing changes). */
export function transitionRelationCombobox(
  state: RelationComboboxState,
  event: RelationComboboxEvent,
): RelationComboboxState {
  switch (event?.type) {
    case 'INPUT':
      return { query: event.value, open: true, active: 0, picked: state.picked }
    case 'OPEN':
      if (state.open) return state
      return { ...state, open: true, active: clamp(event.selected ?? 0, event.count) }
    case 'CLOSE':
      return state.open || state.query !== null
        ? { ...initRelationCombobox(), picked: state.picked }
        : state
    case 'SELECT': {
      const picked = event.option ?? state.picked
      return state.open || state.query !== null || picked !== state.picked
        ? { ...initRelationCombobox(), picked }
        : state
    }
    case 'CLEAR':
      return state.open || state.query !== null || state.picked !== null
        ? initRelationCombobox()
        : state
    case 'MOVE':
      if (!state.open) return { ...state, open: true, active: clamp(0, event.count) }
      return { ...state, active: clamp(state.active + event.by, event.count) }
    case 'HIGHLIGHT':
      return state.active === event.index ? state : { ...state, active: event.index }
    default:
      throw invalid(
        'transitionRelationCombobox()',
        'event.type',
        'INPUT, OPEN, CLOSE, MOVE, HIGHLIGHT, SELECT or CLEAR',
        (event as { type?: unknown } | undefined)?.type,
      )
  }
}

/** The highlighted match, if the list is open and has one. */
export function getActiveOption(
  state: RelationComboboxState,
  options: readonly RelationOption[],
): RelationOption | null {
  if (!state.open || options.length === 0) return null
  return options[clamp(state.active, options.length)] ?? null
}

/**
 * The search a relation runs for what was typed: documents whose label starts with it, by the
 * query engine (so it scales with the collection), ordered by label, at most `limit`.
 */
export function buildRelationQuery<T extends DocumentData>(
  q: Query<T>,
  relation: RelationDefinition,
  search: string,
): Query<T> {
  const { labelField, limit = 20 } = relation
  const filtered = search
    ? q.where(labelField, '>=', search).where(labelField, '<', `${search}\uf8ff`)
    : q
  return filtered.orderBy(labelField).limit(limit)
}

/** A related document's label: its label field, or its id when that is not a string. */
export function relationLabel(
  row: Readonly<Record<string, unknown>> | null | undefined,
  relation: RelationDefinition,
  id: string,
): string {
  const value = row?.[relation.labelField]
  return typeof value === 'string' ? value : id
}
