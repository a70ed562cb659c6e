import {
  computed,
  defineComponent,
  h,
  type ExtractPublicPropTypes,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import type {
  EntityDefinition,
  FieldChange,
  FormMessages,
  FormValues,
} from '../../form/form.types.js'
import type { StandardSchema } from '../../form/validate.js'
import type { WriteTimestamps } from '../../timestamps.js'
import { FormBody } from './FormBody.js'
import type { UseFormResult } from './useForm.js'

/** What `onSubmit` receives besides the values. */
export interface FormSubmitInfo {
  /** The document written (the new id in create mode); absent in an unbound form. */
  id?: string
  /** The fields changed (edit mode), as dotted paths. */
  changes: FieldChange[]
}

/** Who edits a bound form, published through presence so other editors can be named. */
export interface FormPresenceOptions {
  /** The presence room. @default 'default' */
  room?: string
  /** This user; while editing, tracked with `metadata.editing = 'collection/docId'`. */
  userId?: string
  /** A display name for the banners of other editors. @default the user id */
  name?: string
  /** The `metadata.editing` value that marks an editor of this document. @default 'collection/docId' */
  editingKey?: string
  /**
   * Whether the form publishes this user's state itself; `false` when the owner of the room
   * already publishes `metadata.editing` for this user (it then only reads the room).
   * @default true
   */
  publish?: boolean
}

/** The props of {@link Form}, declared once for the component and its inner body. */
export const formProps = {
  /** The entity definition the form is built from. */
  schema: { type: Object as PropType<EntityDefinition>, required: true },
  /** The form values (`v-model`): emitted on every change; a new value from the parent is set field by field. */
  modelValue: { type: Object as PropType<FormValues>, default: undefined },
  /** A Standard Schema validator (zod 4, valibot…) run over the document on submit, after the rules. */
  validator: { type: Object as PropType<StandardSchema>, default: undefined },
  /** Values to start from (merged over the fields' defaults in create mode); read once. */
  defaultValues: { type: Object as PropType<FormValues>, default: undefined },
  /**
   * Called after a successful save (bound), or to save (unbound); the form awaits it, and a
   * rejection shows as the form's error. Bind it as `@submit="save"`.
   */
  onSubmit: {
    type: Function as PropType<(values: FormValues, info: FormSubmitInfo) => unknown>,
    default: undefined,
  },
  /**
   * Called with a failed save's error, besides the form showing it (`@save-error`). A function
   * prop rather than an emit: it still runs after the form has gone (a closed dialog).
   */
  onSaveError: { type: Function as PropType<(error: Error) => void>, default: undefined },
  /** Shows a cancel button that calls this (`@cancel`). */
  onCancel: { type: Function as PropType<() => void>, default: undefined },
  /** Words to show instead of the app's or the English defaults. */
  messages: { type: Object as PropType<Partial<FormMessages>>, default: undefined },
  /** The submit button's text. @default 'Create' or 'Save' */
  submitLabel: { type: String, default: undefined },
  /** Base of the parts' ids. @default a `useId()` value */
  id: { type: String, default: undefined },
  /**
   * The collection the form writes to (`add` in create mode, `update` of the changed fields in
   * edit mode), through @metal/vue. Without it the form is unbound and only calls `onSubmit`.
   */
  collection: { type: String, default: undefined },
  /** The document to edit (edit mode); pre-fills the form and follows remote changes. */
  docId: { type: String as PropType<string | null>, default: undefined },
  /** Fields the bound form stamps with the server's time (`createdAt`, `updatedAt`). */
  timestamps: { type: Object as PropType<WriteTimestamps>, default: undefined },
  /** Presence of editors (bound edit mode): names who changed the document in the banner. */
  presence: { type: Object as PropType<FormPresenceOptions>, default: undefined },
  /** The style of the text fields, selects, chips and date fields. @default 'outlined' */
  variant: { type: String as PropType<TextFieldVariant>, default: undefined },
  /** The locale date fields are typed and shown in. @default 'en-US' */
  locale: { type: String, default: undefined },
  /** Shows a reset button that puts the values back as loaded. @default false */
  resettable: { type: Boolean, default: false },
} as const

/** Props of {@link Form}. */
export type FormProps = ExtractPublicPropTypes<typeof formProps>

/** Slots of {@link Form}. */
export interface FormSlots {
  /** A custom layout of the fields (`<FormField path="…" />`s find the form themselves). */
  default?: (props: { form: UseFormResult }) => VNodeChild
  /** Shown after the fields, before the actions (React's `children`). */
  'after-fields'?: (props: { form: UseFormResult }) => VNodeChild
}

/**
 * A Material 3 form built from an entity definition: a control per field (text, numbers,
 * booleans, dates, enums, e-mail, URLs, arrays, nested objects and relations), validated by the
 * fields' rules and optionally a Standard Schema validator, with errors tied to their controls
 * and focus moved to the first invalid one on submit. `v-model` holds the values.
 *
 * Bound to a collection it creates documents (`add`) or, given `docId`, edits one: it pre-fills
 * from the live document, saves only the changed fields with `update`, and when someone else
 * changes the document meanwhile shows a banner to reload or keep the user's edits.
 *
 * ```vue
 * <Form :schema="taskEntity" collection="tasks" :doc-id="id" @submit="close" />
 * ```
 */
export const Form = defineComponent({
  name: 'MetalForm',
  props: formProps,
  emits: {
    /** The form's values after a change (`v-model`). */
    'update:modelValue': (values: FormValues) => typeof values === 'object' && values !== null,
  },
  slots: Object as SlotsType<FormSlots>,
  setup(props, { emit, slots }) {
    // A different document is a different form: start over rather than carry edits across.
    const key = computed(() =>
      props.collection === undefined ? 'unbound' : `${props.collection}/${props.docId ?? ''}`,
    )
    const onValues = (values: FormValues) => emit('update:modelValue', values)
    return () =>
      h(
        FormBody,
        { key: key.value, options: props, bound: props.collection !== undefined, onValues },
        slots,
      )
  },
})
