import {
  computed,
  defineComponent,
  h,
  onMounted,
  shallowRef,
  useId,
  useModel,
  watch,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectSelect } from '../../controls/select/select.connect.js'
import { initSelect, updateSelect } from '../../controls/select/select.model.js'
import type { SelectMessages, SelectOption } from '../../controls/select/select.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { FieldFrame } from './FieldFrame.js'
import { Icon } from './Icon.js'
import { useAnchoredPopover } from './useAnchoredPopover.js'

/** Props of {@link Select}; `class` and `style` fall through to the root. */
export interface SelectProps {
  /** The label above the value. */
  label: string
  /** The picked value (`v-model`), or `null` for none. @default null */
  modelValue?: string | null
  /** The choices. */
  options: readonly SelectOption[]
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field; or the `supporting-text` slot. */
  supportingText?: string
  /** An error under the field; `null` or empty for none. */
  error?: string | null
  /** @default false */
  required?: boolean
  /** @default false */
  disabled?: boolean
  /** Shown while nothing is picked and the label floats. @default messages.placeholder */
  placeholder?: string
  /** Id of the trigger. @default a generated id */
  id?: string
  /** Form field name (a hidden input carries the value). */
  name?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<SelectMessages>
}

/** Slots of {@link Select}. */
export interface SelectSlots {
  /** Supporting text with markup, instead of the `supportingText` prop. */
  'supporting-text'?: () => VNodeChild
}

/**
 * A Material 3 select (exposed dropdown menu): the text field's frame around a combobox button,
 * and a listbox in the top layer. No native `<select>`. The logic is `connectSelect`. Exposes
 * `focus()` and the trigger button as `el`.
 *
 * ```vue
 * <Select v-model="status" label="Status" :options="[{ value: 'todo', label: 'To do' }]" />
 * ```
 */
export const Select = defineComponent({
  name: 'MetalSelect',
  props: {
    /** The label above the value. */
    label: { type: String, required: true },
    /** The picked value (`v-model`), or `null` for none. */
    modelValue: { type: String as PropType<string | null>, default: null },
    /** The choices. */
    options: { type: Array as PropType<readonly SelectOption[]>, required: true },
    /** Outlined or filled. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** Text under the field; or the `supporting-text` slot. */
    supportingText: { type: String, default: undefined },
    /** An error under the field; `null` or empty for none. */
    error: { type: String as PropType<string | null>, default: null },
    /** Whether a value is required. */
    required: { type: Boolean, default: false },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Shown while nothing is picked and the label floats. */
    placeholder: { type: String, default: undefined },
    /** Id of the trigger; generated when omitted. */
    id: { type: String, default: undefined },
    /** Form field name (a hidden input carries the value). */
    name: { type: String, default: undefined },
    /** Words to use instead of the English defaults. */
    messages: { type: Object as PropType<Partial<SelectMessages>>, default: undefined },
  },
  emits: {
    /** The value the user picked. */
    'update:modelValue': (value: string) => typeof value === 'string',
  },
  slots: Object as SlotsType<SelectSlots>,
  setup(props, { slots, expose }) {
    const autoId = useId()
    // v-model's value, or the component's own when no v-model is bound (as `defineModel`).
    const model = useModel(props, 'modelValue')
    const state = shallowRef(initSelect())
    const words = useUiMessages('select', () => props.messages)
    const api = computed(() =>
      connectSelect(state.value, (event) => (state.value = updateSelect(state.value, event)), {
        id: `metal-select-${autoId}`,
        controlId: props.id,
        label: props.label,
        value: model.value,
        options: props.options,
        onValueChange: (value) => (model.value = value),
        variant: props.variant,
        hasSupportingText: !!slots['supporting-text'] || !!props.supportingText,
        error: props.error,
        required: props.required,
        disabled: props.disabled,
        placeholder: props.placeholder,
        name: props.name,
        messages: words.value,
        normalizeProps: vueProps,
      }),
    )
    const trigger = shallowRef<HTMLButtonElement | null>(null)
    const listbox = shallowRef<HTMLDivElement | null>(null)
    const anchor = shallowRef<HTMLElement | null>(null)
    onMounted(() => {
      anchor.value = trigger.value?.closest<HTMLElement>('[data-part="container"]') ?? null
    })
    // Watchers read the state, not `api`: the connect (and its input checks) runs first in render.
    useAnchoredPopover(
      () => state.value.open,
      anchor,
      listbox,
      () => ({ matchWidth: true, onDismiss: () => api.value.close() }),
    )
    // Keep the highlighted option in view while the keyboard moves.
    watch(
      [() => state.value.open, () => state.value.highlightedIndex],
      ([open, index]) => {
        if (!open || index < 0) return
        const el = listbox.value?.children[index] as HTMLElement | undefined
        el?.scrollIntoView?.({ block: 'nearest' })
      },
      { flush: 'post' },
    )
    expose({ focus: () => trigger.value?.focus(), el: trigger })

    return () => {
      const a = api.value
      return h(
        FieldFrame,
        {
          frame: a,
          label: props.label,
          variant: props.variant,
          required: props.required,
          supportingText: props.supportingText,
          error: props.error,
        },
        {
          default: () =>
            h('button', { ...a.getTriggerProps(), ref: trigger }, [
              h('span', a.getValueTextProps(), a.valueText),
              h('span', a.getIndicatorProps(), [h(Icon, { name: 'arrowDropDown' })]),
            ]),
          'supporting-text': slots['supporting-text'],
          after: () => [
            h(
              'div',
              { ...a.getListboxProps(), ref: listbox },
              props.options.map((option, index) =>
                h('div', { key: option.value, ...a.getOptionProps(index) }, [
                  h('span', a.getOptionCheckProps(index), [
                    a.selectedOption?.value === option.value ? h(Icon, { name: 'check' }) : null,
                  ]),
                  option.label,
                ]),
              ),
            ),
            props.name ? h('input', a.getHiddenInputProps()) : null,
          ],
        },
      )
    }
  },
})
