import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { connectForm } from '../../form/form.connect.js'
import type { FormApi } from '../../form/form.parts.js'
import { initForm, transitionForm } from '../../form/form.model.js'
import { submitForm, type FormSaveInfo } from '../../form/form.submit.js'
import { focusFormControl } from '../../form/focusControl.js'
import type {
  EntityDefinition,
  FormEvent,
  FormMessages,
  FormState,
  FormValues,
} from '../../form/form.types.js'
import type { StandardSchema } from '../../form/validate.js'
import { identityProps as normalizeProps } from '../../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'

export type { FormSaveInfo }

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
   * The submit button's text.
   * @default 'Create' or 'Save'
   */
  submitLabel?: string
  /** Shows a cancel button that calls this. */
  onCancel?: () => void
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
 * runs `submitForm` (rules, validator, `onSave`, `onSaveError`). After a submit that fails
 * validation, focus moves to the first invalid control. `<Form>` is this hook plus markup.
 */
export function useForm(props: UseFormProps, call = 'useForm()'): UseFormResult {
  const autoId = useId()
  // Inline message objects are new on every render; follow their content, not their identity.
  const ownKey = JSON.stringify(props.messages ?? null, (_, v: unknown) =>
    typeof v === 'function' ? String(v) : v,
  )
  const own = useMemo(() => props.messages, [ownKey]) // `ownKey` stands for `props.messages`
  const messages = useUiMessages('form', own)
  const [state, setState] = useState<FormState>(() =>
    initForm(
      {
        entity: props.schema,
        ...(props.mode ? { mode: props.mode } : {}),
        ...(props.defaultValues ? { values: props.defaultValues } : {}),
        messages,
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
    const { validator, onSave } = latest.current
    await submitForm({
      getState: () => current.current,
      send,
      validator,
      save: onSave,
      // Read when it fails: the handler of the latest render, even after the form is gone.
      onSaveError: (error) => latest.current.onSaveError?.(error),
    })
  }, [send])

  // The app's words can change (another language): errors are written again in them.
  useEffect(() => send({ type: 'SET_MESSAGES', messages }), [messages, send])

  const id = props.id ?? `metal-form-${autoId.replace(/:/g, '')}`
  const { submitLabel, onCancel } = props
  const api = useMemo(
    () =>
      connectForm(state, send, {
        id,
        normalizeProps,
        ...(submitLabel !== undefined ? { submitLabel } : {}),
        ...(onCancel ? { onCancel } : {}),
      }),
    [state, send, id, submitLabel, onCancel],
  )

  // Move focus where the model asks (a failed submit, an error summary link), not on mount.
  const focused = useRef(state.focusRequest)
  useEffect(() => {
    if (state.focusRequest === focused.current) return
    focused.current = state.focusRequest
    if (api.focusTargetId) focusFormControl(document, api.focusTargetId)
  }, [state.focusRequest, api.focusTargetId])

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
