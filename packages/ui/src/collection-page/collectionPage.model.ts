import { initDataTable } from '../data-table/dataTable.model.js'
import { invalid } from '../data-table/dataTable.check.js'
import type { DataTableColumn } from '../data-table/dataTable.types.js'
import type { EntityDefinition, EnumOption } from '../form/form.types.js'
import { checkEntity } from '../form/validate.js'
import { checkTimestamps } from '../timestamps.js'

// The framework-neutral part of a collection page: checking its props, the choices of a bulk
// "set field" action, and what marks a row carries (pending writes, other editors).

/** Sets one field of every selected document to a value the user picks, in one batch. */
export interface CollectionPageFieldAction {
  /** The button's text, also the dialog's title ("Set status"). */
  label: string
  /** The field to set: an `enum` or `boolean` field of the schema, unless `options` are given. */
  field: string
  /** The values offered. @default the schema field's options (`enum`) or Yes/No (`boolean`) */
  options?: readonly (string | EnumOption)[]
}

/** Runs custom code on the selected documents' ids; a rejection is shown to the user. */
export interface CollectionPageRunAction {
  /** The button's text. */
  label: string
  /** Does the work; the selection is cleared once it resolves. */
  run: (ids: readonly string[]) => unknown
}

/** A bulk action on the selected rows. */
export type CollectionPageBulkAction = CollectionPageFieldAction | CollectionPageRunAction

/** Words of a collection page, to replace the English defaults. */
export interface CollectionPageMessages {
  /** The live count beside the title. */
  count: (count: number) => string
  /** The header's note of this page's rows whose writes wait for the backend. */
  pending: (count: number) => string
  /** The accessible label of a row's pending mark. */
  pendingRow: string
  /** The "New" button. */
  create: string
  /** The create dialog's title, given the schema's label. */
  createTitle: (entity: string) => string
  /** The edit dialog's title, given the schema's label. */
  editTitle: (entity: string) => string
  /** A row's edit button, given the row's label. */
  editRow: (row: string) => string
  /** A row's delete button, given the row's label. */
  deleteRow: (row: string) => string
  /** The accessible name of the group of bulk actions. */
  bulkActions: string
  /** The bulk delete button. */
  deleteSelected: string
  /** The delete confirmation's title, given how many documents go. */
  confirmDeleteTitle: (count: number) => string
  /** The delete confirmation's text. */
  confirmDeleteText: string
  /** The delete button of the confirmation and of the edit dialog. */
  delete: string
  cancel: string
  /** The apply button of a bulk "set field" dialog. */
  apply: string
  /** A bulk "set field" dialog's title, given the action's label and how many are selected. */
  bulkTitle: (label: string, count: number) => string
  /** The label of a bulk "set field" dialog's select. */
  bulkValue: string
  /** Header of the column of row marks. */
  marksHeader: string
  /** Header of the column of row actions. */
  actionsHeader: string
  /** A row another member edits, given the member's name. */
  editing: (name: string) => string
  /** The list of other members on the page. */
  viewers: string
  /** A failed write, given the error's message. */
  writeFailed: (message: string) => string
  /** The button that dismisses an error. */
  dismiss: string
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`)

/** The English words of a collection page. */
export const DEFAULT_COLLECTION_PAGE_MESSAGES: CollectionPageMessages = {
  count: (n) => plural(n, 'item', 'items'),
  pending: (n) => `${plural(n, 'row', 'rows')} not yet saved`,
  pendingRow: 'Saving: not yet confirmed',
  create: 'New',
  createTitle: (entity) => `New ${entity}`,
  editTitle: (entity) => `Edit ${entity}`,
  editRow: (row) => `Edit ${row}`,
  deleteRow: (row) => `Delete ${row}`,
  bulkActions: 'Selected rows',
  deleteSelected: 'Delete selected',
  confirmDeleteTitle: (n) => `Delete ${plural(n, 'item', 'items')}?`,
  confirmDeleteText: 'This cannot be undone.',
  delete: 'Delete',
  cancel: 'Cancel',
  apply: 'Apply',
  bulkTitle: (label, n) => `${label} of ${plural(n, 'item', 'items')}`,
  bulkValue: 'Value',
  marksHeader: 'State',
  actionsHeader: 'Actions',
  editing: (name) => `${name} is editing`,
  viewers: 'Also on this page',
  writeFailed: (message) => `Not saved: ${message}`,
  dismiss: 'Dismiss',
}

/** The props {@link checkCollectionPageProps} checks. */
export interface CollectionPageCheckedProps<Row> {
  collection: unknown
  title: unknown
  schema: unknown
  columns: readonly DataTableColumn<Row>[]
  bulkActions?: readonly CollectionPageBulkAction[] | undefined
  timestamps?: unknown
}

/**
 * Checks a collection page's props, throwing a `MetalError` ('invalid-argument') that names
 * `call`, the prop and the bad value.
 */
export function checkCollectionPageProps<Row>(
  props: CollectionPageCheckedProps<Row>,
  call = '<CollectionPage>',
): EntityDefinition {
  const { collection } = props
  if (
    typeof collection !== 'string' ||
    collection === '' ||
    collection.split('/').some((segment) => segment === '') ||
    collection.split('/').length % 2 === 0
  ) {
    throw invalid(call, 'collection', 'a collection path (odd number of segments)', collection)
  }
  checkTimestamps(call, props.timestamps)
  if (typeof props.title !== 'string' || props.title === '') {
    throw invalid(call, 'title', 'a non-empty string', props.title)
  }
  const schema = checkEntity(props.schema, call)
  if (!Array.isArray(props.columns) || props.columns.length === 0) {
    throw invalid(call, 'columns', 'a non-empty array of columns', props.columns)
  }
  initDataTable<Row>({ columns: props.columns }, call)
  const actions: unknown = props.bulkActions ?? []
  if (!Array.isArray(actions)) throw invalid(call, 'bulkActions', 'an array', actions)
  actions.forEach((action: unknown, i) => checkBulkAction(call, schema, action, i))
  return schema
}

function checkBulkAction(call: string, schema: EntityDefinition, action: unknown, i: number) {
  const at = `bulkActions[${i}]`
  if (typeof action !== 'object' || action === null) throw invalid(call, at, 'an object', action)
  const { label, field, run } = action as Record<string, unknown>
  if (typeof label !== 'string' || label === '') {
    throw invalid(call, `${at}.label`, 'a non-empty string', label)
  }
  if (run !== undefined) {
    if (typeof run !== 'function') throw invalid(call, `${at}.run`, 'a function', run)
    return
  }
  if (typeof field !== 'string' || field === '') {
    throw invalid(call, `${at}.field`, 'a field name (or give run)', field)
  }
  if (getBulkOptions(schema, action as CollectionPageFieldAction).length === 0) {
    throw invalid(
      call,
      `${at}.field`,
      'an enum or boolean field of the schema, or give options',
      field,
    )
  }
}

/** The values a bulk "set field" action offers, each with its label. */
export function getBulkOptions(
  schema: EntityDefinition,
  action: CollectionPageFieldAction,
): { value: string | boolean; label: string }[] {
  const label = (o: string | EnumOption) => (typeof o === 'string' ? o : (o.label ?? o.value))
  const value = (o: string | EnumOption) => (typeof o === 'string' ? o : o.value)
  if (action.options) return action.options.map((o) => ({ value: value(o), label: label(o) }))
  const field = schema.fields.find((f) => f.name === action.field)
  if (field?.type === 'enum') {
    return (field.options ?? []).map((o) => ({ value: value(o), label: label(o) }))
  }
  if (field?.type === 'boolean') {
    return [
      { value: true, label: 'Yes' },
      { value: false, label: 'No' },
    ]
  }
  return []
}

/** Whether a bound row waits for the backend to confirm a write (`MetalRow.hasPendingWrites`). */
export function hasPendingWrites(row: unknown): boolean {
  return (
    typeof row === 'object' &&
    row !== null &&
    (row as { hasPendingWrites?: unknown }).hasPendingWrites === true
  )
}

/** Up to two initials of a name, for an avatar: "Ada Lovelace" → "AL", "ada" → "A". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words
  return letters.map((w) => [...(w as string)][0]?.toUpperCase() ?? '').join('') || '?'
}

/** One of `count` avatar colours for a user id, the same on every client. */
export function avatarTone(userId: string, count = 3): number {
  let hash = 0
  for (const ch of userId) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return hash % count
}
