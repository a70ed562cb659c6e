import { defineComponent, h, mergeProps, ref, useId, type SlotsType, type VNodeChild } from 'vue'
import { connectSwitch } from '../../controls/switch/switch.connect.js'
import { updateSwitch } from '../../controls/switch/switch.model.js'
import { vueProps } from '../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link Switch}; other attributes and listeners fall through to the root `<label>`. */
export interface SwitchProps {
  /** On or off (`v-model`). */
  modelValue: boolean
  /** Visible label, after the track (clicking it flips the switch too); the `label` slot overrides it. */
  label?: string
  /** Accessible name when there is no visible label. */
  ariaLabel?: string
  /** @default false */
  disabled?: boolean
  /** A check (on) or cross (off) in the handle. @default false */
  icons?: boolean
  /** The native input's `id`. @default a generated one */
  id?: string
  /** The form field name. */
  name?: string
}

/**
 * A Material 3 switch (`role="switch"`) for a setting that applies at once. It is controlled:
 * it shows `modelValue`, and a flip emits `update:modelValue`.
 *
 * ```vue
 * <Switch v-model="live" label="Live updates" icons />
 * ```
 */
export const Switch = defineComponent({
  name: 'MetalSwitch',
  inheritAttrs: false,
  props: {
    /** On or off (`v-model`). */
    modelValue: { type: Boolean, required: true },
    /** Visible label, after the track; the `label` slot overrides it. */
    label: { type: String, default: undefined },
    /** Accessible name when there is no visible label. */
    ariaLabel: { type: String, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** A check (on) or cross (off) in the handle. */
    icons: { type: Boolean, default: false },
    /** The native input's `id`. */
    id: { type: String, default: undefined },
    /** The form field name. */
    name: { type: String, default: undefined },
  },
  emits: {
    /** The user flipped it: the new value. */
    'update:modelValue': (checked: boolean) => typeof checked === 'boolean',
  },
  slots: Object as SlotsType<{ label?: () => VNodeChild }>,
  setup(props, { attrs, emit, slots, expose }) {
    const generated = useId()
    const input = ref<HTMLInputElement | null>(null)
    expose({
      /** Moves focus to the native input. */
      focus: () => input.value?.focus(),
      el: input,
    })
    return () => {
      const state = { checked: props.modelValue, disabled: props.disabled }
      const api = connectSwitch(
        state,
        (event) => {
          // Controlled: put the flipped input back; the parent's new modelValue re-renders it.
          if (input.value) input.value.checked = state.checked
          const next = updateSwitch(state, event)
          if (next !== state) emit('update:modelValue', next.checked)
        },
        {
          id: props.id ?? generated,
          name: props.name,
          ariaLabel: props.ariaLabel,
          icons: props.icons,
          normalizeProps: vueProps,
        },
      )
      const label = slots.label?.() ?? props.label
      return h('label', mergeProps(attrs, { ...api.getRootProps() }), [
        h('span', api.getTrackProps(), [
          h('input', { ...api.getInputProps(), ref: input }),
          h('span', api.getHandleProps(), api.icon ? [h(Icon, { name: api.icon, size: 16 })] : []),
        ]),
        label !== undefined && label !== null && h('span', api.getLabelProps(), label),
      ])
    }
  },
})
