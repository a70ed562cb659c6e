import { invalid } from '../invalid.js'
import { identityProps } from '../normalizeProps.js'
import { getControlKind, getEnumOptions, getFieldControl } from './form.controls.js'
import {
  fieldAt,
  getFieldError,
  getFieldPaths,
  getFirstInvalidPath,
  getFocusPath,
  getFormErrors,
} from './form.model.js'
import type {
  FormApi,
  FormButtonProps,
  FormConnectOptions,
  FormControlProps,
  FormInputProps,
  FormPartProps,
  FormSummaryItem,
} from './form.parts.js'
import type { FieldDefinition, FormEvent, FormState } from './form.types.js'
import { getChanges } from './form.values.js'
import { getAt } from './paths.js'
import { labelOf } from './validate.js'

export type * from './form.parts.js'

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
 * `aria-invalid` and `aria-describedby` (help text and error) on each, `aria-required`, the
 * bindings of the Material 3 controls, a live status region, an error summary linking to the
 * invalid fields, an alert for a failed save and a banner for a remote change. Framework-neutral:
 * every prop object goes through `normalizeProps`.
 *
 * @param state - the current state (from `initForm` / `transitionForm`)
 * @param send - called with the event when the user does something
 */
export function connectForm(
  state: FormState,
  send: (event: FormEvent) => void,
  options: FormConnectOptions,
): FormApi {
  if (typeof options?.id !== 'string' || options.id === '') {
    throw invalid('connectForm()', 'options.id', 'a non-empty string', options?.id)
  }
  const normalize = options.normalizeProps ?? identityProps
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
  const focusPath = getFocusPath(state)
  const submitting = state.status === 'submitting'
  const busy = submitting || state.status === 'loading'
  const summary: FormSummaryItem[] =
    state.status === 'invalid'
      ? getFieldPaths(state).flatMap((path) => {
          const message = errorAt(path)
          const f = field(path)
          return message && f ? [{ path, label: labelOf(f), message }] : []
        })
      : []

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
  ): FormButtonProps =>
    normalize({
      ...part(name),
      type: 'button' as const,
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
  const failure =
    state.status === 'error' && state.submitError ? messages.failure(state.submitError) : null

  return {
    state,
    messages,
    fields: entity.fields,
    changes,
    dirty: changes.length > 0,
    formErrors: getFormErrors(state),
    errorSummary: summary,
    focusTargetId: focusPath === null ? null : idOf(focusPath),
    firstInvalidId: firstInvalid === null ? null : idOf(firstInvalid),
    remote: state.remote
      ? { by: state.remote.by, message: messages.remoteChanged(state.remote.by) }
      : null,
    texts: {
      submit: submitting
        ? messages.submitting
        : (options.submitLabel ?? (state.mode === 'edit' ? messages.save : messages.create)),
      status: submitting
        ? messages.submitting
        : state.status === 'success'
          ? messages.success
          : state.status === 'invalid'
            ? messages.invalid
            : '',
      failure,
      errorSummary: summary.length > 0 ? messages.errorSummary(summary.length) : null,
    },
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
    getControlKind: (path) => {
      const f = field(path)
      return f ? getControlKind(f) : 'text'
    },
    getFieldControl: (path, label) =>
      getFieldControl(state, send, path, idOf(path), normalize, label),

    getRootProps: () =>
      normalize({
        ...part('root'),
        id: base,
        noValidate: true as const,
        ...(entity.label ? { 'aria-labelledby': `${base}-title` } : {}),
        ...(busy ? { 'aria-busy': 'true' as const } : {}),
        ...(options.dir ? { dir: options.dir } : {}),
        'data-status': state.status,
        onSubmit: (event?: { preventDefault?: () => void }) => {
          event?.preventDefault?.()
          send({ type: 'SUBMIT' })
        },
      }),
    getTitleProps: () => normalize({ ...part('title'), id: `${base}-title` }),
    getFieldProps: (path) => {
      const f = field(path)
      return normalize({
        ...part('field'),
        id: `${idOf(path)}-field`,
        'data-type': f?.type ?? 'string',
        'data-control': f ? getControlKind(f) : 'text',
        ...(errorAt(path) ? { 'data-invalid': '' as const } : {}),
      })
    },
    getLabelProps: (path) =>
      normalize({ ...part('label'), id: `${idOf(path)}-label`, htmlFor: idOf(path) }),
    getRequiredProps: () => normalize({ ...part('required'), 'aria-hidden': 'true' as const }),
    getControlProps: (path) => normalize(controlProps(path)),
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
        return normalize({
          ...common,
          checked: value === true,
          onChange: (e: { target: { checked?: boolean } }) => set(e.target.checked === true),
        })
      }
      if (f?.type === 'number') {
        return normalize({
          ...common,
          value: typeof value === 'number' ? String(value) : '',
          onChange: (e: { target: { value: string } }) =>
            set(e.target.value.trim() === '' ? null : Number(e.target.value)),
        })
      }
      return normalize({
        ...common,
        value: typeof value === 'string' ? value : value == null ? '' : String(value),
        onChange: (e: { target: { value: string } }) => set(e.target.value),
      })
    },
    getEnumOptions: (path) => {
      const f = field(path)
      return f ? getEnumOptions(f) : []
    },
    getDescriptionProps: (path) =>
      normalize({ ...part('description'), id: `${idOf(path)}-description` }),
    getErrorProps: (path) => normalize({ ...part('error'), id: `${idOf(path)}-error` }),
    getGroupProps: (path) => {
      const desc = describedBy(path)
      return normalize({
        ...part('group'),
        id: idOf(path),
        tabIndex: -1 as const,
        ...(desc ? { 'aria-describedby': desc } : {}),
        ...(errorAt(path) ? { 'data-invalid': '' as const } : {}),
      })
    },
    getLegendProps: (path) => normalize({ ...part('legend'), id: `${idOf(path)}-label` }),
    getItemsProps: () => normalize(part('items')),
    getItemProps: () => normalize(part('item')),
    getItemActionsProps: () => normalize(part('item-actions')),
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
    getActionsProps: () => normalize(part('actions')),
    getSubmitProps: () =>
      normalize({
        ...part('submit'),
        type: 'submit' as const,
        ...(busy ? { disabled: true } : {}),
      }),
    getResetProps: () =>
      button('reset', undefined, () => send({ type: 'RESET' }), busy || changes.length === 0),
    getCancelProps: () => button('cancel', undefined, () => options.onCancel?.(), submitting),
    getStatusProps: () =>
      normalize({ ...part('status'), role: 'status' as const, 'aria-live': 'polite' as const }),
    getLoadingProps: () => normalize({ ...part('loading'), role: 'status' as const }),
    getAlertProps: () => normalize({ ...part('alert'), role: 'alert' as const }),
    getErrorSummaryProps: () =>
      normalize({
        ...part('error-summary'),
        'aria-labelledby': `${base}-error-summary-title`,
        hidden: summary.length === 0,
      }),
    getErrorSummaryTitleProps: () =>
      normalize({ ...part('error-summary-title'), id: `${base}-error-summary-title` }),
    getErrorLinkProps: (path) =>
      normalize({
        ...part('error-link'),
        href: `#${idOf(path)}`,
        onClick: (event?: { preventDefault?: () => void }) => {
          event?.preventDefault?.()
          send({ type: 'FOCUS', path })
        },
      }),
    getEditorsProps: (editors) =>
      normalize({ ...part('editors'), role: 'status' as const, hidden: editors.length === 0 }),
    getEditorsText: (editors) => (editors.length > 0 ? messages.othersEditing(editors) : ''),
    getBannerProps: () => normalize({ ...part('banner'), role: 'alert' as const }),
    getBannerActionsProps: () => normalize(part('banner-actions')),
    getReloadProps: () => button('reload', undefined, () => send({ type: 'RELOAD' })),
    getKeepMineProps: () => button('keep-mine', undefined, () => send({ type: 'KEEP_MINE' })),
  }
}
