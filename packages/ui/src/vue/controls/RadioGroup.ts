import {
  defineComponent,
  h,
  mergeProps,
  ref,
  useId,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectRadioGroup } from '../../controls/radio/radio.connect.js'
import { updateRadioGroup } from '../../controls/radio/radio.model.js'
import type { RadioOption } from '../../controls/radio/radio.types.js'
import { vueProps } from '../normalizeProps.js'

/** Props of {@link RadioGroup}; other attributes and listeners fall through to the root. */
export interface RadioGroupProps {
  /** The group's visible label (names the `radiogroup`); the `label` slot may render it richer. */
  label: string
  /** The picked value, or null for none yet (`v-model`). */
  modelValue: string | null
  /** The choices. */
  options: readonly RadioOption[]
  /** @default 'vertical' */
  orientation?: 'vertical' | 'horizontal'
  /** The radios' form field name. @default the group's id */
  name?: string
  /** The whole group is unavailable. @default false */
  disabled?: boolean
  /** The group's id (and base of its radios' ids). @default a generated one */
  id?: string
}

/** Slots of {@link RadioGroup}. */
export interface RadioGroupSlots {
  /** The group's visible label, instead of the `label` text. */
  label?: () => VNodeChild
  /** One option's label, instead of `option.label`. */
  option?: (props: { option: RadioOption; checked: boolean }) => VNodeChild
}

/**
 * A Material 3 radio group: one Tab stop, arrow keys that move and pick (Left/Right follow the
 * text direction), Home and End; disabled options are skipped. It is controlled: it shows
 * `modelValue`, and a pick emits `update:modelValue`.
 *
 * ```vue
 * <RadioGroup v-model="priority" label="Priority"
 *   :options="[{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }]" />
 * ```
 */
export const RadioGroup = defineComponent({
  name: 'MetalRadioGroup',
  inheritAttrs: false,
  props: {
    /** The group's visible label (names the `radiogroup`). */
    label: { type: String, required: true },
    /** The picked value, or null for none yet (`v-model`). */
    modelValue: {
      type: null as unknown as PropType<string | null>,
      required: true,
    },
    /** The choices. */
    options: { type: Array as PropType<readonly RadioOption[]>, required: true },
    /** How the options are laid out. */
    orientation: {
      type: String as PropType<'vertical' | 'horizontal'>,
      default: undefined,
    },
    /** The radios' form field name. */
    name: { type: String, default: undefined },
    /** The whole group is unavailable. */
    disabled: { type: Boolean, default: false },
    /** The group's id (and base of its radios' ids). */
    id: { type: String, default: undefined },
  },
  emits: {
    /** The user picked a value. */
    'update:modelValue': (value: string) => typeof value === 'string',
  },
  slots: Object as SlotsType<RadioGroupSlots>,
  setup(props, { attrs, emit, slots }) {
    const generated = `metal-radio-${useId()}`
    const root = ref<HTMLElement | null>(null)
    return () => {
      const state = {
        value: props.modelValue,
        options: props.options,
        orientation: props.orientation,
        disabled: props.disabled,
      }
      const api = connectRadioGroup(
        state,
        (event) => {
          // Controlled, as React's: the radios show what the parent says. Put the clicked one
          // back; a new modelValue from the parent re-renders them.
          root.value?.querySelectorAll('input').forEach((input) => {
            input.checked = input.value === state.value
          })
          const next = updateRadioGroup(state, event)
          if (next !== state && next.value !== null) emit('update:modelValue', next.value)
        },
        {
          id: props.id ?? generated,
          label: props.label,
          name: props.name,
          normalizeProps: vueProps,
        },
      )
      return h('div', mergeProps(attrs, { ...api.getRootProps(), ref: root }), [
        h('span', api.getLabelProps(), slots.label?.() ?? props.label),
        ...api.state.options.map((option) =>
          h('label', { key: option.value, ...api.getItemProps(option) }, [
            h('span', api.getItemControlProps(option), [
              h('input', api.getItemInputProps(option)),
              h('span', api.getItemIndicatorProps(option)),
            ]),
            h(
              'span',
              api.getItemLabelProps(option),
              slots.option?.({ option, checked: option.value === api.state.value }) ?? option.label,
            ),
          ]),
        ),
      ])
    }
  },
})
