import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { connectForm, type FormApi } from '../../form/form.connect.js'
import { initForm, transitionForm } from '../../form/form.model.js'
import { getChanges, toDocument } from '../../form/form.values.js'
import type {
  EntityDefinition,
  FieldChange,
  FormEvent,
  FormMessages,
  FormState,
  FormValues,
} from '../../form/form.types.js'
import { validateStandard, type StandardSchema } from '../../form/validate.js'

/** What a save receives: the values, the document to store and, in edit mode, the changes. */
export interface FormSaveInfo {
  /** Every field's value as shown. */
  values: FormValues
  /** The values as a document to store (empty fields left out). */
  document: FormValues
  /** The fields changed since the form loaded (edit mode), as dotted paths. */
  changes: FieldChange[]
}

/** Props of {@link useForm}. */
export interface UseFormProps {
  /** The entity definition the form is built from. */
  schema: EntityDefinition
  /** A Standard Schema validator (zod 4, valibot…) run over the document on submit, after the rules. */
  validator?: StandardSchema
  /**
   * `create` starts from defaults; `edit` waits for a `LOAD`/`REMOTE_CHANGE` unless
   * `defaultValues` are given.
   * @default 'create'
   */
  mode?: 'create' | 'edit'
  /** Values to start from (merged over the fields' defaults in create mode). */
  defaultValues?: FormValues
  /** Saves a valid submit; a rejection puts the form in its error state with the message. */
  onSave?: (info: FormSaveInfo) => unknown
  /**
   * Called when a save fails, besides the form showing it. Runs even after the form has gone
   * (a dialog closed while the write waited for the network), so the error can still be shown.
   */
  onSaveError?: (error: Error) => void
  /** Words to show instead of the English defaults. */
  messages?: Partial<FormMessages>
  /**
   * Base of the parts' ids.
   * @default a `useId()` value
   */
  id?: string
}

/** The form model bound to React state; `submit` validates, saves and reports how it went. */
export interface UseFormResult extends Omit<FormApi, 'submit'> {
  /** Validates (rules, then the validator) and saves; resolves when done, whatever the outcome. */
  submit(): Promise<void>
}

/**
 * The form model bound to React state: prop getters for a custom view, plus `submit`, which
 * validates and calls `onSave`. After a submit that fails validation, focus moves to the first
 * invalid control. `<Form>` is this hook plus markup.
 */
export function useForm(props: UseFormProps, call = 'useForm()'): UseFormResult {
  const autoId = useId()
  const [state, setState] = useState<FormState>(() =>
    initForm(
      {
        entity: props.schema,
        ...(props.mode ? { mode: props.mode } : {}),
        ...(props.defaultValues ? { values: props.defaultValues } : {}),
        ...(props.messages ? { messages: props.messages } : {}),
      },
      call,
    ),
  )
  const current = useRef(state)
  const latest = useRef(props)
  latest.current = props

  const send = useCallback((event: FormEvent) => {
    const next = transitionForm(current.current, event)
    if (next === current.current) return
    current.current = next
    setState(next)
  }, [])

  const submit = useCallback(async () => {
    send({ type: 'SUBMIT' })
    if (current.current.status !== 'submitting') return
    const { validator, onSave } = latest.current
    try {
      if (validator) {
        const errors = await validateStandard(validator, toDocument(current.current))
        if (Object.keys(errors).length > 0) return send({ type: 'SUBMIT_INVALID', errors })
      }
      const state = current.current
      await onSave?.({
        values: state.values,
        document: toDocument(state),
        changes: getChanges(state),
      })
      send({ type: 'SUBMIT_SUCCESS' })
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error))
      send({ type: 'SUBMIT_FAILURE', message: failure.message })
      latest.current.onSaveError?.(failure)
    }
  }, [send])

  const id = props.id ?? `metal-form-${autoId.replace(/:/g, '')}`
  const api = useMemo(() => connectForm(state, send, { id }), [state, send, id])

  // Move focus to the first invalid control after a failed submit (not on the first render).
  const focused = useRef(state.focusRequest)
  useEffect(() => {
    if (state.focusRequest === focused.current) return
    focused.current = state.focusRequest
    if (api.firstInvalidId) document.getElementById(api.firstInvalidId)?.focus()
  }, [state.focusRequest, api.firstInvalidId])

  return useMemo(
    () => ({
      ...api,
      submit,
      getRootProps: () => ({
        ...api.getRootProps(),
        onSubmit: (event?: { preventDefault?: () => void }) => {
          event?.preventDefault?.()
          void submit()
        },
      }),
    }),
    [api, submit],
  )
}
