import {
  computed,
  defineComponent,
  h,
  nextTick,
  onMounted,
  onUpdated,
  ref,
  shallowRef,
  useId,
  watch,
  type InputHTMLAttributes,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectTextField, fitTextarea } from '../../controls/text-field/textField.connect.js'
import { initTextField, updateTextField } from '../../controls/text-field/textField.model.js'
import type {
  TextFieldMessages,
  TextFieldType,
  TextFieldVariant,
} from '../../controls/text-field/textField.types.js'
import type { IconName } from '../../icons/icons.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { FieldFrame } from './FieldFrame.js'

/** Props of {@link TextField}; `class` and `style` fall through to the root. */
export interface TextFieldProps {
  /** The label, a real `<label for>` that floats above the value. */
  label: string
  /** The text (`v-model`). @default '' */
  modelValue?: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** The input's type. @default 'text' */
  type?: TextFieldType
  /** A `<textarea>` that grows with its text. @default false */
  multiline?: boolean
  /** Lines a multiline field shows at least. @default 1 */
  rows?: number
  /** Text under the field; or the `supporting-text` slot. */
  supportingText?: string
  /** An error under the field (`aria-invalid`, error colours); `null` or empty for none. */
  error?: string | null
  /** Characters allowed; shows a counter. */
  maxLength?: number
  /** Whether a value is required (asterisk, `required`). @default false */
  required?: boolean
  /** @default false */
  disabled?: boolean
  /** @default false */
  readOnly?: boolean
  /** Shown inside the empty field while it has focus. */
  placeholder?: string
  /** An icon before the text. */
  leadingIcon?: IconName
  /** Id of the input. @default a generated id */
  id?: string
  /** Form field name. */
  name?: string
  /** More attributes for the `<input>` (autocomplete, inputmode, …). */
  inputProps?: InputHTMLAttributes
  /** Words to use instead of the English defaults. */
  messages?: Partial<TextFieldMessages>
}

/** Slots of {@link TextField}. */
export interface TextFieldSlots {
  /** Anything after the text (an icon button). */
  trailing?: () => VNodeChild
  /** Supporting text with markup, instead of the `supportingText` prop. */
  'supporting-text'?: () => VNodeChild
}

/**
 * A Material 3 text field (outlined or filled): floating label, supporting or error text,
 * counter, leading icon, `trailing` slot; multiline grows with its text. The logic is
 * `connectTextField` in `@metal/ui`. Exposes `focus()` and the input element as `el`.
 *
 * ```vue
 * <TextField v-model="name" label="Name" :error="nameError" @blur="validate" />
 * ```
 */
export const TextField = defineComponent({
  name: 'MetalTextField',
  props: {
    /** The label, a real `<label for>` that floats above the value. */
    label: { type: String, required: true },
    /** The text (`v-model`). */
    modelValue: { type: String, default: '' },
    /** Outlined or filled. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** The input's type. */
    type: { type: String as PropType<TextFieldType>, default: undefined },
    /** A `<textarea>` that grows with its text. */
    multiline: { type: Boolean, default: false },
    /** Lines a multiline field shows at least. */
    rows: { type: Number, default: undefined },
    /** Text under the field; or the `supporting-text` slot. */
    supportingText: { type: String, default: undefined },
    /** An error under the field; `null` or empty for none. */
    error: { type: String as PropType<string | null>, default: null },
    /** Characters allowed; shows a counter. */
    maxLength: { type: Number, default: undefined },
    /** Whether a value is required. */
    required: { type: Boolean, default: false },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Whether it is read-only. */
    readOnly: { type: Boolean, default: false },
    /** Shown inside the empty field while it has focus. */
    placeholder: { type: String, default: undefined },
    /** An icon before the text. */
    leadingIcon: { type: String as PropType<IconName>, default: undefined },
    /** Id of the input; generated when omitted. */
    id: { type: String, default: undefined },
    /** Form field name. */
    name: { type: String, default: undefined },
    /** More attributes for the `<input>`. */
    inputProps: { type: Object as PropType<InputHTMLAttributes>, default: undefined },
    /** Words to use instead of the English defaults. */
    messages: { type: Object as PropType<Partial<TextFieldMessages>>, default: undefined },
  },
  emits: {
    /** The new text, on every edit. */
    'update:modelValue': (value: string) => typeof value === 'string',
    /** The input lost focus. */
    blur: (event: FocusEvent) => event !== undefined,
    /** A key went down in the input. */
    keydown: (event: KeyboardEvent) => event !== undefined,
  },
  slots: Object as SlotsType<TextFieldSlots>,
  setup(props, { emit, slots, expose }) {
    const autoId = useId()
    const state = shallowRef(initTextField())
    const words = useUiMessages('textField', () => props.messages)
    // What the input shows: Vue sets an input's `value` on every render, so the text being typed
    // lives here until the parent's v-model echoes it (or replaces it).
    const text = ref(props.modelValue)
    watch(
      () => props.modelValue,
      (value) => (text.value = value),
    )
    const api = computed(() =>
      connectTextField(
        state.value,
        (event) => (state.value = updateTextField(state.value, event)),
        {
          id: `metal-text-field-${autoId}`,
          controlId: props.id,
          label: props.label,
          value: text.value,
          onValueChange: (value) => {
            text.value = value
            emit('update:modelValue', value)
          },
          variant: props.variant,
          type: props.type,
          multiline: props.multiline,
          rows: props.rows,
          hasSupportingText: !!slots['supporting-text'] || !!props.supportingText,
          error: props.error,
          maxLength: props.maxLength,
          required: props.required,
          disabled: props.disabled,
          readOnly: props.readOnly,
          placeholder: props.placeholder,
          hasLeadingIcon: !!props.leadingIcon,
          name: props.name,
          messages: words.value,
          normalizeProps: vueProps,
        },
      ),
    )
    const input = shallowRef<HTMLInputElement | HTMLTextAreaElement | null>(null)
    const fit = () => {
      if (props.multiline && input.value instanceof HTMLTextAreaElement)
        fitTextarea(input.value, props.rows ?? 1)
    }
    onMounted(fit)
    onUpdated(fit)
    // Typing that the parent does not echo changes no prop, so no update: fit after the text.
    watch(text, () => void nextTick(fit))
    expose({ focus: () => input.value?.focus(), el: input })

    return () => {
      const { onFocusout: blur, ...rest } = api.value.getInputProps() as unknown as Record<
        string,
        unknown
      > & { onFocusout: () => void }
      const control = {
        ...rest,
        ref: input,
        onFocusout: (event: FocusEvent) => {
          blur()
          emit('blur', event)
        },
        onKeydown: (event: KeyboardEvent) => emit('keydown', event),
      }
      return h(
        FieldFrame,
        {
          frame: api.value,
          label: props.label,
          variant: props.variant,
          required: props.required,
          leadingIcon: props.leadingIcon,
          supportingText: props.supportingText,
          error: props.error,
        },
        {
          default: () =>
            props.multiline
              ? h('textarea', control)
              : h('input', { ...props.inputProps, ...control }),
          trailing: slots.trailing,
          'supporting-text': slots['supporting-text'],
        },
      )
    }
  },
})
