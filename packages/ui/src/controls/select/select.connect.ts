import { invalid } from '../../invalid.js'
import { identityProps } from '../../normalizeProps.js'
import {
  connectFieldFrame,
  type FieldFrameApi,
  type FieldFrameOptions,
} from '../text-field/field.connect.js'
import { isTypeaheadKey } from './listNavigation.js'
import { checkSelectOptions, indexOfValue } from './select.model.js'
import type { SelectEvent, SelectMessages, SelectOption, SelectState } from './select.types.js'

/** The default English messages. */
export const DEFAULT_SELECT_MESSAGES: SelectMessages = { placeholder: 'Choose…' }

/** Options of {@link connectSelect}. */
export interface SelectConnectOptions extends Omit<
  FieldFrameOptions,
  'control' | 'focused' | 'hasValue' | 'length' | 'maxLength' | 'multiline' | 'messages'
> {
  /** The choices. */
  options: readonly SelectOption[]
  /** The picked value, or `null`. */
  value: string | null
  /** Called with the value the user picks. */
  onValueChange?: (value: string) => void
  /** Shown in the trigger while nothing is picked and the label floats. */
  placeholder?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<SelectMessages>
  /** Form field name (a hidden input carries the value). */
  name?: string
  /** The clock typeahead uses, in milliseconds. @default Date.now */
  now?: () => number
}

/** The keyboard event fields the select reads. */
export interface SelectKeyEvent {
  key: string
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  preventDefault(): void
}

interface Part<S extends string> {
  'data-scope': S
  'data-part': string
}

/** Props of the trigger: a button with role combobox (the listbox pattern's select-only combobox). */
export interface SelectTriggerProps extends Part<'select'> {
  id: string
  type: 'button'
  role: 'combobox'
  'aria-haspopup': 'listbox'
  'aria-expanded': boolean
  'aria-controls': string
  'aria-labelledby': string
  'aria-activedescendant'?: string
  'aria-describedby'?: string
  'aria-invalid'?: 'true'
  'aria-required'?: 'true'
  disabled?: boolean
  'data-state': 'open' | 'closed'
  'data-placeholder'?: ''
  onClick: () => void
  onKeyDown: (event: SelectKeyEvent) => void
  onKeyUp: (event: SelectKeyEvent) => void
  onFocus: () => void
  onBlur: () => void
}

/** Props of the listbox, a floating element in the top layer. */
export interface SelectListboxProps extends Part<'select'> {
  id: string
  role: 'listbox'
  'aria-labelledby': string
  tabIndex: -1
  popover: 'manual'
  hidden: boolean
  'data-metal-floating': ''
  onPointerDown: (event: { preventDefault(): void }) => void
}

/** Props of one option. */
export interface SelectOptionProps extends Part<'select'> {
  id: string
  role: 'option'
  'aria-selected': boolean
  'aria-disabled'?: 'true'
  'data-highlighted'?: ''
  'data-selected'?: ''
  'data-disabled'?: ''
  onClick: () => void
  onPointerMove: () => void
}

/** What a view needs to render a select. */
export interface SelectApi extends FieldFrameApi {
  open: boolean
  selectedOption: SelectOption | null
  /** The trigger's text: the picked label, or the placeholder while the label floats. */
  valueText: string
  highlightedIndex: number
  /** Picks the option at `index` (if enabled) and closes. */
  pick(index: number): void
  close(): void
  getTriggerProps(): SelectTriggerProps
  getValueTextProps(): Part<'select'>
  getIndicatorProps(): Part<'select'> & { 'aria-hidden': 'true'; 'data-state': 'open' | 'closed' }
  getListboxProps(): SelectListboxProps
  getOptionProps(index: number): SelectOptionProps
  getOptionCheckProps(index: number): Part<'select'> & { 'aria-hidden': 'true' }
  getHiddenInputProps(): { type: 'hidden'; name?: string; value: string }
}

/**
 * Prop getters for a Material 3 select (exposed dropdown menu): a button with role combobox
 * that keeps focus while `aria-activedescendant` follows the highlighted option of a listbox in
 * the top layer. Arrows, Home/End, typeahead, Enter/Space pick, Escape and Tab close.
 */
export function connectSelect(
  state: SelectState,
  send: (event: SelectEvent) => void,
  options: SelectConnectOptions,
): SelectApi {
  const list = checkSelectOptions('connectSelect', options?.options)
  const { value } = options
  if (value !== null && typeof value !== 'string')
    throw invalid('connectSelect', 'value', 'a string or null', value)
  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_SELECT_MESSAGES, ...options.messages }
  const now = options.now ?? Date.now
  const selectedIndex = indexOfValue(list, value)
  const selectedOption = selectedIndex >= 0 ? list[selectedIndex]! : null
  const frame = connectFieldFrame({
    ...options,
    messages: undefined,
    control: 'select',
    focused: state.focused || state.open,
    hasValue: selectedOption !== null,
  })
  const listboxId = `${options.id}-listbox`
  const optionId = (i: number) => `${options.id}-option-${i}`
  const part = (name: string): Part<'select'> => ({ 'data-scope': 'select', 'data-part': name })
  const stateName = state.open ? 'open' : 'closed'
  const placeholder = options.placeholder ?? messages.placeholder

  const pick = (index: number) => {
    const option = list[index]
    if (!option || option.disabled) return
    send({ type: 'CLOSE' })
    if (option.value !== value) options.onValueChange?.(option.value)
  }
  const open = (highlight?: 'selected' | 'first' | 'last') =>
    send({ type: 'OPEN', options: list, value, highlight })

  const onKeyDown = (event: SelectKeyEvent) => {
    if (options.disabled) return
    const { key } = event
    const modified = !!(event.ctrlKey || event.metaKey)
    if (!state.open) {
      if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Enter' || key === ' ') open()
      else if (key === 'Home') open('first')
      else if (key === 'End') open('last')
      else if (isTypeaheadKey(key, modified || !!event.altKey))
        send({ type: 'TYPEAHEAD', options: list, value, key, now: now() })
      else return
      event.preventDefault()
      return
    }
    if (key === 'ArrowDown') send({ type: 'MOVE', options: list, step: 1 })
    else if (key === 'ArrowUp' && event.altKey) pick(state.highlightedIndex)
    else if (key === 'ArrowUp') send({ type: 'MOVE', options: list, step: -1 })
    else if (key === 'Home' || key === 'PageUp') send({ type: 'FIRST', options: list })
    else if (key === 'End' || key === 'PageDown') send({ type: 'LAST', options: list })
    else if (key === 'Enter' || key === ' ') pick(state.highlightedIndex)
    else if (key === 'Escape') send({ type: 'CLOSE' })
    else if (key === 'Tab') {
      send({ type: 'CLOSE' })
      return // Tab still moves focus on
    } else if (isTypeaheadKey(key, modified || !!event.altKey))
      send({ type: 'TYPEAHEAD', options: list, value, key, now: now() })
    else return
    event.preventDefault()
  }

  return {
    ...frame,
    open: state.open,
    selectedOption,
    valueText: selectedOption ? selectedOption.label : frame.floating ? placeholder : '',
    highlightedIndex: state.highlightedIndex,
    pick,
    close: () => send({ type: 'CLOSE' }),
    getTriggerProps: () =>
      normalize({
        ...part('trigger'),
        id: frame.controlId,
        type: 'button',
        role: 'combobox',
        'aria-haspopup': 'listbox',
        'aria-expanded': state.open,
        'aria-controls': listboxId,
        'aria-labelledby': frame.labelId,
        'aria-activedescendant':
          state.open && state.highlightedIndex >= 0 ? optionId(state.highlightedIndex) : undefined,
        'aria-describedby': frame.describedBy,
        'aria-invalid': frame.invalid ? 'true' : undefined,
        'aria-required': options.required ? 'true' : undefined,
        disabled: options.disabled || undefined,
        'data-state': stateName,
        'data-placeholder': selectedOption ? undefined : '',
        onClick: () => {
          if (options.disabled) return
          if (state.open) send({ type: 'CLOSE' })
          else open()
        },
        onKeyDown,
        // Firefox clicks a button on Space's keyup: the keydown already acted.
        onKeyUp: (event: SelectKeyEvent) => {
          if (event.key === ' ') event.preventDefault()
        },
        onFocus: () => send({ type: 'FOCUS' }),
        onBlur: () => {
          send({ type: 'BLUR' })
          if (state.open) send({ type: 'CLOSE' })
        },
      }),
    getValueTextProps: () => normalize(part('value-text')),
    getIndicatorProps: () =>
      normalize({ ...part('indicator'), 'aria-hidden': 'true', 'data-state': stateName }),
    getListboxProps: () =>
      normalize({
        ...part('listbox'),
        id: listboxId,
        role: 'listbox',
        'aria-labelledby': frame.labelId,
        tabIndex: -1,
        popover: 'manual',
        hidden: !state.open,
        'data-metal-floating': '',
        // Pressing an option must not take focus from the trigger.
        onPointerDown: (event: { preventDefault(): void }) => event.preventDefault(),
      }),
    getOptionProps: (index: number) => {
      const option = list[index]
      if (!option)
        throw invalid('getOptionProps', 'index', `an option index below ${list.length}`, index)
      return normalize({
        ...part('option'),
        id: optionId(index),
        role: 'option',
        'aria-selected': index === selectedIndex,
        'aria-disabled': option.disabled ? 'true' : undefined,
        'data-highlighted': index === state.highlightedIndex ? '' : undefined,
        'data-selected': index === selectedIndex ? '' : undefined,
        'data-disabled': option.disabled ? '' : undefined,
        onClick: () => pick(index),
        onPointerMove: () => {
          if (!option.disabled && state.highlightedIndex !== index)
            send({ type: 'HIGHLIGHT', index })
        },
      })
    },
    getOptionCheckProps: () => normalize({ ...part('option-check'), 'aria-hidden': 'true' }),
    getHiddenInputProps: () =>
      normalize({ type: 'hidden' as const, name: options.name, value: value ?? '' }),
  }
}
