import { computed, defineComponent, toRaw, watch, type PropType } from 'vue'
import { useMetalDoc, useMetalMutation, useMetalPresence } from '@metal/vue'
import { getEditingKey, getEditingTrack, getEditors } from '../../form/form.presence.js'
import { saveFormAndSubmit } from '../../form/form.save.js'
import type { FormSaveInfo } from '../../form/form.submit.js'
import type { FormEvent, FormState, FormValues } from '../../form/form.types.js'
import { valuesEqual } from '../../form/paths.js'
import { checkTimestamps } from '../../timestamps.js'
import type { FormProps, FormSlots } from './Form.js'
import { provideForm } from './formContext.js'
import { renderFormView } from './FormView.js'
import { useForm } from './useForm.js'

/** A deep copy without Vue's proxies: what the parent's `v-model` gives is not the form's state. */
function plain(value: unknown): unknown {
  const raw = toRaw(value)
  if (Array.isArray(raw)) return raw.map(plain)
  if (typeof raw === 'object' && raw !== null && Object.getPrototypeOf(raw) === Object.prototype) {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)]))
  }
  return raw
}

/** The live document, writer and presence of a bound form, feeding the model's events. */
function useBinding(options: FormProps, send: (event: FormEvent) => void) {
  const collection = options.collection as string
  const docId = options.docId
  const edit = typeof docId === 'string' && docId !== ''
  const key = getEditingKey(collection, docId ?? '', options.presence?.editingKey)
  const doc = useMetalDoc(collection, edit ? docId : null)
  const writer = useMetalMutation(collection)
  const room = useMetalPresence({
    room: () => options.presence?.room || undefined,
    track: () => getEditingTrack(edit, key, options.presence),
  })
  const editors = computed(() => (edit ? getEditors(room.others.value, key) : []))
  // Who was editing when the document changed: read at that moment, not followed on its own.
  watch(
    doc.data,
    (row) => {
      if (row) send({ type: 'REMOTE_CHANGE', values: row, by: getEditors(room.others.value, key) })
    },
    { immediate: true },
  )
  watch(
    () => edit && doc.isSuccess.value && doc.data.value === null,
    (missing) => {
      if (missing) send({ type: 'NOT_FOUND', message: `no document '${docId}' in '${collection}'` })
    },
    { immediate: true },
  )
  watch(
    doc.error,
    (error) => {
      if (error) send({ type: 'NOT_FOUND', message: error.message })
    },
    { immediate: true },
  )
  return { editors, writer }
}

/** Keeps the parent's `v-model` and the form's values the same, both ways. */
function useValuesModel(
  options: FormProps,
  state: { readonly value: FormState },
  send: (event: FormEvent) => void,
  emitValues: (values: FormValues) => void,
) {
  watch(
    () => state.value.values,
    (values, before) => {
      if (state.value.status === 'loading') return
      // Without a v-model nothing is said at mount; with one, only what it does not hold yet.
      const model = options.modelValue
      if (model === undefined ? before === undefined : valuesEqual(values, plain(model))) return
      emitValues(plain(values) as FormValues)
    },
    { immediate: true },
  )
  // A value the parent set is set in the form field by field, as if typed there.
  watch(
    () => options.modelValue,
    (incoming) => {
      if (incoming === undefined || state.value.status === 'loading') return
      for (const field of state.value.entity.fields) {
        if (!(field.name in incoming)) continue
        const value = plain(incoming[field.name])
        if (!valuesEqual(value, state.value.values[field.name])) {
          send({ type: 'SET_VALUE', path: field.name, value })
        }
      }
    },
    { deep: true },
  )
}

/** The inside of a `<Form>`, restarted (by key) for each document it edits. */
export const FormBody = defineComponent({
  name: 'MetalFormBody',
  props: {
    options: { type: Object as PropType<FormProps>, required: true },
    bound: { type: Boolean, required: true },
    onValues: { type: Function as PropType<(values: FormValues) => void>, required: true },
  },
  setup(props, { slots }) {
    const options = props.options
    const editing = props.bound && typeof options.docId === 'string' && options.docId !== ''
    if (props.bound) checkTimestamps('<Form>', options.timestamps)
    let binding: ReturnType<typeof useBinding> | null = null
    const { form, state, send } = useForm(
      () => ({
        schema: options.schema,
        validator: options.validator,
        // A v-model's value starts a new document; an edited one starts from the stored document.
        defaultValues: options.defaultValues ?? (editing ? undefined : options.modelValue),
        messages: options.messages,
        submitLabel: options.submitLabel,
        onCancel: options.onCancel,
        id: options.id,
        onSaveError: options.onSaveError,
        ...(props.bound
          ? {
              mode: editing ? ('edit' as const) : ('create' as const),
              onSave: (info: FormSaveInfo) =>
                saveFormAndSubmit(info, {
                  writer: binding?.writer,
                  docId: options.docId,
                  timestamps: options.timestamps,
                  onSubmit: options.onSubmit,
                }),
            }
          : {
              onSave: (info: FormSaveInfo) =>
                saveFormAndSubmit(info, { onSubmit: options.onSubmit }),
            }),
      }),
      '<Form>',
    )
    if (props.bound) binding = useBinding(options, send)
    provideForm(form)
    useValuesModel(options, state, send, (values) => props.onValues(values))

    const typedSlots = slots as FormSlots
    return () => {
      const api = form.value
      return renderFormView(api, {
        variant: options.variant,
        locale: options.locale,
        resettable: options.resettable,
        cancellable: options.onCancel !== undefined,
        editors: binding?.editors.value ?? [],
        fields: typedSlots.default ? () => typedSlots.default?.({ form: api }) : undefined,
        afterFields: typedSlots['after-fields']
          ? () => typedSlots['after-fields']?.({ form: api })
          : undefined,
      })
    }
  },
})
