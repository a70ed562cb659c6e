// Which Material 3 control shows a field, and what it is given: the same for every view.

import type { NormalizeProps } from '../normalizeProps.js'
import { fieldAt, getFieldError } from './form.model.js'
import type { ControlKind, FieldDefinition, FormEvent, FormState } from './form.types.js'
import { getAt } from './paths.js'
import { labelOf } from './validate.js'

/** Item types an array shows as input chips (free text, one chip each). */
const CHIP_ITEMS: readonly FieldDefinition['type'][] = ['string', 'email', 'url']

/** The most options an `enum` shows as radio buttons when it asks for `widget: 'radio'`. */
export const MAX_RADIO_OPTIONS = 4

/**
 * The control a field is shown with: its type's usual one, or the one its `widget` asks for
 * where that fits (radio buttons only for up to four options).
 */
export function getControlKind(field: FieldDefinition): ControlKind {
  switch (field.type) {
    case 'object':
      return 'group'
    case 'array':
      return field.item && CHIP_ITEMS.includes(field.item.type) && field.widget !== 'list'
        ? 'chips'
        : 'list'
    case 'enum':
      return field.widget === 'radio' && (field.options ?? []).length <= MAX_RADIO_OPTIONS
        ? 'radio'
        : 'select'
    case 'boolean':
      return field.widget === 'checkbox' ? 'checkbox' : 'switch'
    case 'date':
      return 'date'
    case 'relation':
      return 'relation'
    default:
      return 'text'
  }
}

/** The choices of an `enum` field as `{ value, label }`. */
export function getEnumOptions(field: FieldDefinition): { value: string; label: string }[] {
  return (field.options ?? []).map((o) =>
    typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label ?? o.value },
  )
}

/** What every control binding carries. */
interface BindingBase {
  /** The control's id (focus goes there after a failed submit). */
  id: string
  /** The field's dotted path, as the control's `name`. */
  name: string
  label: string
  /** The field's description, shown as supporting text. */
  supportingText?: string
  /** The error to show (once touched or submitted), or `null`. */
  error: string | null
  required: boolean
  readOnly: boolean
}

/** A text field: string, text (multiline), number, e-mail, URL. */
export interface TextBinding extends BindingBase {
  kind: 'text'
  type: 'text' | 'email' | 'url' | 'number'
  multiline: boolean
  value: string
  /** The most characters (`rules.maxLength`): the field shows a counter. */
  maxLength?: number
  placeholder?: string
  onValueChange: (value: string) => void
  onBlur: () => void
}

/** A select or radio group of an `enum` field. */
export interface ChoiceBinding extends BindingBase {
  kind: 'select' | 'radio'
  value: string | null
  options: { value: string; label: string }[]
  placeholder: string
  onValueChange: (value: string) => void
}

/** A switch or checkbox of a `boolean` field. */
export interface ToggleBinding extends BindingBase {
  kind: 'switch' | 'checkbox'
  checked: boolean
  onCheckedChange: (checked: boolean) => void
}

/** Input chips of an array of strings. */
export interface ChipsBinding extends BindingBase {
  kind: 'chips'
  value: string[]
  /** The most items (`rules.maxLength`). */
  maxItems?: number
  placeholder?: string
  onValueChange: (value: string[]) => void
}

/** A date field (`'YYYY-MM-DD'`, whatever the stored form). */
export interface DateBinding extends BindingBase {
  kind: 'date'
  value: string | null
  min?: string
  max?: string
  onValueChange: (value: string | null) => void
}

/** The relation combobox: the picked id (see `connectRelationCombobox` for the rest). */
export interface RelationBinding extends BindingBase {
  kind: 'relation'
  value: string | null
  onValueChange: (id: string | null) => void
  onBlur: () => void
}

/** A list of items (array) or a group of fields (object): rendered by the form's own parts. */
export interface GroupBinding extends BindingBase {
  kind: 'list' | 'group'
}

/** The props of a field's control, by the control's kind. */
export type FieldControlBinding =
  | TextBinding
  | ChoiceBinding
  | ToggleBinding
  | ChipsBinding
  | DateBinding
  | RelationBinding
  | GroupBinding

const TEXT_TYPES: Partial<Record<FieldDefinition['type'], TextBinding['type']>> = {
  email: 'email',
  url: 'url',
  number: 'number',
}

/**
 * The binding of the field at `path` to its control: value, change handler (converted to the
 * field's type; a pick also marks the field touched), label, supporting text, error, limits.
 * `label` replaces the field's own (array items are numbered).
 */
export function getFieldControl(
  state: FormState,
  send: (event: FormEvent) => void,
  path: string,
  id: string,
  normalize: NormalizeProps,
  label?: string,
): FieldControlBinding {
  const field = fieldAt(state.entity, path)
  if (!field)
    return normalize({
      kind: 'group',
      id,
      name: path,
      label: path,
      error: null,
      required: false,
      readOnly: true,
    })
  const value = getAt(state.values, path)
  const set = (v: unknown) => send({ type: 'SET_VALUE', path, value: v })
  const blur = () => send({ type: 'BLUR', path })
  const pick = (v: unknown) => {
    set(v)
    blur()
  }
  const rules = field.rules ?? {}
  const base: BindingBase = {
    id,
    name: path,
    label: label ?? labelOf(field),
    ...(field.description ? { supportingText: field.description } : {}),
    error: getFieldError(state, path),
    required: rules.required === true,
    readOnly: field.readOnly === true,
  }
  const kind = getControlKind(field)
  switch (kind) {
    case 'text':
      return normalize({
        ...base,
        kind,
        type: TEXT_TYPES[field.type] ?? 'text',
        multiline: field.type === 'text' || field.widget === 'textarea',
        value: typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '',
        ...(rules.maxLength !== undefined && field.type !== 'number'
          ? { maxLength: rules.maxLength }
          : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        onValueChange: (v: string) =>
          set(field.type === 'number' ? (v.trim() === '' ? null : Number(v)) : v),
        onBlur: blur,
      })
    case 'select':
    case 'radio':
      return normalize({
        ...base,
        kind,
        value: typeof value === 'string' && value !== '' ? value : null,
        // An optional select can go back to no choice; radio buttons cannot be unchecked either way.
        options:
          kind === 'select' && !base.required && !base.readOnly
            ? [{ value: '', label: state.messages.choose }, ...getEnumOptions(field)]
            : getEnumOptions(field),
        placeholder: field.placeholder ?? state.messages.choose,
        onValueChange: pick,
      })
    case 'switch':
    case 'checkbox':
      return normalize({ ...base, kind, checked: value === true, onCheckedChange: pick })
    case 'chips':
      return normalize({
        ...base,
        kind,
        value: Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [],
        ...(rules.maxLength !== undefined ? { maxItems: rules.maxLength } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        onValueChange: pick,
      })
    case 'date':
      return normalize({
        ...base,
        kind,
        value: typeof value === 'string' && value !== '' ? value : null,
        ...(typeof rules.min === 'string' ? { min: rules.min } : {}),
        ...(typeof rules.max === 'string' ? { max: rules.max } : {}),
        onValueChange: (v: string | null) => pick(v ?? ''),
      })
    case 'relation':
      return normalize({
        ...base,
        kind,
        value: typeof value === 'string' && value !== '' ? value : null,
        onValueChange: (v: string | null) => set(v ?? ''),
        onBlur: blur,
      })
    default:
      return normalize({ ...base, kind })
  }
}
