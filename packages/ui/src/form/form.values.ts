// Form values and documents: defaults, stored documents in and out, and what the user changed.

import type {
  EntityDefinition,
  FieldChange,
  FieldDefinition,
  FormState,
  FormValues,
} from './form.types.js'
import { valuesEqual } from './paths.js'

/** The value a field starts with in a new document. */
export function defaultValueOf(field: FieldDefinition): unknown {
  if (field.defaultValue !== undefined) return structuredClone(field.defaultValue)
  switch (field.type) {
    case 'number':
      return null
    case 'boolean':
      return false
    case 'array':
      return []
    case 'object':
      return Object.fromEntries((field.fields ?? []).map((f) => [f.name, defaultValueOf(f)]))
    default:
      return ''
  }
}

function fromStored(field: FieldDefinition, stored: unknown): unknown {
  if (stored === undefined || stored === null) {
    return field.type === 'object'
      ? pick(field.fields ?? [], {})
      : defaultValueOf({ ...field, defaultValue: undefined })
  }
  if (field.type === 'object' && typeof stored === 'object' && !Array.isArray(stored)) {
    return pick(field.fields ?? [], stored as FormValues)
  }
  if (field.type === 'array' && Array.isArray(stored) && field.item) {
    const item = field.item
    return stored.map((v) => fromStored(item, v))
  }
  if (field.type === 'date' && field.storedAs === 'epoch-ms' && typeof stored === 'number') {
    const date = new Date(stored)
    return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10)
  }
  return structuredClone(stored)
}

/**
 * A form value as the document stores it: dates kept as `'YYYY-MM-DD'` in the form become
 * epoch milliseconds (UTC midnight) on a field with `storedAs: 'epoch-ms'`.
 */
export function toStoredValue(field: FieldDefinition, value: unknown): unknown {
  if (field.type === 'date' && field.storedAs === 'epoch-ms' && typeof value === 'string') {
    const ms = Date.parse(`${value}T00:00:00Z`)
    return Number.isNaN(ms) ? value : ms
  }
  if (field.type === 'array' && Array.isArray(value) && field.item) {
    const item = field.item
    return value.map((v) => toStoredValue(item, v))
  }
  if (field.type === 'object' && isRecord(value)) {
    const out: FormValues = { ...value }
    for (const f of field.fields ?? []) {
      if (f.name in out) out[f.name] = toStoredValue(f, out[f.name])
    }
    return out
  }
  return value
}

function pick(fields: readonly FieldDefinition[], doc: FormValues): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, fromStored(f, doc[f.name])]))
}

/**
 * A stored document as form values: every field of the entity, missing ones empty (not their
 * defaults: a document without a value has none), other document fields left out.
 */
export function valuesFromDocument(entity: EntityDefinition, doc: FormValues): FormValues {
  return pick(entity.fields, doc)
}

/** The default values of a new document of `entity`. */
export function defaultValues(entity: EntityDefinition): FormValues {
  return Object.fromEntries(entity.fields.map((f) => [f.name, defaultValueOf(f)]))
}

function clean(fields: readonly FieldDefinition[], values: FormValues): FormValues {
  const out: FormValues = {}
  for (const field of fields) {
    if (field.readOnly) continue
    const value = values[field.name]
    if (value === '' || value === null || value === undefined) continue
    out[field.name] =
      field.type === 'object' && typeof value === 'object'
        ? clean(field.fields ?? [], value as FormValues)
        : toStoredValue(field, value)
  }
  return out
}

/**
 * The values as a document to store: empty text and numbers are left out rather than stored as
 * `''` or `null`, and read-only fields are never written.
 */
export function toDocument(state: FormState): FormValues {
  return clean(state.entity.fields, state.values)
}

function changesOf(
  fields: readonly FieldDefinition[],
  values: FormValues,
  initial: FormValues,
  prefix: string,
  out: FieldChange[],
): void {
  for (const field of fields) {
    if (field.readOnly) continue
    const path = prefix + field.name
    const now = values[field.name]
    const was = initial[field.name]
    if (valuesEqual(now, was)) continue
    if (field.type === 'object' && isRecord(now) && isRecord(was)) {
      changesOf(field.fields ?? [], now, was, `${path}.`, out)
    } else {
      out.push({ path, value: now === '' || now === null ? undefined : toStoredValue(field, now) })
    }
  }
}

const isRecord = (v: unknown): v is FormValues =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The fields the user changed, as dotted paths to their new values as stored, nested objects
 * down to their leaves; arrays as a whole (an index path would race with another user's insert).
 * A cleared field has value `undefined`: delete it.
 */
export function getChanges(state: FormState): FieldChange[] {
  const out: FieldChange[] = []
  changesOf(state.entity.fields, state.values, state.initial, '', out)
  return out
}

/** Whether the values differ from the ones the form started from. */
export function isDirty(state: FormState): boolean {
  return getChanges(state).length > 0
}
