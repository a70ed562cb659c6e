import { MetalError } from '@metal/core'
import { describeValue } from '../describeValue.js'
import type {
  EntityDefinition,
  FieldDefinition,
  FieldType,
  FieldWidget,
  FormErrors,
  FormMessages,
  FormValues,
} from './form.types.js'

const FIELD_TYPES: readonly FieldType[] = [
  'string',
  'text',
  'number',
  'boolean',
  'date',
  'enum',
  'email',
  'url',
  'array',
  'object',
  'relation',
]

// ─── Entity definitions ─────────────────────────────────────────────────────────────────────────

function invalid(call: string, where: string, rule: string, value: unknown): MetalError {
  return new MetalError(
    'invalid-argument',
    `${call}: ${where} must be ${rule}, got ${describeValue(value)}`,
  )
}

// The widgets each type can ask for (an array's depend on its item: checked by getControlKind).
const WIDGETS: Partial<Record<FieldType, readonly FieldWidget[]>> = {
  string: ['textarea'],
  enum: ['select', 'radio'],
  boolean: ['switch', 'checkbox'],
  array: ['chips', 'list'],
}

const isCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0

function checkField(call: string, field: unknown, where: string, named: boolean): void {
  if (typeof field !== 'object' || field === null) {
    throw invalid(call, where, 'a field definition object', field)
  }
  const f = field as FieldDefinition
  if (named && (typeof f.name !== 'string' || !/^[^.\s]+$/.test(f.name))) {
    throw invalid(call, `${where}.name`, 'a non-empty field name without dots or spaces', f.name)
  }
  const at = named ? `field '${f.name}'` : where
  if (!FIELD_TYPES.includes(f.type)) {
    throw invalid(call, `${at} type`, `one of ${FIELD_TYPES.join(', ')}`, f.type)
  }
  const rules = f.rules ?? {}
  if (typeof rules !== 'object' || rules === null)
    throw invalid(call, `${at} rules`, 'an object', rules)
  for (const key of ['minLength', 'maxLength'] as const) {
    if (rules[key] !== undefined && !isCount(rules[key])) {
      throw invalid(call, `${at} rule ${key}`, 'a non-negative integer', rules[key])
    }
  }
  for (const key of ['min', 'max'] as const) {
    const bound = rules[key]
    if (bound === undefined) continue
    const ok = f.type === 'date' ? isDate(bound) : typeof bound === 'number' && !Number.isNaN(bound)
    if (!ok) {
      throw invalid(
        call,
        `${at} rule ${key}`,
        f.type === 'date' ? "a 'YYYY-MM-DD' date" : 'a number',
        bound,
      )
    }
  }
  if (rules.pattern !== undefined) {
    if (typeof rules.pattern === 'string') {
      try {
        new RegExp(rules.pattern)
      } catch {
        throw invalid(call, `${at} rule pattern`, 'a valid regular expression', rules.pattern)
      }
    } else if (!(rules.pattern instanceof RegExp)) {
      throw invalid(call, `${at} rule pattern`, 'a RegExp or a string', rules.pattern)
    }
  }
  if (f.widget !== undefined && !WIDGETS[f.type]?.includes(f.widget)) {
    const allowed = WIDGETS[f.type]
    throw invalid(
      call,
      `${at} widget`,
      allowed
        ? `one of ${allowed.join(', ')} for a ${f.type} field`
        : `absent for a ${f.type} field`,
      f.widget,
    )
  }
  if (
    f.storedAs !== undefined &&
    (f.type !== 'date' || !['iso-date', 'epoch-ms'].includes(f.storedAs))
  ) {
    throw invalid(call, `${at} storedAs`, "'iso-date' or 'epoch-ms' on a date field", f.storedAs)
  }
  if (rules.custom !== undefined && typeof rules.custom !== 'function') {
    throw invalid(call, `${at} rule custom`, 'a function', rules.custom)
  }
  switch (f.type) {
    case 'enum':
      if (!Array.isArray(f.options) || f.options.length === 0) {
        throw invalid(call, `${at} options`, 'a non-empty array of choices', f.options)
      }
      f.options.forEach((o, i) => {
        const value = typeof o === 'string' ? o : (o as { value?: unknown } | null)?.value
        if (typeof value !== 'string') {
          throw invalid(call, `${at} options[${i}]`, 'a string or { value: string }', o)
        }
      })
      break
    case 'array':
      checkField(call, f.item, `${at} item`, false)
      break
    case 'object':
      checkFields(call, f.fields, `${at} fields`)
      break
    case 'relation': {
      const r = f.relation
      if (typeof r?.collection !== 'string' || r.collection === '') {
        throw invalid(call, `${at} relation.collection`, 'a collection name', r?.collection)
      }
      if (typeof r.labelField !== 'string' || r.labelField === '') {
        throw invalid(call, `${at} relation.labelField`, 'a field name', r.labelField)
      }
      if (r.limit !== undefined && (!isCount(r.limit) || r.limit === 0)) {
        throw invalid(call, `${at} relation.limit`, 'a positive integer', r.limit)
      }
      break
    }
  }
}

function checkFields(call: string, fields: unknown, where: string): void {
  if (!Array.isArray(fields)) throw invalid(call, where, 'an array of field definitions', fields)
  const seen = new Set<string>()
  fields.forEach((field, i) => {
    checkField(call, field, `${where}[${i}]`, true)
    const name = (field as FieldDefinition).name
    if (seen.has(name)) throw invalid(call, `${where}[${i}].name`, 'unique', name)
    seen.add(name)
  })
}

/**
 * Checks an entity definition, throwing a `MetalError` ('invalid-argument') that names the bad
 * field and property: an unknown type, an enum without options, a rule of the wrong kind…
 */
export function checkEntity(entity: unknown, call = 'checkEntity()'): EntityDefinition {
  if (typeof entity !== 'object' || entity === null) {
    throw invalid(call, 'schema', 'an entity definition ({ name, fields })', entity)
  }
  const e = entity as EntityDefinition
  if (typeof e.name !== 'string' || e.name === '')
    throw invalid(call, 'schema.name', 'a non-empty string', e.name)
  checkFields(call, e.fields, 'schema.fields')
  return e
}

// ─── Rules ──────────────────────────────────────────────────────────────────────────────────────

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Whether a value counts as empty: `required` fails on it and other rules skip it. */
export function isEmpty(value: unknown, type?: FieldType): boolean {
  if (value === undefined || value === null || value === '') return true
  if (type === 'boolean') return value !== true
  return Array.isArray(value) && value.length === 0
}

/** The label of a field: its `label`, or its name. */
export function labelOf(field: FieldDefinition): string {
  return field.label ?? field.name
}

/** The first rule `value` breaks, as a message, or `null`. Nested values are not looked into. */
export function validateField(
  field: FieldDefinition,
  value: unknown,
  values: FormValues,
  messages: FormMessages,
): string | null {
  const rules = field.rules ?? {}
  const label = labelOf(field)
  if (isEmpty(value, field.type)) return rules.required ? messages.required(label) : null

  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return messages.number(label)
      if (typeof rules.min === 'number' && value < rules.min) return messages.min(label, rules.min)
      if (typeof rules.max === 'number' && value > rules.max) return messages.max(label, rules.max)
      break
    case 'date':
      if (!isDate(value)) return messages.date(label)
      if (typeof rules.min === 'string' && value < rules.min) return messages.min(label, rules.min)
      if (typeof rules.max === 'string' && value > rules.max) return messages.max(label, rules.max)
      break
    case 'enum': {
      const allowed = (field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value))
      if (!allowed.includes(value as string)) return messages.enum(label)
      break
    }
  }
  const items = Array.isArray(value)
  if (typeof value === 'string' || items) {
    const length = (value as string | unknown[]).length
    if (rules.minLength !== undefined && length < rules.minLength) {
      return messages.minLength(label, rules.minLength, items)
    }
    if (rules.maxLength !== undefined && length > rules.maxLength) {
      return messages.maxLength(label, rules.maxLength, items)
    }
  }
  if (typeof value === 'string') {
    if ((field.type === 'email' || rules.email) && !EMAIL.test(value)) return messages.email(label)
    if ((field.type === 'url' || rules.url) && !isUrl(value)) return messages.url(label)
    if (rules.pattern !== undefined) {
      const re =
        typeof rules.pattern === 'string' ? new RegExp(`^(?:${rules.pattern})$`) : rules.pattern
      re.lastIndex = 0
      if (!re.test(value)) return messages.pattern(label)
    }
  }
  return rules.custom?.(value, values) || null
}

function validateInto(
  field: FieldDefinition,
  path: string,
  values: FormValues,
  messages: FormMessages,
  out: FormErrors,
  value: unknown,
): void {
  if (field.readOnly) return
  const error = validateField(field, value, values, messages)
  if (error) out[path] = error
  if (field.type === 'object' && value !== null && typeof value === 'object') {
    for (const child of field.fields ?? []) {
      const v = (value as Record<string, unknown>)[child.name]
      validateInto(child, `${path}.${child.name}`, values, messages, out, v)
    }
  }
  if (field.type === 'array' && Array.isArray(value) && field.item) {
    const item = { ...field.item, label: field.item.label ?? labelOf(field) }
    value.forEach((v, i) => validateInto(item, `${path}.${i}`, values, messages, out, v))
  }
}

/** Every rule error of `values`, by dotted path (`title`, `address.city`, `tags.2`). */
export function validateValues(
  entity: EntityDefinition,
  values: FormValues,
  messages: FormMessages,
): FormErrors {
  const out: FormErrors = {}
  for (const field of entity.fields) {
    validateInto(field, field.name, values, messages, out, values[field.name])
  }
  return out
}

// ─── Standard Schema ────────────────────────────────────────────────────────────────────────────

/** One problem a Standard Schema validator reports. */
export interface StandardSchemaIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** The result of a Standard Schema validator: the value, or the issues. */
export type StandardSchemaResult =
  | { readonly value: unknown; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> }

/**
 * A validator following the Standard Schema interface (https://standardschema.dev): zod 4,
 * valibot, ArkType… Only `~standard.validate` is used, so no validator library is a dependency.
 */
export interface StandardSchema {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardSchemaResult | Promise<StandardSchemaResult>
  }
}

/** Whether `value` implements the Standard Schema interface. */
export function isStandardSchema(value: unknown): value is StandardSchema {
  const std = (value as { '~standard'?: { validate?: unknown } } | null)?.['~standard']
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof std?.validate === 'function'
  )
}

function issuesToErrors(result: StandardSchemaResult): FormErrors {
  const out: FormErrors = {}
  for (const issue of result.issues ?? []) {
    const path = (issue.path ?? [])
      .map((p) => String(typeof p === 'object' && p !== null ? p.key : p))
      .join('.')
    out[path] ??= issue.message
  }
  return out
}

/**
 * Runs a Standard Schema validator over the values and returns its issues as errors by dotted
 * path (the first issue of each path; issues without a path are keyed `''`). Synchronous
 * validators give a result at once; asynchronous ones a promise.
 */
export function validateStandard(
  schema: StandardSchema,
  values: FormValues,
): FormErrors | Promise<FormErrors> {
  const result = schema['~standard'].validate(values)
  return result instanceof Promise ? result.then(issuesToErrors) : issuesToErrors(result)
}
