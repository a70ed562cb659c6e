import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { getRadioMove, getRadioTabStop, initRadioGroup } from './radio.model.js'
import type { RadioGroupEvent, RadioGroupState, RadioOption } from './radio.types.js'

/** Options of {@link connectRadioGroup}. */
export interface RadioGroupConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** The group's visible label (names the `radiogroup`). */
  label: string
  /** The form field name of the radios. @default id */
  name?: string
  /**
   * Text direction, for which way Left and Right move.
   * @default read from the nearest `dir` attribute when a key is pressed
   */
  dir?: 'ltr' | 'rtl'
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

interface PartProps<P extends string> {
  'data-scope': 'radio'
  'data-part': P
}

interface ItemPartProps<P extends string> extends PartProps<P> {
  'data-state': 'checked' | 'unchecked'
  'data-disabled'?: ''
}

/** The event shape the key handler reads (a DOM or framework keyboard event). */
export interface RadioKeyEvent {
  key: string
  currentTarget: unknown
  preventDefault(): void
}

/** Props of one native radio: visually hidden over its 40 px target. */
export interface RadioInputProps extends ItemPartProps<'input'> {
  id: string
  type: 'radio'
  name: string
  value: string
  checked: boolean
  disabled: boolean
  tabIndex: 0 | -1
  onChange: () => void
  onKeyDown: (event: RadioKeyEvent) => void
}

/** Prop getters of a radio group. */
export interface RadioGroupApi {
  state: RadioGroupState
  getRootProps(): PartProps<'root'> & {
    role: 'radiogroup'
    id: string
    'aria-labelledby': string
    'aria-orientation': 'vertical' | 'horizontal'
    'aria-disabled'?: 'true'
    'data-orientation': 'vertical' | 'horizontal'
  }
  getLabelProps(): PartProps<'label'> & { id: string }
  getItemProps(option: RadioOption): ItemPartProps<'item'>
  getItemControlProps(option: RadioOption): ItemPartProps<'control'>
  getItemInputProps(option: RadioOption): RadioInputProps
  getItemIndicatorProps(option: RadioOption): ItemPartProps<'indicator'> & { 'aria-hidden': 'true' }
  getItemLabelProps(option: RadioOption): ItemPartProps<'item-label'>
}

interface FocusableTarget {
  closest?(selector: string): { getAttribute(name: string): string | null } | null
  ownerDocument?: { getElementById(id: string): { focus(): void } | null }
}

/**
 * Prop getters for a Material 3 radio group: a labelled `radiogroup` of native radios (visually
 * hidden over drawn 20 px circles), one Tab stop (roving tabindex), arrow keys that move and pick
 * (skipping disabled options, wrapping, Left/Right swapped right-to-left), Home and End.
 *
 * @param send - receives `SELECT` with the value the user picked
 */
export function connectRadioGroup(
  state: RadioGroupState,
  send: (event: RadioGroupEvent) => void,
  options: RadioGroupConnectOptions,
): RadioGroupApi {
  const call = 'connectRadioGroup'
  const current = initRadioGroup(state, call)
  if (typeof send !== 'function') throw invalid(call, 'send', 'a function', send)
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  if (typeof options.id !== 'string' || options.id === '') {
    throw invalid(call, 'id', 'a non-empty string', options.id)
  }
  if (typeof options.label !== 'string' || options.label.trim() === '') {
    throw invalid(call, 'label', 'a non-empty string', options.label)
  }
  const normalize = options.normalizeProps ?? identityProps
  const { id } = options
  const name = options.name ?? id
  const orientation = current.orientation ?? 'vertical'
  const tabStop = getRadioTabStop(current)
  const itemId = (value: string) =>
    `${id}-radio-${current.options.findIndex((option) => option.value === value)}`
  const item = <P extends string>(part: P, option: RadioOption): ItemPartProps<P> => ({
    'data-scope': 'radio',
    'data-part': part,
    'data-state': option.value === current.value ? 'checked' : 'unchecked',
    ...(current.disabled || option.disabled ? { 'data-disabled': '' as const } : {}),
  })

  function onKeyDown(option: RadioOption, event: RadioKeyEvent) {
    const target = event.currentTarget as FocusableTarget
    const dir =
      options.dir ?? (target.closest?.('[dir]')?.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr')
    const next = getRadioMove(current, option.value, event.key, dir)
    if (next === null) return
    // The browser's own arrow handling would skip our wrap and disabled rules: ours replaces it.
    event.preventDefault()
    target.ownerDocument?.getElementById(itemId(next))?.focus()
    send({ type: 'SELECT', value: next })
  }

  return {
    state: current,
    getRootProps: () =>
      normalize({
        'data-scope': 'radio' as const,
        'data-part': 'root' as const,
        role: 'radiogroup' as const,
        id,
        'aria-labelledby': `${id}-label`,
        'aria-orientation': orientation,
        ...(current.disabled ? { 'aria-disabled': 'true' as const } : {}),
        'data-orientation': orientation,
      }),
    getLabelProps: () =>
      normalize({
        'data-scope': 'radio' as const,
        'data-part': 'label' as const,
        id: `${id}-label`,
      }),
    getItemProps: (option) => normalize(item('item', option)),
    getItemControlProps: (option) => normalize(item('control', option)),
    getItemInputProps: (option) =>
      normalize<RadioInputProps>({
        ...item('input', option),
        id: itemId(option.value),
        type: 'radio',
        name,
        value: option.value,
        checked: option.value === current.value,
        disabled: current.disabled === true || option.disabled === true,
        tabIndex: option.value === tabStop ? 0 : -1,
        onChange: () => send({ type: 'SELECT', value: option.value }),
        onKeyDown: (event) => onKeyDown(option, event),
      }),
    getItemIndicatorProps: (option) =>
      normalize({ ...item('indicator', option), 'aria-hidden': 'true' as const }),
    getItemLabelProps: (option) => normalize(item('item-label', option)),
  }
}
