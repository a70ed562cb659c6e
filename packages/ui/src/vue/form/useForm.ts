import {
  computed,
  shallowRef,
  toValue,
  useId,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue'
import { connectForm } from '../../form/form.connect.js'
import { getFieldControl } from '../../form/form.controls.js'
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
import { identityProps } from '../../normalizeProps.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'

export type { FormSaveInfo }

/** Options of {@link useForm}. */
export interface UseFormOptions {
  /** The entity definition the form is built from (read once, when the form starts). */
  schema: EntityDefinition
  /** A Standard Schema validator (zod 4, valibot…) run over the document on submit, after the rules. */
  validator?: StandardSchema | undefined
  /**
   * `create` starts from defaults; `edit` waits for a `LOAD`/`REMOTE_CHANGE` unless
   * `defaultValues` are given (read once).
   * @default 'create'
   */
  mode?: 'create' | 'edit' | undefined
  /** Values to start from, merged over the fields' defaults in create mode (read once). */
  defaultValues?: FormValues | undefined
  /** Saves a valid submit; a rejection puts the form in its error state with the message. */
  onSave?: ((info: FormSaveInfo) => unknown) | undefined
  /**
   * Called when a save fails, besides the form showing it; runs even after the form has gone
   * (a dialog closed while the write waited for the network).
   */
  onSaveError?: ((error: Error) => void) | undefined
  /** Words to show instead of the app's (`<MetalUiProvider>`) or the English defaults. */
  messages?: Partial<FormMessages> | undefined
  /**
   * The submit button's text.
   * @default 'Create' or 'Save'
   */
  submitLabel?: string | undefined
  /** Shows a cancel button that calls this. */
  onCancel?: (() => void) | undefined
  /**
   * Base of the parts' ids.
   * @default a `useId()` value
   */
  id?: string | undefined
}

/** The form's prop getters and actions (Vue-normalized); `submit` validates and saves. */
export interface UseFormResult extends Omit<FormApi, 'submit'> {
  /** Validates (rules, then the validator) and saves; resolves when done, whatever the outcome. */
  submit(): Promise<void>
  /**
   * The props of a field's control component, in their neutral names (`value`,
   * `onValueChange`, `onBlur`): `<FormField>` binds them as `modelValue` and `update:modelValue`.
   */
  getFieldControl: FormApi['getFieldControl']
}

/** What {@link useForm} returns: the live API, and the state behind it. */
export interface UseFormReturn {
  /** The form's API, recomputed on every change; render from `form.value`. */
  form: ComputedRef<UseFormResult>
  /** The model's state (replaced, never mutated, by each event). */
  state: Readonly<ShallowRef<FormState>>
  /** Applies an event to the form. */
  send(event: FormEvent): void
  /** Validates (rules, then the validator) and saves; resolves when done, whatever the outcome. */
  submit(): Promise<void>
}

/**
 * The form model bound to Vue state: prop getters for a custom view plus `submit`, which runs
 * `submitForm` (rules, validator, `onSave`, `onSaveError`). After a submit that fails validation,
 * focus moves to the first invalid control. Options may be a plain object, a ref or a getter
 * (`() => props`); `<Form>` is this plus markup.
 */
export function useForm(
  options: MaybeRefOrGetter<UseFormOptions>,
  call = 'useForm()',
): UseFormReturn {
  const read = () => toValue(options)
  const autoId = useId()
  const messages = useUiMessages('form', () => read().messages)
  const first = read()
  const state = shallowRef<FormState>(
    initForm(
      {
        entity: first?.schema,
        ...(first?.mode ? { mode: first.mode } : {}),
        ...(first?.defaultValues ? { values: first.defaultValues } : {}),
        messages: messages.value,
      },
      call,
    ),
  )

  const send = (event: FormEvent) => {
    const next = transitionForm(state.value, event)
    if (next !== state.value) state.value = next
  }

  const submit = async () => {
    const { validator, onSave, onSaveError } = read()
    await submitForm({ getState: () => state.value, send, validator, save: onSave, onSaveError })
  }

  // The app's words can change (another language): errors are written again in them.
  watch(messages, (words) => send({ type: 'SET_MESSAGES', messages: words }))

  const form = computed<UseFormResult>(() => {
    const { id, submitLabel, onCancel } = read()
    const api = connectForm(state.value, send, {
      id: id ?? `metal-form-${autoId.replace(/:/g, '')}`,
      normalizeProps: vueProps,
      ...(submitLabel !== undefined ? { submitLabel } : {}),
      ...(onCancel ? { onCancel } : {}),
    })
    return {
      ...api,
      submit,
      // Bindings are the props of the control components (`value`, `onValueChange`), which
      // FormField maps to `modelValue` and `update:modelValue` itself: renamed for the DOM
      // (`onValueChange` → `onValuechange`) they would lose their handlers.
      getFieldControl: (path, label) =>
        getFieldControl(state.value, send, path, api.getControlId(path), identityProps, label),
      getRootProps: () => ({
        ...api.getRootProps(),
        onSubmit: (event?: { preventDefault?: () => void }) => {
          event?.preventDefault?.()
          void submit()
        },
      }),
    }
  })

  // Move focus where the model asks (a failed submit, an error summary link), once rendered.
  watch(
    () => state.value.focusRequest,
    () => {
      const target = form.value.focusTargetId
      if (target) focusFormControl(document, target)
    },
    { flush: 'post' },
  )

  return { form, state, send, submit }
}
