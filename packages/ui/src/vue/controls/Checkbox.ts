import {
  defineComponent,
  h,
  mergeProps,
  onMounted,
  onUpdated,
  ref,
  useId,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectCheckbox } from '../../controls/checkbox/checkbox.connect.js'
import { updateCheckbox } from '../../controls/checkbox/checkbox.model.js'
import { vueProps } from '../normalizeProps.js'

/** Props of {@link Checkbox}; other attributes and listeners fall through to the root `<label>`. */
export interface CheckboxProps {
  /** Whether it is checked (`v-model`). */
  modelValue: boolean
  /** Shows a dash ("some of them"); a click then checks it. @default false */
  indeterminate?: boolean
  /** Visible label, after the box (clicking it toggles too); the `label` slot overrides it. */
  label?: string
  /** Accessible name when there is no visible label. */
  ariaLabel?: string
  /** `id` of an element that names it, when the name is elsewhere. */
  ariaLabelledby?: string
  /** @default false */
  disabled?: boolean
  /** Error colours and `aria-invalid`. @default false */
  invalid?: boolean
  /** Whether a form needs it checked. @default false */
  required?: boolean
  /** The native input's `id`. @default a generated one */
  id?: string
  /** The form field name. */
  name?: string
  /** The native input's tab order (`-1` inside a grid that moves focus itself). */
  tabIndex?: number
}

/**
 * A Material 3 checkbox with an indeterminate state: an animated check or dash in an 18 px box,
 * a 40 px state-layer target, a native checkbox underneath for forms and assistive technology.
 * It is controlled: the box shows `modelValue`, and a toggle emits `update:modelValue`.
 *
 * ```vue
 * <Checkbox v-model="all" :indeterminate="some" aria-label="Select all" />
 * ```
 */
export const Checkbox = defineComponent({
  name: 'MetalCheckbox',
  inheritAttrs: false,
  props: {
    /** Whether it is checked (`v-model`). */
    modelValue: { type: Boolean, required: true },
    /** Shows a dash ("some of them"); a click then checks it. */
    indeterminate: { type: Boolean, default: false },
    /** Visible label, after the box; the `label` slot overrides it. */
    label: { type: String, default: undefined },
    /** Accessible name when there is no visible label. */
    ariaLabel: { type: String, default: undefined },
    /** `id` of an element that names it. */
    ariaLabelledby: { type: String, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Error colours and `aria-invalid`. */
    invalid: { type: Boolean, default: false },
    /** Whether a form needs it checked. */
    required: { type: Boolean, default: false },
    /** The native input's `id`. */
    id: { type: String, default: undefined },
    /** The form field name. */
    name: { type: String, default: undefined },
    /** The native input's tab order. */
    tabIndex: { type: Number as PropType<number>, default: undefined },
  },
  emits: {
    /** The user toggled it: the new value. */
    'update:modelValue': (checked: boolean) => typeof checked === 'boolean',
  },
  slots: Object as SlotsType<{ label?: () => VNodeChild }>,
  setup(props, { attrs, emit, slots, expose }) {
    const generated = useId()
    const input = ref<HTMLInputElement | null>(null)
    let indeterminate = false
    // `indeterminate` is a DOM property only (no attribute): set it after every render, since the
    // browser clears it when the user clicks.
    const syncIndeterminate = () => {
      if (input.value) input.value.indeterminate = indeterminate
    }
    onMounted(syncIndeterminate)
    onUpdated(syncIndeterminate)
    expose({
      /** Moves focus to the native input. */
      focus: () => input.value?.focus(),
      el: input,
    })

    return () => {
      const state = {
        checked: props.modelValue,
        indeterminate: props.indeterminate,
        disabled: props.disabled,
        invalid: props.invalid,
      }
      const api = connectCheckbox(
        state,
        (event) => {
          // Controlled, as React's: the box shows what the parent says. Put the clicked input back;
          // a new modelValue from the parent re-renders it with the new value.
          const el = input.value
          if (el) {
            el.checked = state.checked && !state.indeterminate
            el.indeterminate = state.indeterminate
          }
          const next = updateCheckbox(state, event)
          if (next !== state) emit('update:modelValue', next.checked)
        },
        {
          id: props.id ?? generated,
          name: props.name,
          ariaLabel: props.ariaLabel,
          ariaLabelledBy: props.ariaLabelledby,
          tabIndex: props.tabIndex,
          required: props.required,
          normalizeProps: vueProps,
        },
      )
      indeterminate = api.indeterminate
      const label = slots.label?.() ?? props.label
      return h('label', mergeProps(attrs, { ...api.getRootProps() }), [
        h('span', api.getControlProps(), [
          h('input', { ...api.getInputProps(), ref: input }),
          h('svg', { viewBox: '0 0 18 18', ...api.getIndicatorProps() }, [
            h('rect', { 'data-mark': 'box', x: 1, y: 1, width: 16, height: 16, rx: 2 }),
            h('path', { 'data-mark': 'check', d: 'M4.5 9.5l3 3 6-6.5' }),
            h('path', { 'data-mark': 'dash', d: 'M5 9h8' }),
          ]),
        ]),
        label !== undefined && label !== null && h('span', api.getLabelProps(), label),
      ])
    }
  },
})
