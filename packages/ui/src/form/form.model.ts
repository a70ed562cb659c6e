import { MetalError } from '@metal/core'
import { describeValue } from '../describeValue.js'
import { DEFAULT_FORM_MESSAGES } from './form.messages.js'
import type {
  EntityDefinition,
  FieldDefinition,
  FormErrors,
  FormEvent,
  FormOptions,
  FormState,
  FormValues,
} from './form.types.js'
import {
  defaultValueOf,
  defaultValues,
  getChanges,
  isDirty,
  valuesFromDocument,
} from './form.values.js'
import { getAt, isUnder, setAt, valuesEqual } from './paths.js'
import { checkEntity, validateValues } from './validate.js'

// ─── Paths ──────────────────────────────────────────────────────────────────────────────────────

/** The definition of the field at a dotted path (`address.city`, `tags.0`), if there is one. */
export function fieldAt(entity: EntityDefinition, path: string): FieldDefinition | undefined {
  let fields: readonly FieldDefinition[] = entity.fields
  let field: FieldDefinition | undefined
  const keys = path.split('.')
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    if (field?.type === 'array') {
      if (!/^\d+$/.test(key) || !field.item) return undefined
      field = { ...field.item, name: key, label: field.item.label ?? field.label ?? field.name }
    } else {
      field = fields.find((f) => f.name === key)
      if (!field) return undefined
    }
    fields = field.fields ?? []
  }
  return field
}

function pathsOf(
  fields: readonly FieldDefinition[],
  values: unknown,
  prefix: string,
  out: string[],
): void {
  for (const field of fields) {
    if (field.readOnly) continue
    const path = prefix + field.name
    out.push(path)
    const value = getAt(values, field.name)
    if (field.type === 'object') pathsOf(field.fields ?? [], value, `${path}.`, out)
    if (field.type === 'array' && Array.isArray(value) && field.item) {
      const item = field.item
      value.forEach((v, i) => {
        if (item.type === 'object') {
          out.push(`${path}.${i}`)
          pathsOf(item.fields ?? [], v, `${path}.${i}.`, out)
        } else pathsOf([{ ...item, name: String(i) }], { [i]: v }, `${path}.`, out)
      })
    }
  }
}

/** Every editable path in the order the form shows it (the order focus moves in). */
export function getFieldPaths(state: FormState): string[] {
  const out: string[] = []
  pathsOf(state.entity.fields, state.values, '', out)
  return out
}

/** The error shown at a path: once the field was left, or after a submit. */
export function getFieldError(state: FormState, path: string): string | null {
  if (!state.touched[path] && state.submitCount === 0) return null
  return state.errors[path] ?? state.schemaErrors[path] ?? null
}

/** The first path, in form order, that shows an error: where focus goes after a failed submit. */
export function getFirstInvalidPath(state: FormState): string | null {
  return getFieldPaths(state).find((path) => getFieldError(state, path) !== null) ?? null
}

/** Where a view moves focus when `focusRequest` changes: the asked-for path, or the first invalid. */
export function getFocusPath(state: FormState): string | null {
  return state.focusPath ?? getFirstInvalidPath(state)
}

/** Errors of a validator that belong to no field of the form (about the form as a whole). */
export function getFormErrors(state: FormState): string[] {
  const paths = new Set(getFieldPaths(state))
  return Object.entries(state.schemaErrors)
    .filter(([path]) => !paths.has(path))
    .map(([, message]) => message)
}

// ─── State ──────────────────────────────────────────────────────────────────────────────────────

/** The fields of `values` that `source` has: create values fill only the fields they name. */
function given(values: FormValues, source: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => name in source))
}

/**
 * Creates a form state, checking the entity definition: a bad one throws a `MetalError`
 * ('invalid-argument') naming the field and the property.
 *
 * @param call - the name errors are reported under, e.g. `'<Form>'`
 */
export function initForm(options: FormOptions, call = 'initForm()'): FormState {
  if (typeof options !== 'object' || options === null) {
    throw new MetalError(
      'invalid-argument',
      `${call}: options must be an object, got ${describeValue(options)}`,
    )
  }
  const entity = checkEntity(options.entity, call)
  const mode = options.mode ?? 'create'
  if (mode !== 'create' && mode !== 'edit') {
    throw new MetalError(
      'invalid-argument',
      `${call}: mode must be 'create' or 'edit', got ${describeValue(mode)}`,
    )
  }
  const messages = { ...DEFAULT_FORM_MESSAGES, ...options.messages }
  const values = options.values
    ? mode === 'edit'
      ? valuesFromDocument(entity, options.values)
      : {
          ...defaultValues(entity),
          ...given(valuesFromDocument(entity, options.values), options.values),
        }
    : defaultValues(entity)
  return {
    entity,
    messages,
    mode,
    values,
    initial: values,
    errors: validateValues(entity, values, messages),
    schemaErrors: {},
    touched: {},
    status: mode === 'edit' && !options.values ? 'loading' : 'idle',
    submitCount: 0,
    focusRequest: 0,
    focusPath: null,
    submitError: null,
    remote: null,
  }
}

// ─── Transitions ────────────────────────────────────────────────────────────────────────────────

function withValues(state: FormState, values: FormValues, changed: string): FormState {
  const schemaErrors: FormErrors = {}
  for (const [path, message] of Object.entries(state.schemaErrors)) {
    if (!isUnder(path, changed) && !isUnder(changed, path)) schemaErrors[path] = message
  }
  return {
    ...state,
    values,
    errors: validateValues(state.entity, values, state.messages),
    schemaErrors,
    status: state.status === 'success' ? 'idle' : state.status,
  }
}

/** Moves the entries under `path.<index>` to the index `map` gives (dropping them on `null`). */
function remap<T>(
  record: Readonly<Record<string, T>>,
  path: string,
  map: (index: number) => number | null,
): Record<string, T> {
  const out: Record<string, T> = {}
  const prefix = `${path}.`
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith(prefix)) {
      out[key] = value
      continue
    }
    const [index, ...rest] = key.slice(prefix.length).split('.')
    const to = map(Number(index))
    if (to !== null) out[[path, to, ...rest].join('.')] = value
  }
  return out
}

function arrayAt(state: FormState, path: string, call: string): unknown[] {
  const field = fieldAt(state.entity, path)
  const value = getAt(state.values, path)
  if (field?.type !== 'array' || !Array.isArray(value)) {
    throw new MetalError(
      'invalid-argument',
      `${call}: path must name an array field, got ${describeValue(path)}`,
    )
  }
  return value
}

function checkIndex(call: string, what: string, index: unknown, length: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= length) {
    throw new MetalError(
      'invalid-argument',
      `${call}: ${what} must be an index from 0 to ${length - 1}, got ${describeValue(index)}`,
    )
  }
  return index
}

function load(state: FormState, values: FormValues): FormState {
  return {
    ...state,
    values,
    initial: values,
    errors: validateValues(state.entity, values, state.messages),
    schemaErrors: {},
    touched: {},
    submitCount: 0,
    status: state.status === 'loading' || state.status === 'error' ? 'idle' : state.status,
    submitError: null,
    remote: null,
  }
}

function keepMine(state: FormState): FormState {
  if (!state.remote) return state
  let values = state.remote.values
  for (const change of getChanges(state)) {
    values = setAt(values, change.path, getAt(state.values, change.path))
  }
  return {
    ...state,
    values,
    initial: state.remote.values,
    errors: validateValues(state.entity, values, state.messages),
    remote: null,
  }
}

/**
 * The state after `event`. Pure: returns a new state, or the same one when nothing changes.
 * A remote change to the document is taken in silently while there are no edits, and held as
 * `remote` (for the user to `RELOAD` or `KEEP_MINE`) when there are.
 */
export function transitionForm(state: FormState, event: FormEvent): FormState {
  const call = `transitionForm(${typeof event?.type === 'string' ? event.type : ''})`
  switch (event?.type) {
    case 'SET_VALUE': {
      if (!fieldAt(state.entity, event.path)) {
        throw new MetalError(
          'invalid-argument',
          `${call}: path must name a field of '${state.entity.name}', got ${describeValue(event.path)}`,
        )
      }
      if (valuesEqual(getAt(state.values, event.path), event.value)) return state
      return withValues(state, setAt(state.values, event.path, event.value), event.path)
    }
    case 'BLUR':
      if (state.touched[event.path]) return state
      return { ...state, touched: { ...state.touched, [event.path]: true } }
    case 'ARRAY_ADD': {
      const items = arrayAt(state, event.path, call)
      const item = fieldAt(state.entity, event.path)?.item as FieldDefinition
      const value = event.value === undefined ? defaultValueOf(item) : event.value
      return withValues(state, setAt(state.values, event.path, [...items, value]), event.path)
    }
    case 'ARRAY_REMOVE': {
      const items = arrayAt(state, event.path, call)
      const index = checkIndex(call, 'index', event.index, items.length)
      const map = (i: number) => (i === index ? null : i > index ? i - 1 : i)
      const next = withValues(
        state,
        setAt(
          state.values,
          event.path,
          items.filter((_, i) => i !== index),
        ),
        event.path,
      )
      return { ...next, touched: remap(state.touched, event.path, map) }
    }
    case 'ARRAY_MOVE': {
      const items = arrayAt(state, event.path, call)
      const from = checkIndex(call, 'from', event.from, items.length)
      const to = checkIndex(call, 'to', event.to, items.length)
      if (from === to) return state
      const moved = [...items]
      moved.splice(to, 0, ...moved.splice(from, 1))
      const map = (i: number) =>
        i === from
          ? to
          : from < to && i > from && i <= to
            ? i - 1
            : to < from && i >= to && i < from
              ? i + 1
              : i
      const next = withValues(state, setAt(state.values, event.path, moved), event.path)
      return { ...next, touched: remap(state.touched, event.path, map) }
    }
    case 'LOAD':
      return load(state, valuesFromDocument(state.entity, event.values))
    case 'NOT_FOUND':
      return { ...state, status: 'error', submitError: event.message }
    case 'REMOTE_CHANGE': {
      const values = valuesFromDocument(state.entity, event.values)
      if (state.status === 'loading') return load(state, values)
      // Our own write echoes back while it is being saved; it is not a remote change.
      if (state.status === 'submitting') return state
      if (valuesEqual(values, state.initial))
        return state.remote ? { ...state, remote: null } : state
      if (!isDirty(state)) return { ...load(state, values), touched: state.touched }
      return { ...state, remote: { values, by: event.by ?? [] } }
    }
    case 'RELOAD':
      return state.remote ? load(state, state.remote.values) : state
    case 'KEEP_MINE':
      return keepMine(state)
    case 'SUBMIT': {
      if (state.status === 'submitting' || state.status === 'loading') return state
      const current = keepMine(state)
      // A validator's errors are recomputed by the submit: only the rules' errors stop it here.
      const submitted = {
        ...current,
        schemaErrors: {},
        submitCount: current.submitCount + 1,
        submitError: null,
      }
      if (getFirstInvalidPath(submitted) !== null) {
        return {
          ...submitted,
          status: 'invalid',
          focusRequest: state.focusRequest + 1,
          focusPath: null,
        }
      }
      return { ...submitted, status: 'submitting' }
    }
    case 'SUBMIT_INVALID': {
      const next = { ...state, schemaErrors: { ...event.errors } }
      return { ...next, status: 'invalid', focusRequest: state.focusRequest + 1, focusPath: null }
    }
    case 'SET_MESSAGES': {
      const messages = { ...DEFAULT_FORM_MESSAGES, ...event.messages }
      const keys = Object.keys(messages) as (keyof typeof messages)[]
      if (keys.every((k) => messages[k] === state.messages[k])) return state
      return { ...state, messages, errors: validateValues(state.entity, state.values, messages) }
    }
    case 'FOCUS':
      if (!fieldAt(state.entity, event.path)) {
        throw new MetalError(
          'invalid-argument',
          `${call}: path must name a field of '${state.entity.name}', got ${describeValue(event.path)}`,
        )
      }
      return { ...state, focusRequest: state.focusRequest + 1, focusPath: event.path }
    case 'SUBMIT_SUCCESS':
      if (state.mode === 'create') {
        return { ...load(state, state.initial), status: 'success' }
      }
      return { ...state, initial: state.values, status: 'success', submitError: null }
    case 'SUBMIT_FAILURE':
      return { ...state, status: 'error', submitError: event.message }
    case 'RESET':
      return {
        ...load(state, state.initial),
        status: state.status === 'loading' ? 'loading' : 'idle',
        remote: state.remote,
      }
    default:
      throw new MetalError(
        'invalid-argument',
        `transitionForm(): event.type must be a form event (SET_VALUE, BLUR, SUBMIT, …), got ${describeValue(
          (event as { type?: unknown } | undefined)?.type,
        )}`,
      )
  }
}
