import { invalid } from '../../invalid.js'
import { isIconName, type IconName } from '../../icons/icons.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import {
  connectFieldFrame,
  type FieldFrameApi,
  type FieldFrameOptions,
} from '../text-field/field.connect.js'
import { addChipValue, checkChipValues, removeChipValue, splitChipText } from './chips.model.js'
import type { ChipInputEvent, ChipInputState, ChipsMessages } from './chips.types.js'

/** The default English messages. */
export const DEFAULT_CHIPS_MESSAGES: ChipsMessages = {
  remove: (label) => `Remove ${label}`,
  added: (label) => `Added ${label}`,
  removed: (label) => `Removed ${label}`,
  duplicate: (label) => `${label} is already there`,
  full: (maxItems) => (maxItems === 1 ? 'Only 1 item allowed' : `Only ${maxItems} items allowed`),
}

interface Part {
  'data-scope': 'chip'
  'data-part': string
}

const part = (name: string): Part => ({ 'data-scope': 'chip', 'data-part': name })

// ─── Chip ────────────────────────────────────────────────────────────────────────────────────────

/** Options of {@link connectChip}. */
export interface ChipConnectOptions {
  /** Base of the ids given to the parts. */
  id: string
  /** What the chip says. */
  label: string
  /** A filter chip's state (`aria-pressed`, check icon); omitted for an assist chip. */
  selected?: boolean
  /** Whether it reacts to clicks (a button) or only shows a value. @default false */
  interactive?: boolean
  /** Whether it has a remove button. @default false */
  removable?: boolean
  /** An icon before the label (replaced by the check while selected). */
  icon?: IconName
  /** @default false */
  disabled?: boolean
  /** Called when the chip is clicked. */
  onClick?: () => void
  /** Called when its remove button is pressed (or Backspace/Delete on the chip). */
  onRemove?: () => void
  /** Turns the neutral props into the view framework's. @default identityProps */
  normalizeProps?: NormalizeProps
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/** What a view needs to render a chip. */
export interface ChipApi {
  /** The icon to draw before the label, if any. */
  leadingIcon: IconName | null
  interactive: boolean
  getRootProps(): Part & {
    'data-selected'?: ''
    'data-disabled'?: ''
    'data-kind': 'filter' | 'assist' | 'input'
  }
  getActionProps(): Part & {
    id: string
    type?: 'button'
    'aria-pressed'?: boolean
    disabled?: boolean
    onClick?: () => void
    onKeyDown?: (event: { key: string; preventDefault(): void }) => void
  }
  getIconProps(): Part & { 'aria-hidden': 'true' }
  getLabelProps(): Part
  getRemoveProps(): Part & {
    type: 'button'
    'aria-label': string
    disabled?: boolean
    tabIndex?: -1
    onClick: () => void
  }
}

/**
 * Prop getters for a Material 3 chip: an assist chip (a button), a filter chip (`aria-pressed`,
 * a check while selected) or a plain value; any of them with a remove button.
 */
export function connectChip(options: ChipConnectOptions): ChipApi {
  if (typeof options?.id !== 'string' || options.id === '')
    throw invalid('connectChip', 'options.id', 'a non-empty string', options?.id)
  if (typeof options.label !== 'string' || options.label === '')
    throw invalid('connectChip', 'label', 'a non-empty string', options.label)
  if (options.selected !== undefined && typeof options.selected !== 'boolean')
    throw invalid('connectChip', 'selected', 'a boolean', options.selected)
  if (options.icon !== undefined && !isIconName(options.icon))
    throw invalid('connectChip', 'icon', 'a built-in icon name', options.icon)
  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_CHIPS_MESSAGES, ...options.messages }
  const isFilter = options.selected !== undefined
  const interactive = isFilter || !!options.interactive
  const leadingIcon: IconName | null = options.selected ? 'check' : (options.icon ?? null)
  return {
    leadingIcon,
    interactive,
    getRootProps: () =>
      normalize({
        ...part('root'),
        'data-kind': isFilter ? 'filter' : interactive ? 'assist' : 'input',
        'data-selected': options.selected ? '' : undefined,
        'data-disabled': options.disabled ? '' : undefined,
      }),
    getActionProps: () =>
      normalize({
        ...part('action'),
        id: `${options.id}-action`,
        ...(interactive
          ? {
              type: 'button' as const,
              'aria-pressed': isFilter ? options.selected : undefined,
              disabled: options.disabled || undefined,
              onClick: () => options.onClick?.(),
              onKeyDown: (event: { key: string; preventDefault(): void }) => {
                if ((event.key === 'Backspace' || event.key === 'Delete') && options.onRemove) {
                  event.preventDefault()
                  options.onRemove()
                }
              },
            }
          : {}),
      }),
    getIconProps: () => normalize({ ...part('icon'), 'aria-hidden': 'true' }),
    getLabelProps: () => normalize(part('label')),
    getRemoveProps: () =>
      normalize({
        ...part('remove'),
        type: 'button',
        'aria-label': messages.remove(options.label),
        disabled: options.disabled || undefined,
        onClick: () => options.onRemove?.(),
      }),
  }
}

// ─── ChipInput ───────────────────────────────────────────────────────────────────────────────────

/** Options of {@link connectChipInput}. */
export interface ChipInputConnectOptions extends Omit<
  FieldFrameOptions,
  'control' | 'focused' | 'hasValue' | 'length' | 'maxLength' | 'multiline' | 'messages'
> {
  /** The chips. */
  value: readonly string[]
  /** Called with the new list when a chip is added or removed. */
  onValueChange?: (value: string[]) => void
  /** At most this many chips. */
  maxItems?: number
  /** Shown in the empty input while it has focus. */
  placeholder?: string
  /** Moves focus to the input (after a chip's remove button removed it). */
  focusInput?: () => void
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/** The keyboard event fields the chip input reads. */
export interface ChipInputKeyEvent {
  key: string
  preventDefault(): void
  /** Whether an input method is composing (Enter then confirms the composition, not a chip). */
  isComposing?: boolean
}

/** What a view needs to render a chip input. */
export interface ChipInputApi extends FieldFrameApi {
  draft: string
  /** Adds the typed text as a chip (as Enter does). */
  commit(): void
  /** Removes the chip at `index`. */
  remove(index: number): void
  /** The row the chips and the input wrap in. */
  getFieldProps(): Part
  getChipListProps(): Part & { role: 'list'; 'aria-labelledby': string }
  getChipItemProps(index: number): Part & { role: 'listitem' }
  /** Options for {@link connectChip} for the chip at `index`. */
  getChipOptions(index: number): ChipConnectOptions
  getInputProps(): {
    'data-scope': 'chip'
    'data-part': 'input'
    id: string
    value: string
    placeholder?: string
    disabled?: boolean
    readOnly?: boolean
    'aria-invalid'?: 'true'
    'aria-describedby'?: string
    enterKeyHint: 'enter'
    onChange: (event: { target: { value: string } }) => void
    onKeyDown: (event: ChipInputKeyEvent) => void
    onFocus: () => void
    onBlur: () => void
  }
  getLiveRegionProps(): Part & { 'aria-live': 'polite'; role: 'status' }
  announcement: string
}

/**
 * Prop getters for input chips in a field frame: Enter or a comma turns the typed text into a
 * chip (trimmed, no duplicates, at most `maxItems`), Backspace in the empty input removes the
 * last chip, and each chip has its own remove button. Changes are announced politely.
 */
export function connectChipInput(
  state: ChipInputState,
  send: (event: ChipInputEvent) => void,
  options: ChipInputConnectOptions,
): ChipInputApi {
  const values = checkChipValues('connectChipInput', options?.value)
  if (
    options.maxItems !== undefined &&
    (!Number.isInteger(options.maxItems) || options.maxItems < 1)
  )
    throw invalid('connectChipInput', 'maxItems', 'a positive integer', options.maxItems)
  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_CHIPS_MESSAGES, ...options.messages }
  const frame = connectFieldFrame({
    ...options,
    messages: undefined,
    control: 'chip-input',
    focused: state.focused,
    hasValue: values.length > 0 || state.draft !== '',
  })
  const locked = !!(options.disabled || options.readOnly)

  /** Adds each piece; returns the list and announces the outcome of the last one. */
  const addAll = (pieces: readonly string[]) => {
    let list = values
    let message = ''
    for (const piece of pieces) {
      const result = addChipValue(list, piece, options.maxItems)
      list = result.values
      if (result.added !== null) message = messages.added(result.added)
      else if (result.refused === 'duplicate') message = messages.duplicate(piece.trim())
      else if (result.refused === 'full') message = messages.full(options.maxItems!)
    }
    if (list !== values) options.onValueChange?.([...list])
    if (message) send({ type: 'ANNOUNCE', message })
  }
  const remove = (index: number) => {
    if (locked) return
    const label = values[index]!
    options.onValueChange?.([...removeChipValue(values, index)])
    send({ type: 'ANNOUNCE', message: messages.removed(label) })
  }
  const commit = () => {
    if (locked || state.draft.trim() === '') return
    addAll([state.draft])
    send({ type: 'SET_DRAFT', draft: '' })
  }

  return {
    ...frame,
    draft: state.draft,
    announcement: state.announcement,
    commit,
    remove,
    getFieldProps: () => normalize(part('field')),
    getChipListProps: () =>
      normalize({ ...part('list'), role: 'list', 'aria-labelledby': frame.labelId }),
    getChipItemProps: () => normalize({ ...part('item'), role: 'listitem' }),
    getChipOptions: (index: number) => ({
      id: `${options.id}-chip-${index}`,
      label: values[index]!,
      removable: !locked,
      disabled: options.disabled,
      normalizeProps: options.normalizeProps,
      messages: options.messages,
      onRemove: () => {
        remove(index)
        options.focusInput?.()
      },
    }),
    getInputProps: () =>
      normalize({
        'data-scope': 'chip',
        'data-part': 'input',
        id: frame.controlId,
        value: state.draft,
        placeholder: options.placeholder,
        disabled: options.disabled || undefined,
        readOnly: options.readOnly || undefined,
        'aria-invalid': frame.invalid ? 'true' : undefined,
        'aria-describedby': frame.describedBy,
        enterKeyHint: 'enter',
        onChange: (event: { target: { value: string } }) => {
          const { pieces, rest } = splitChipText(event.target.value)
          if (pieces.length) addAll(pieces)
          send({ type: 'SET_DRAFT', draft: rest })
        },
        onKeyDown: (event: ChipInputKeyEvent) => {
          if (event.isComposing) return
          if (event.key === 'Enter') {
            if (state.draft.trim() === '') return
            event.preventDefault()
            commit()
          } else if (event.key === 'Backspace' && state.draft === '' && values.length > 0) {
            event.preventDefault()
            remove(values.length - 1)
          }
        },
        onFocus: () => send({ type: 'FOCUS' }),
        onBlur: () => send({ type: 'BLUR' }),
      }),
    getLiveRegionProps: () => normalize({ ...part('live'), 'aria-live': 'polite', role: 'status' }),
  }
}
