import { identityProps, type NormalizeProps } from '../normalizeProps.js'
import { invalid } from '../invalid.js'
import type { FormMessages } from './form.types.js'
import {
  getActiveOption,
  type RelationComboboxEvent,
  type RelationComboboxState,
  type RelationOption,
} from './relationCombobox.model.js'

/** Options of {@link connectRelationCombobox}. */
export interface RelationComboboxConnectOptions {
  /** The id of the text box (the form's control id); the listbox's ids derive from it. */
  id: string
  /** The field's label: names the listbox and the buttons. */
  label: string
  /** The picked document's id, or `null`. */
  value: string | null
  /**
   * The picked document's label (shown while the user is not typing); the id itself while that
   * document loads, when the label of the option just picked is shown instead.
   */
  selectedLabel: string
  /** The matches of the current search. */
  options: readonly RelationOption[]
  /** Whether the matches are still loading. @default false */
  loading?: boolean
  /** Called with the picked id, or `null` when the user clears the field. */
  onValueChange: (id: string | null) => void
  /** Called when the text box loses focus (the form marks the field touched). */
  onBlur?: () => void
  /** Shown but not editable. @default false */
  readOnly?: boolean
  /** The words (`noMatches`, `loadingOptions`, `clear`, `showOptions`). */
  messages: Pick<FormMessages, 'noMatches' | 'loadingOptions' | 'clear' | 'showOptions'>
  /** @default identityProps */
  normalizeProps?: NormalizeProps
}

interface Part {
  'data-scope': 'form'
  'data-part': string
}

/** Props of the combobox's text box. */
export interface RelationInputProps extends Part {
  id: string
  role: 'combobox'
  type: 'text'
  autoComplete: 'off'
  'aria-autocomplete': 'list'
  'aria-expanded': boolean
  'aria-controls': string
  'aria-activedescendant'?: string
  readOnly?: true
  value: string
  onChange: (event: { target: { value: string } }) => void
  onKeyDown: (event: { key: string; altKey?: boolean; preventDefault(): void }) => void
  onBlur: () => void
}

/** Props of one match in the listbox. */
export interface RelationOptionProps extends Part {
  id: string
  role: 'option'
  'aria-selected': boolean
  'data-active'?: ''
  /** Keeps focus in the text box: a pick must not blur it first (which closes the list). */
  onMouseDown: (event: { preventDefault(): void }) => void
  onMouseMove: () => void
  onClick: () => void
}

/** What a view needs to render the combobox. */
export interface RelationComboboxApi {
  open: boolean
  /** The text shown in the box. */
  text: string
  /** The matches to render (only while open). */
  options: readonly RelationOption[]
  /** The text of the list's single disabled entry (no matches, or loading), or `null`. */
  emptyText: string | null
  getInputProps(): RelationInputProps
  getListboxProps(): Part & { id: string; role: 'listbox'; 'aria-label': string; hidden: boolean }
  getOptionProps(option: RelationOption): RelationOptionProps
  getEmptyProps(): Part & { role: 'option'; 'aria-selected': false; 'aria-disabled': 'true' }
  getClearProps(): Part & {
    type: 'button'
    'aria-label': string
    hidden: boolean
    tabIndex: -1
    onClick: () => void
  }
  getToggleProps(): Part & {
    type: 'button'
    'aria-label': string
    'aria-expanded': boolean
    'aria-controls': string
    tabIndex: -1
    onMouseDown: (event: { preventDefault(): void }) => void
    onClick: () => void
  }
}

/**
 * Prop getters of the relation combobox: the text box (`role="combobox"`, `aria-expanded`,
 * `aria-activedescendant`; ↓/↑ open and move, Enter picks, Escape closes then clears the typed
 * text), the listbox and its options, and clear and open buttons kept out of the tab order.
 */
export function connectRelationCombobox(
  state: RelationComboboxState,
  send: (event: RelationComboboxEvent) => void,
  options: RelationComboboxConnectOptions,
): RelationComboboxApi {
  const call = 'connectRelationCombobox()'
  if (typeof options?.id !== 'string' || options.id === '') {
    throw invalid(call, 'options.id', 'a non-empty string', options?.id)
  }
  if (!Array.isArray(options.options)) {
    throw invalid(call, 'options.options', 'an array of { id, label }', options.options)
  }
  const normalize = options.normalizeProps ?? identityProps
  const { id, label, value, messages } = options
  const list = options.options
  const listId = `${id}-listbox`
  const optionId = (o: RelationOption) => `${listId}-${o.id}`
  const active = getActiveOption(state, list)
  const part = (name: string): Part => ({ 'data-scope': 'form', 'data-part': name })
  const count = list.length
  const selectedIndex = list.findIndex((o) => o.id === value)
  const pick = (option: RelationOption) => {
    send({ type: 'SELECT', option })
    options.onValueChange(option.id)
  }
  const picked = state.picked
  const shown = !value
    ? ''
    : picked?.id === value && options.selectedLabel === value
      ? picked.label
      : options.selectedLabel
  const readOnly = options.readOnly === true
  const emptyText = options.loading
    ? messages.loadingOptions
    : count === 0
      ? messages.noMatches
      : null

  return {
    open: state.open,
    text: state.query ?? shown,
    options: state.open ? list : [],
    emptyText: state.open ? emptyText : null,
    getInputProps: () =>
      normalize({
        ...part('combobox-input'),
        id,
        role: 'combobox' as const,
        type: 'text' as const,
        autoComplete: 'off' as const,
        'aria-autocomplete': 'list' as const,
        'aria-expanded': state.open,
        'aria-controls': listId,
        ...(active ? { 'aria-activedescendant': optionId(active) } : {}),
        ...(readOnly ? { readOnly: true as const } : {}),
        value: state.query ?? shown,
        onChange: (event: { target: { value: string } }) => {
          if (!readOnly) send({ type: 'INPUT', value: event.target.value })
        },
        onKeyDown: (event: { key: string; altKey?: boolean; preventDefault(): void }) => {
          if (readOnly) return
          switch (event.key) {
            case 'ArrowDown':
            case 'ArrowUp':
              event.preventDefault()
              if (!state.open || event.altKey) {
                send({ type: 'OPEN', count, selected: Math.max(0, selectedIndex) })
              } else send({ type: 'MOVE', by: event.key === 'ArrowDown' ? 1 : -1, count })
              return
            case 'Enter':
              if (!state.open) return
              event.preventDefault()
              if (active) pick(active)
              return
            case 'Escape':
              if (!state.open && state.query === null) return
              event.preventDefault()
              send({ type: 'CLOSE' })
              return
          }
        },
        onBlur: () => {
          // An emptied box clears the field; any other typed text falls back to the pick.
          if (state.query === '' && value) options.onValueChange(null)
          send({ type: 'CLOSE' })
          options.onBlur?.()
        },
      }),
    getListboxProps: () =>
      normalize({
        ...part('listbox'),
        id: listId,
        role: 'listbox' as const,
        'aria-label': label,
        hidden: !state.open,
      }),
    getOptionProps: (option) =>
      normalize({
        ...part('option'),
        id: optionId(option),
        role: 'option' as const,
        'aria-selected': option.id === value,
        ...(active?.id === option.id ? { 'data-active': '' as const } : {}),
        onMouseDown: (event: { preventDefault(): void }) => event.preventDefault(),
        onMouseMove: () => {
          const index = list.indexOf(option)
          if (index !== state.active) send({ type: 'HIGHLIGHT', index })
        },
        onClick: () => pick(option),
      }),
    getEmptyProps: () =>
      normalize({
        ...part('option-empty'),
        role: 'option' as const,
        'aria-selected': false as const,
        'aria-disabled': 'true' as const,
      }),
    getClearProps: () =>
      normalize({
        ...part('clear'),
        type: 'button' as const,
        'aria-label': messages.clear(label),
        hidden: readOnly || !value,
        tabIndex: -1 as const,
        onClick: () => {
          send({ type: 'CLEAR' })
          options.onValueChange(null)
        },
      }),
    getToggleProps: () =>
      normalize({
        ...part('toggle'),
        type: 'button' as const,
        'aria-label': messages.showOptions(label),
        'aria-expanded': state.open,
        'aria-controls': listId,
        tabIndex: -1 as const,
        onMouseDown: (event: { preventDefault(): void }) => event.preventDefault(),
        onClick: () => {
          if (readOnly) return
          send(
            state.open
              ? { type: 'CLOSE' }
              : { type: 'OPEN', count, selected: Math.max(0, selectedIndex) },
          )
        },
      }),
  }
}
