import { fieldAt, getFieldError, getFirstInvalidPath, getFormErrors } from './form.model.js'
import { getChanges } from './form.values.js'
import type {
  FieldChange,
  FieldDefinition,
  FormEvent,
  FormMessages,
  FormState,
} from './form.types.js'
import { getAt } from './paths.js'
import { labelOf } from './validate.js'

/** Options of {@link connectForm}. */
export interface FormConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
}

/** Attributes every part carries, for styling (`[data-scope='form'][data-part='…']`). */
export interface FormPartProps {
  'data-scope': 'form'
  'data-part': string
}

/** Props of the `<form>` element. */
export interface FormRootProps extends FormPartProps {
  id: string
  noValidate: true
  'aria-labelledby'?: string
  'aria-busy'?: 'true'
  'data-status': FormState['status']
  onSubmit: (event?: { preventDefault?: () => void }) => void
}

/** What every control (input, textarea, select, combobox) carries. */
export interface FormControlProps extends FormPartProps {
  id: string
  name: string
  'aria-invalid'?: 'true'
  'aria-describedby'?: string
  'aria-required'?: 'true'
  readOnly?: true
  'data-invalid'?: ''
  onBlur: () => void
}

/** A change event, reduced to what the form reads from it. */
export interface FormChangeEvent {
  target: { value: string; checked?: boolean }
}

/** Props of an `<input>`, `<textarea>` or `<select>` bound to a field. */
export interface FormInputProps extends FormControlProps {
  /** For `<input>` only. */
  type?: 'text' | 'email' | 'url' | 'number' | 'date' | 'checkbox'
  value?: string
  checked?: boolean
  placeholder?: string
  onChange: (event: FormChangeEvent) => void
}

/** Props of a `<fieldset>` holding a nested object or an array. */
export interface FormGroupProps extends FormPartProps {
  id: string
  tabIndex: -1
  'aria-describedby'?: string
  'data-invalid'?: ''
}

/** Props of a button. */
export interface FormButtonProps extends FormPartProps {
  type: 'button' | 'submit'
  'aria-label'?: string
  disabled?: boolean
  onClick?: () => void
}

/** The remote change shown in the banner. */
export interface FormRemoteInfo {
  message: string
  by: readonly string[]
}

/** What a view needs: the state, derived info, actions and prop getters for every part. */
export interface FormApi {
  state: FormState
  messages: FormMessages
  /** The top-level fields, in order. */
  fields: readonly FieldDefinition[]
  /** The changes a save would write. */
  changes: FieldChange[]
  dirty: boolean
  /** Validator errors about the form as a whole. */
  formErrors: string[]
  /** The id of the control focus goes to after a failed submit, or `null`. */
  firstInvalidId: string | null
  /** The remote change waiting for a decision, or `null`. */
  remote: FormRemoteInfo | null
  send: (event: FormEvent) => void
  setValue(path: string, value: unknown): void
  blur(path: string): void
  submit(): void
  reset(): void
  reload(): void
  keepMine(): void
  addItem(path: string, value?: unknown): void
  removeItem(path: string, index: number): void
  moveItem(path: string, from: number, to: number): void
  /** The field at a dotted path (array items get the array's label). */
  fieldAt(path: string): FieldDefinition | undefined
  valueAt(path: string): unknown
  errorAt(path: string): string | null
  /** The id of the control at a path. */
  getControlId(path: string): string
  getRootProps(): FormRootProps
  getTitleProps(): FormPartProps & { id: string }
  getFieldProps(path: string): FormPartProps & { 'data-type': string; 'data-invalid'?: '' }
  getLabelProps(path: string): FormPartProps & { id: string; htmlFor: string }
  getControlProps(path: string): FormControlProps
  getInputProps(path: string): FormInputProps
  getEnumOptions(path: string): { value: string; label: string }[]
  getDescriptionProps(path: string): FormPartProps & { id: string }
  getErrorProps(path: string): FormPartProps & { id: string }
  getGroupProps(path: string): FormGroupProps
  getLegendProps(path: string): FormPartProps & { id: string }
  getAddItemProps(path: string): FormButtonProps
  getRemoveItemProps(path: string, index: number): FormButtonProps
  getMoveItemProps(path: string, index: number, direction: 'up' | 'down'): FormButtonProps
  getSubmitProps(): FormButtonProps
  getStatusProps(): FormPartProps & { role: 'status'; 'aria-live': 'polite' }
  getAlertProps(): FormPartProps & { role: 'alert' }
  getBannerProps(): FormPartProps & { role: 'alert' }
  getReloadProps(): FormButtonProps
  getKeepMineProps(): FormButtonProps
}

const INPUT_TYPES: Partial<Record<FieldDefinition['type'], FormInputProps['type']>> = {
  string: 'text',
  email: 'email',
  url: 'url',
  number: 'number',
  date: 'date',
  boolean: 'checkbox',
}

/**
 * Turns a form state into prop getters with the ARIA a view needs: labelled controls,
 * `aria-invalid` and `aria-describedby` (help text and error) on each, `aria-required`, a live
 * status region, an alert for a failed save and a banner for a remote change. Framework-neutral:
 * the props are plain attributes plus `onChange`/`onBlur`/`onClick`/`onSubmit`.
 *
 * @param state - the current state (from `initForm` / `transitionForm`)
 * @param send - called with the event when the user does something
 */
export function connectForm(
  state: FormState,
  send: (event: FormEvent) => void,
  options: FormConnectOptions,
): FormApi {
  const { messages, entity } = state
  const base = options.id
  const part = (name: string): FormPartProps => ({ 'data-scope': 'form', 'data-part': name })
  const idOf = (path: string) => `${base}-field-${path.replace(/\./g, '-')}`
  const field = (path: string) => fieldAt(entity, path)
  const errorAt = (path: string) => getFieldError(state, path)
  const describedBy = (path: string) => {
    const ids = [
      field(path)?.description ? `${idOf(path)}-description` : null,
      errorAt(path) ? `${idOf(path)}-error` : null,
    ].filter(Boolean)
    return ids.length > 0 ? ids.join(' ') : undefined
  }
  const changes = getChanges(state)
  const firstInvalid = getFirstInvalidPath(state)
  const submitting = state.status === 'submitting'

  const controlProps = (path: string): FormControlProps => {
    const f = field(path)
    const error = errorAt(path)
    const desc = describedBy(path)
    return {
      ...part('control'),
      id: idOf(path),
      name: path,
      ...(error ? { 'aria-invalid': 'true' as const, 'data-invalid': '' as const } : {}),
      ...(desc ? { 'aria-describedby': desc } : {}),
      ...(f?.rules?.required ? { 'aria-required': 'true' as const } : {}),
      ...(f?.readOnly ? { readOnly: true as const } : {}),
      onBlur: () => send({ type: 'BLUR', path }),
    }
  }

  const button = (
    name: string,
    label: string | undefined,
    onClick: () => void,
    disabled = false,
  ): FormButtonProps => ({
    ...part(name),
    type: 'button',
    ...(label ? { 'aria-label': label } : {}),
    ...(disabled ? { disabled } : {}),
    onClick,
  })
  // Item buttons name the item ("Remove Tag 2"), falling back to the array's label.
  const itemLabelAt = (path: string) => {
    const f = field(path)
    return f?.item?.label ?? (f ? labelOf(f) : path)
  }
  const itemsAt = (path: string) => {
    const v = getAt(state.values, path)
    return Array.isArray(v) ? v : []
  }
  const move = (path: string, from: number, to: number) =>
    send({ type: 'ARRAY_MOVE', path, from, to })

  return {
    state,
    messages,
    fields: entity.fields,
    changes,
    dirty: changes.length > 0,
    formErrors: getFormErrors(state),
    firstInvalidId: firstInvalid === null ? null : idOf(firstInvalid),
    remote: state.remote
      ? { by: state.remote.by, message: messages.remoteChanged(state.remote.by) }
      : null,
    send,
    setValue: (path, value) => send({ type: 'SET_VALUE', path, value }),
    blur: (path) => send({ type: 'BLUR', path }),
    submit: () => send({ type: 'SUBMIT' }),
    reset: () => send({ type: 'RESET' }),
    reload: () => send({ type: 'RELOAD' }),
    keepMine: () => send({ type: 'KEEP_MINE' }),
    addItem: (path, value) => send({ type: 'ARRAY_ADD', path, value }),
    removeItem: (path, index) => send({ type: 'ARRAY_REMOVE', path, index }),
    moveItem: move,
    fieldAt: field,
    valueAt: (path) => getAt(state.values, path),
    errorAt,
    getControlId: idOf,

    getRootProps: () => ({
      ...part('root'),
      id: base,
      noValidate: true,
      ...(entity.label ? { 'aria-labelledby': `${base}-title` } : {}),
      ...(submitting || state.status === 'loading' ? { 'aria-busy': 'true' as const } : {}),
      'data-status': state.status,
      onSubmit: (event) => {
        event?.preventDefault?.()
        send({ type: 'SUBMIT' })
      },
    }),
    getTitleProps: () => ({ ...part('title'), id: `${base}-title` }),
    getFieldProps: (path) => ({
      ...part('field'),
      'data-type': field(path)?.type ?? 'string',
      ...(errorAt(path) ? { 'data-invalid': '' as const } : {}),
    }),
    getLabelProps: (path) => ({ ...part('label'), id: `${idOf(path)}-label`, htmlFor: idOf(path) }),
    getControlProps: controlProps,
    getInputProps: (path) => {
      const f = field(path)
      const value = getAt(state.values, path)
      const type = f ? INPUT_TYPES[f.type] : 'text'
      const set = (v: unknown) => send({ type: 'SET_VALUE', path, value: v })
      const common = {
        ...controlProps(path),
        ...(type ? { type } : {}),
        ...(f?.placeholder ? { placeholder: f.placeholder } : {}),
      }
      if (f?.type === 'boolean') {
        return {
          ...common,
          checked: value === true,
          onChange: (e) => set(e.target.checked === true),
        }
      }
      if (f?.type === 'number') {
        return {
          ...common,
          value: typeof value === 'number' ? String(value) : '',
          onChange: (e) => set(e.target.value.trim() === '' ? null : Number(e.target.value)),
        }
      }
      return {
        ...common,
        value: typeof value === 'string' ? value : value == null ? '' : String(value),
        onChange: (e) => set(e.target.value),
      }
    },
    getEnumOptions: (path) =>
      (field(path)?.options ?? []).map((o) =>
        typeof o === 'string'
          ? { value: o, label: o }
          : { value: o.value, label: o.label ?? o.value },
      ),
    getDescriptionProps: (path) => ({ ...part('description'), id: `${idOf(path)}-description` }),
    getErrorProps: (path) => ({ ...part('error'), id: `${idOf(path)}-error` }),
    getGroupProps: (path) => {
      const desc = describedBy(path)
      return {
        ...part('group'),
        id: idOf(path),
        tabIndex: -1,
        ...(desc ? { 'aria-describedby': desc } : {}),
        ...(errorAt(path) ? { 'data-invalid': '' as const } : {}),
      }
    },
    getLegendProps: (path) => ({ ...part('legend'), id: `${idOf(path)}-label` }),
    getAddItemProps: (path) => {
      const max = field(path)?.rules?.maxLength
      const full = max !== undefined && itemsAt(path).length >= max
      return button('add-item', undefined, () => send({ type: 'ARRAY_ADD', path }), full)
    },
    getRemoveItemProps: (path, index) =>
      button('remove-item', messages.removeItem(itemLabelAt(path), index + 1), () =>
        send({ type: 'ARRAY_REMOVE', path, index }),
      ),
    getMoveItemProps: (path, index, direction) => {
      const to = direction === 'up' ? index - 1 : index + 1
      const possible = to >= 0 && to < itemsAt(path).length
      const label =
        direction === 'up'
          ? messages.moveUp(itemLabelAt(path), index + 1)
          : messages.moveDown(itemLabelAt(path), index + 1)
      return button(
        `move-${direction}`,
        label,
        () => {
          if (possible) move(path, index, to)
        },
        !possible,
      )
    },
    getSubmitProps: () => ({
      ...part('submit'),
      type: 'submit',
      ...(submitting || state.status === 'loading' ? { disabled: true } : {}),
    }),
    getStatusProps: () => ({ ...part('status'), role: 'status', 'aria-live': 'polite' }),
    getAlertProps: () => ({ ...part('alert'), role: 'alert' }),
    getBannerProps: () => ({ ...part('banner'), role: 'alert' }),
    getReloadProps: () => button('reload', undefined, () => send({ type: 'RELOAD' })),
    getKeepMineProps: () => button('keep-mine', undefined, () => send({ type: 'KEEP_MINE' })),
  }
}
