// The submit flow every view runs: rules, then the validator, then the save, then the outcome.

import { invalid } from '../invalid.js'
import { transitionForm } from './form.model.js'
import type { FieldChange, FormEvent, FormState, FormValues } from './form.types.js'
import { getChanges, toDocument } from './form.values.js'
import { isStandardSchema, validateStandard, type StandardSchema } from './validate.js'

/** What a save receives: the values, the document to store and, in edit mode, the changes. */
export interface FormSaveInfo {
  /** Every field's value as shown. */
  values: FormValues
  /** The values as a document to store (empty fields left out). */
  document: FormValues
  /** The fields changed since the form loaded (edit mode), as dotted paths. */
  changes: FieldChange[]
}

/** Options of {@link submitForm}. */
export interface SubmitFormOptions {
  /** The form's state now (read again after each step, since the user may keep typing). */
  getState: () => FormState
  /** Applies an event to the form (the view's store). */
  send: (event: FormEvent) => void
  /** A Standard Schema validator run over the document after the rules pass. */
  validator?: StandardSchema | undefined
  /** Saves a valid submit; a rejection puts the form in its error state with the message. */
  save?: ((info: FormSaveInfo) => unknown) | undefined
  /** Called with a failed save's error, besides the form showing it. */
  onSaveError?: ((error: Error) => void) | undefined
}

/** What a submit came to. */
export type SubmitOutcome = 'ignored' | 'invalid' | 'saved' | 'failed'

/** The save information of a state: its values, the document to store and the changes. */
export function getSaveInfo(state: FormState): FormSaveInfo {
  return { values: state.values, document: toDocument(state), changes: getChanges(state) }
}

/**
 * Submits a form: `SUBMIT` (the rules; focus moves to the first invalid field when one fails),
 * then the validator (`SUBMIT_INVALID` with its errors), then `save`, then `SUBMIT_SUCCESS` or
 * `SUBMIT_FAILURE` plus `onSaveError`. Nothing is written when a check fails, and a failed save
 * loses none of the user's values. Resolves (never rejects) with the outcome.
 */
export async function submitForm(options: SubmitFormOptions): Promise<SubmitOutcome> {
  const call = 'submitForm()'
  if (typeof options?.getState !== 'function') {
    throw invalid(call, 'getState', 'a function', options?.getState)
  }
  if (typeof options.send !== 'function') throw invalid(call, 'send', 'a function', options.send)
  if (options.validator !== undefined && !isStandardSchema(options.validator)) {
    throw invalid(call, 'validator', 'a Standard Schema validator', options.validator)
  }
  const { getState, send, validator, save, onSaveError } = options
  // Decide from the transition itself, so a store that updates later changes nothing here.
  const before = getState()
  if (before.status === 'submitting' || before.status === 'loading') return 'ignored'
  send({ type: 'SUBMIT' })
  if (transitionForm(before, { type: 'SUBMIT' }).status !== 'submitting') return 'invalid'
  try {
    if (validator) {
      const errors = await validateStandard(validator, toDocument(getState()))
      if (Object.keys(errors).length > 0) {
        send({ type: 'SUBMIT_INVALID', errors })
        return 'invalid'
      }
    }
    await save?.(getSaveInfo(getState()))
    send({ type: 'SUBMIT_SUCCESS' })
    return 'saved'
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    send({ type: 'SUBMIT_FAILURE', message: failure.message })
    onSaveError?.(failure)
    return 'failed'
  }
}
