/** The kinds of field a form can show; each has its own control and value type. */
export type FieldType =
  | 'string'
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'email'
  | 'url'
  | 'array'
  | 'object'
  | 'relation'

/** A custom rule: returns a message when `value` is wrong, nothing when it is right. */
export type CustomRule = (value: unknown, values: FormValues) => string | null | undefined | void

/** Validation rules of a field. Rules other than `required` skip empty values. */
export interface FieldRules {
  /** The field must have a value (a boolean must be checked, an array must have an item). */
  required?: boolean
  /** Smallest number, or earliest date (`'YYYY-MM-DD'`). */
  min?: number | string
  /** Largest number, or latest date (`'YYYY-MM-DD'`). */
  max?: number | string
  /** Fewest characters (strings) or items (arrays). */
  minLength?: number
  /** Most characters (strings) or items (arrays). */
  maxLength?: number
  /** A pattern the whole string must match (a string is anchored like HTML's `pattern`). */
  pattern?: RegExp | string
  /** The string must be an e-mail address (implied by type `email`). */
  email?: boolean
  /** The string must be an http(s) URL (implied by type `url`). */
  url?: boolean
  /** Any other check, given the value and all the form's values. */
  custom?: CustomRule
}

/** A choice of an `enum` field. */
export interface EnumOption {
  value: string
  label?: string
}

/** Where a `relation` field finds the documents it can point to. */
export interface RelationDefinition {
  /** The collection holding the related documents. */
  collection: string
  /** The field shown for a document and searched by prefix. */
  labelField: string
  /**
   * How many matches the search lists.
   * @default 20
   */
  limit?: number
}

/**
 * One field of an entity definition. `name` is the document field (no dots); nested objects and
 * arrays make dotted paths such as `address.city` and `tags.0`.
 */
export interface FieldDefinition {
  name: string
  type: FieldType
  /** Shown next to the control. @default the name */
  label?: string
  /** Help text under the control, announced with it. */
  description?: string
  placeholder?: string
  /** The value of a new document. @default '' for text-like fields, null for numbers, false, [] or {} */
  defaultValue?: unknown
  rules?: FieldRules
  /** Choices of an `enum` field. */
  options?: readonly (string | EnumOption)[]
  /** The item of an `array` field (its `name` is not used). */
  item?: FieldDefinition
  /** The fields of an `object` field. */
  fields?: readonly FieldDefinition[]
  /** The target of a `relation` field; its value is the related document's id. */
  relation?: RelationDefinition
  /** Shown but not editable, and never written. */
  readOnly?: boolean
  /**
   * Which control shows the field, where a type has more than one: `'radio'` (an `enum` of at
   * most four options as radio buttons), `'select'`, `'switch'` or `'checkbox'` (a `boolean`),
   * `'chips'` or `'list'` (an `array` of strings: input chips, or one text field per item that
   * can be reordered and checked one by one), `'textarea'` (a `string` on several lines).
   * @default the type's usual control: select, switch, chips for string arrays, list otherwise
   */
  widget?: FieldWidget
  /**
   * How a `date` field is stored: `'iso-date'` strings (`'YYYY-MM-DD'`) or `'epoch-ms'`
   * numbers (milliseconds since 1970 at UTC midnight). The form edits both as dates.
   * @default 'iso-date'
   */
  storedAs?: 'iso-date' | 'epoch-ms'
}

/** The controls a field can ask for with `widget`. */
export type FieldWidget = 'radio' | 'select' | 'switch' | 'checkbox' | 'chips' | 'list' | 'textarea'

/**
 * The control a view renders for a field (decided once, by `getControlKind`, for every view):
 * a text field, a select, a radio group, a switch, a checkbox, input chips, a date field, the
 * relation combobox, a list of items (array) or a group of fields (object).
 */
export type ControlKind =
  | 'text'
  | 'select'
  | 'radio'
  | 'switch'
  | 'checkbox'
  | 'chips'
  | 'date'
  | 'relation'
  | 'list'
  | 'group'

/** An entity definition: what a collection's documents hold, as the form renders them. */
export interface EntityDefinition {
  /** The entity's name, e.g. `'task'`. */
  name: string
  /** A heading for the form. */
  label?: string
  fields: readonly FieldDefinition[]
}

/** The form's values: a plain document shaped by the entity definition. */
export type FormValues = Record<string, unknown>

/** Error messages by dotted path (`''` for errors about the whole form). */
export type FormErrors = Record<string, string>

/**
 * Where a form is in its life: `loading` until an edited document arrives, `invalid` after a
 * submit that failed validation, `submitting` while saving, then `success` or `error`.
 */
export type FormStatus = 'loading' | 'idle' | 'invalid' | 'submitting' | 'success' | 'error'

/** A remote change to the edited document, waiting for the user to reload or keep their edits. */
export interface RemoteChange {
  /** The document's values as now stored. */
  values: FormValues
  /** Who was editing the document when it changed (from presence), if anyone is known. */
  by: readonly string[]
}

/** The whole state of a form: plain data, replaced (never mutated) by each transition. */
export interface FormState {
  readonly entity: EntityDefinition
  readonly messages: FormMessages
  readonly mode: 'create' | 'edit'
  readonly values: FormValues
  /** The values the edits are measured against: defaults, or the document as loaded. */
  readonly initial: FormValues
  /** Errors from the entity's rules, for every path (shown once touched or submitted). */
  readonly errors: FormErrors
  /** Errors from a Standard Schema validator, until the value at their path changes. */
  readonly schemaErrors: FormErrors
  /** Paths the user has left (blurred) or changed. */
  readonly touched: Readonly<Record<string, true>>
  readonly status: FormStatus
  readonly submitCount: number
  /**
   * Bumped by each submit that fails validation and by `FOCUS`: a view moves focus when it
   * changes, to `focusPath` or else the first invalid field.
   */
  readonly focusRequest: number
  /** The path a `FOCUS` event asked for (an error summary's link), or `null`. */
  readonly focusPath: string | null
  /** Why the last save failed. */
  readonly submitError: string | null
  readonly remote: RemoteChange | null
}

/** Options of `initForm`. */
export interface FormOptions {
  /** What the form edits. */
  entity: EntityDefinition
  /**
   * `create` starts from the fields' defaults; `edit` waits (status `loading`) for the document
   * unless `values` are given.
   * @default 'create'
   */
  mode?: 'create' | 'edit'
  /** A document to start from (merged over the defaults; fields not in the entity are ignored). */
  values?: FormValues
  /** Words to show instead of the English defaults. */
  messages?: Partial<FormMessages>
}

/** What can happen to a form. */
export type FormEvent =
  | { type: 'SET_VALUE'; path: string; value: unknown }
  | { type: 'BLUR'; path: string }
  | { type: 'ARRAY_ADD'; path: string; value?: unknown }
  | { type: 'ARRAY_REMOVE'; path: string; index: number }
  | { type: 'ARRAY_MOVE'; path: string; from: number; to: number }
  | { type: 'LOAD'; values: FormValues }
  | { type: 'NOT_FOUND'; message: string }
  | { type: 'REMOTE_CHANGE'; values: FormValues; by?: readonly string[] }
  | { type: 'RELOAD' }
  | { type: 'KEEP_MINE' }
  | { type: 'SUBMIT' }
  | { type: 'SUBMIT_INVALID'; errors: FormErrors }
  | { type: 'SUBMIT_SUCCESS' }
  | { type: 'SUBMIT_FAILURE'; message: string }
  | { type: 'RESET' }
  | { type: 'FOCUS'; path: string }
  | { type: 'SET_MESSAGES'; messages: FormMessages }

/** One changed field of an edited document: its dotted path and new value (`undefined`: cleared). */
export interface FieldChange {
  path: string
  value: unknown
}

/** The words a form shows or announces; override them to translate. */
export interface FormMessages {
  /** @default (label) => `${label} is required` */
  required: (label: string) => string
  /** @default (label) => `${label} must be a number` */
  number: (label: string) => string
  /** @default (label) => `${label} must be a date` */
  date: (label: string) => string
  /** @default (label, min) => `${label} must be at least ${min}` */
  min: (label: string, min: number | string) => string
  /** @default (label, max) => `${label} must be at most ${max}` */
  max: (label: string, max: number | string) => string
  /** @default (label, n, items) => `${label} must have at least ${n} characters|items` */
  minLength: (label: string, n: number, items: boolean) => string
  /** @default (label, n, items) => `${label} must have at most ${n} characters|items` */
  maxLength: (label: string, n: number, items: boolean) => string
  /** @default (label) => `${label} is not in the expected format` */
  pattern: (label: string) => string
  /** @default (label) => `${label} must be an e-mail address` */
  email: (label: string) => string
  /** @default (label) => `${label} must be a URL` */
  url: (label: string) => string
  /** @default (label) => `${label} must be one of the choices` */
  enum: (label: string) => string
  /** @default 'Create' */
  create: string
  /** @default 'Save' */
  save: string
  /** @default 'Saving…' */
  submitting: string
  /** @default 'Saved' */
  success: string
  /** @default (message) => `Could not save: ${message}` */
  failure: (message: string) => string
  /** @default 'Please fix the errors below.' */
  invalid: string
  /** @default 'Loading…' */
  loading: string
  /** @default (by) => 'Ada changed this document…' */
  remoteChanged: (by: readonly string[]) => string
  /** @default (names) => 'Ada is also editing this document.' */
  othersEditing: (names: readonly string[]) => string
  /** @default 'Reload' */
  reload: string
  /** @default 'Keep mine' */
  keepMine: string
  /** @default (label) => `Add ${label}` */
  addItem: (label: string) => string
  /** @default (label, n) => `Remove ${label} ${n}` */
  removeItem: (label: string, n: number) => string
  /** @default (label, n) => `Move ${label} ${n} up` */
  moveUp: (label: string, n: number) => string
  /** @default (label, n) => `Move ${label} ${n} down` */
  moveDown: (label: string, n: number) => string
  /** Empty choice of a select. @default 'Select…' */
  choose: string
  /** @default 'No matches' */
  noMatches: string
  /** A boolean shown as text (read-only). @default 'Yes' */
  yes: string
  /** @default 'No' */
  no: string
  /** @default 'Cancel' */
  cancel: string
  /** @default 'Reset' */
  reset: string
  /** @default 'Add' (the visible text of an array's add button; `addItem` is its name) */
  add: string
  /** @default 'Remove' (an item's remove button, shown as an icon; `removeItem` is its name) */
  remove: string
  /** Heading of the error summary after a failed submit. @default (n) => `${n} fields need attention` */
  errorSummary: (count: number) => string
  /** Announced while a relation's matches load. @default 'Loading…' */
  loadingOptions: string
  /** The relation combobox's clear button. @default (label) => `Clear ${label}` */
  clear: (label: string) => string
  /** The relation combobox's open button. @default (label) => `Show ${label} choices` */
  showOptions: (label: string) => string
}
