import {
  defineComponent,
  h,
  shallowRef,
  useId,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectChip, connectChipInput } from '../../controls/chips/chips.connect.js'
import { initChipInput, updateChipInput } from '../../controls/chips/chips.model.js'
import type { ChipsMessages } from '../../controls/chips/chips.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { renderChip } from './Chip.js'
import { FieldFrame } from './FieldFrame.js'

/** Props of {@link ChipInput}; `class` and `style` fall through to the field's root. */
export interface ChipInputProps {
  /** The label of the field. */
  label: string
  /** The chips (`v-model`). */
  modelValue: readonly string[]
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field; or the `supporting-text` slot. */
  supportingText?: string
  /** An error under the field; `null` or empty for none. */
  error?: string | null
  /** Shown in the empty input while it has focus. */
  placeholder?: string
  /** At most this many chips. */
  maxItems?: number
  /** @default false */
  disabled?: boolean
  /** @default false */
  required?: boolean
  /** Id of the input. @default a generated id */
  id?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/** Slots of {@link ChipInput}. */
export interface ChipInputSlots {
  /** Supporting text with markup, instead of the `supportingText` prop. */
  'supporting-text'?: () => VNodeChild
}

/**
 * Input chips in a Material 3 field: Enter or a comma turns the typed text into a chip,
 * Backspace in the empty input removes the last one, each chip has a remove button. The logic
 * is `connectChipInput`. It is controlled: a change emits `update:modelValue` with the new list.
 *
 * ```vue
 * <ChipInput v-model="tags" label="Tags" :max-items="5" />
 * ```
 */
export const ChipInput = defineComponent({
  name: 'MetalChipInput',
  props: {
    /** The label of the field. */
    label: { type: String, required: true },
    /** The chips (`v-model`). */
    modelValue: { type: Array as PropType<readonly string[]>, required: true },
    /** Outlined or filled. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** Text under the field. */
    supportingText: { type: String, default: undefined },
    /** An error under the field; `null` or empty for none. */
    error: { type: String as PropType<string | null>, default: null },
    /** Shown in the empty input while it has focus. */
    placeholder: { type: String, default: undefined },
    /** At most this many chips. */
    maxItems: { type: Number, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Whether a form needs a chip. */
    required: { type: Boolean, default: false },
    /** Id of the input. */
    id: { type: String, default: undefined },
    /** Words to use instead of the English defaults. */
    messages: { type: Object as PropType<Partial<ChipsMessages>>, default: undefined },
  },
  emits: {
    /** A chip was added or removed: the new list. */
    'update:modelValue': (value: string[]) => Array.isArray(value),
  },
  slots: Object as SlotsType<ChipInputSlots>,
  setup(props, { emit, slots, expose }) {
    const autoId = `metal-chip-input-${useId()}`
    const state = shallowRef(initChipInput())
    const input = shallowRef<HTMLInputElement | null>(null)
    const words = useUiMessages('chips', () => props.messages)
    expose({ focus: () => input.value?.focus(), el: input })

    return () => {
      const supporting = slots['supporting-text'] ?? props.supportingText
      const api = connectChipInput(
        state.value,
        (event) => (state.value = updateChipInput(state.value, event)),
        {
          id: autoId,
          controlId: props.id,
          label: props.label,
          value: props.modelValue,
          onValueChange: (value) => emit('update:modelValue', value),
          variant: props.variant,
          hasSupportingText: !!supporting,
          error: props.error,
          placeholder: props.placeholder,
          maxItems: props.maxItems,
          disabled: props.disabled,
          required: props.required,
          messages: words.value,
          normalizeProps: vueProps,
          focusInput: () => input.value?.focus(),
        },
      )
      // vueProps renamed the text handler to `onInput`.
      const { onInput: typed, ...inputProps } = api.getInputProps() as unknown as Record<
        string,
        unknown
      > & { onInput: (event: { target: { value: string } }) => void }
      const field = h('div', api.getFieldProps(), [
        props.modelValue.length
          ? h(
              'span',
              api.getChipListProps(),
              props.modelValue.map((chip, index) =>
                h('span', { key: chip, ...api.getChipItemProps(index) }, [
                  renderChip(connectChip(api.getChipOptions(index)), chip, !props.disabled),
                ]),
              ),
            )
          : null,
        // Vue sets `value` only when it changed since the last render: after a comma turned the
        // text into a chip, the draft may render unchanged while the input still shows the comma.
        h('input', {
          ...inputProps,
          ref: input,
          onInput: (event: Event) => {
            const el = event.target as HTMLInputElement
            typed({ target: el })
            if (el.value !== state.value.draft) el.value = state.value.draft
          },
        }),
      ])
      return h(
        FieldFrame,
        {
          frame: api,
          label: props.label,
          variant: props.variant,
          required: props.required,
          supportingText: props.supportingText,
          error: props.error,
        },
        {
          default: () => field,
          ...(slots['supporting-text'] ? { 'supporting-text': slots['supporting-text'] } : {}),
          after: () => h('span', api.getLiveRegionProps(), api.announcement),
        },
      )
    }
  },
})
