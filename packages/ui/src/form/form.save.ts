// Writing a form's document: `add` in create mode, `update` of the changed fields in edit mode.

import { deleteField, type DocumentData } from '@metal/core'
import { invalid } from '../invalid.js'
import { checkTimestamps, stampCreated, stampUpdated, type WriteTimestamps } from '../timestamps.js'
import type { FieldChange, FormValues } from './form.types.js'
import type { FormSaveInfo } from './form.submit.js'

/** The writes a bound form needs from a collection (what `useMetalMutation` returns). */
export interface FormWriter {
  add(data: DocumentData): Promise<string>
  update(id: string, data: DocumentData): Promise<unknown>
}

/** Options of {@link saveFormDocument}. */
export interface SaveFormDocumentOptions {
  /** The edited document; absent, `null` or `''` creates a new one. */
  docId?: string | null | undefined
  /** Fields stamped with the server's time on create (`createdAt`) and on every write. */
  timestamps?: WriteTimestamps | undefined
}

/**
 * The `update` payload of a form's changes: dotted paths (`address.city`) to their new values,
 * a cleared field as `deleteField()`, arrays whole.
 */
export function getUpdatePayload(changes: readonly FieldChange[]): DocumentData {
  if (!Array.isArray(changes)) throw invalid('getUpdatePayload()', 'changes', 'an array', changes)
  return Object.fromEntries(
    changes.map((c) => [c.path, c.value === undefined ? deleteField() : c.value]),
  )
}

/**
 * Saves a submitted form: `add`s the document (stamped with its creation time) when there is no
 * `docId`, otherwise `update`s only the changed fields (nothing at all when none changed).
 * Resolves with the document's id; a refused write rejects, and the writer's optimistic change
 * is rolled back by the client, so the form still holds the user's values to try again.
 */
export async function saveFormDocument(
  writer: FormWriter,
  info: FormSaveInfo,
  options: SaveFormDocumentOptions = {},
): Promise<string> {
  const call = 'saveFormDocument()'
  if (typeof writer?.add !== 'function' || typeof writer.update !== 'function') {
    throw invalid(call, 'writer', 'an object with add and update', writer)
  }
  const timestamps = checkTimestamps(call, options.timestamps)
  const { docId } = options
  if (docId !== undefined && docId !== null && typeof docId !== 'string') {
    throw invalid(call, 'options.docId', 'a document id', docId)
  }
  if (!docId) return writer.add(stampCreated(timestamps, info.document))
  if (info.changes.length > 0) {
    await writer.update(docId, stampUpdated(timestamps, getUpdatePayload(info.changes)))
  }
  return docId
}

/** Options of {@link saveFormAndSubmit}. */
export interface SaveFormAndSubmitOptions extends SaveFormDocumentOptions {
  /** The bound form's writes; without them the form is unbound and only calls `onSubmit`. */
  writer?: FormWriter | undefined
  /** The app's handler: after the save (bound), or as the save (unbound). */
  onSubmit?:
    ((values: FormValues, info: { id?: string; changes: FieldChange[] }) => unknown) | undefined
}

/**
 * What a `<Form>` does with a valid submit, in every view: a bound form (given `writer`) saves
 * the document with {@link saveFormDocument} and then calls `onSubmit` with its id; an unbound
 * one hands the values to `onSubmit`, which saves them. Resolves with what `onSubmit` returns.
 */
export async function saveFormAndSubmit(
  info: FormSaveInfo,
  options: SaveFormAndSubmitOptions,
): Promise<unknown> {
  const { writer, onSubmit } = options
  if (!writer) return onSubmit?.(info.values, { changes: info.changes })
  const id = await saveFormDocument(writer, info, options)
  return onSubmit?.(info.values, { id, changes: info.changes })
}
