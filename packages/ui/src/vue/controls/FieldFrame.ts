import { defineComponent, h, type PropType, type SlotsType, type VNodeChild } from 'vue'
import type { FieldFrameApi } from '../../controls/text-field/field.connect.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import type { IconName } from '../../icons/icons.js'
import { Icon } from './Icon.js'

/** Props of {@link FieldFrame}: the frame's API and what goes inside it. */
export interface FieldFrameProps {
  /** The frame's prop getters (from `connectFieldFrame` or a control's connect). */
  frame: FieldFrameApi
  /** The label text. */
  label: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Adds the asterisk after the label. @default false */
  required?: boolean
  /** An icon before the control. */
  leadingIcon?: IconName
  /** Text under the field (replaced by the error while there is one); or the `supporting-text` slot. */
  supportingText?: string
  /** The error under the field. */
  error?: string | null
}

/** Slots of {@link FieldFrame}. */
export interface FieldFrameSlots {
  /** The control (input, combobox button, chips). */
  default?: () => VNodeChild
  /** Anything after the control (icon buttons). */
  trailing?: () => VNodeChild
  /** Supporting text with markup, instead of the `supportingText` prop. */
  'supporting-text'?: () => VNodeChild
  /** Rendered after the frame, inside the root (a popover). */
  after?: () => VNodeChild
}

/**
 * The Material 3 field frame shared by TextField, Select, ChipInput and DateField: it renders
 * the parts of a field connect's API around the control in the default slot. `class` and
 * `style` land on the root.
 */
export const FieldFrame = defineComponent({
  name: 'MetalFieldFrame',
  props: {
    /** The frame's prop getters (from `connectFieldFrame` or a control's connect). */
    frame: { type: Object as PropType<FieldFrameApi>, required: true },
    /** The label text. */
    label: { type: String, required: true },
    /** Outlined or filled. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** Adds the asterisk after the label. */
    required: { type: Boolean, default: false },
    /** An icon before the control. */
    leadingIcon: { type: String as PropType<IconName>, default: undefined },
    /** Text under the field (replaced by the error while there is one). */
    supportingText: { type: String, default: undefined },
    /** The error under the field. */
    error: { type: String as PropType<string | null>, default: null },
  },
  slots: Object as SlotsType<FieldFrameSlots>,
  setup(props, { slots }) {
    return () => {
      const frame = props.frame
      const labelText = () => [
        props.label,
        props.required ? h('span', frame.getRequiredMarkProps(), '*') : null,
      ]
      const trailing = slots.trailing?.()
      const supporting = slots['supporting-text']?.() ?? props.supportingText
      const hasSupporting = supporting != null && supporting !== ''
      return h('div', frame.getRootProps(), [
        h('div', frame.getContainerProps(), [
          props.leadingIcon
            ? h('span', frame.getLeadingIconProps(), [h(Icon, { name: props.leadingIcon })])
            : null,
          h('label', frame.getLabelProps(), labelText()),
          slots.default?.(),
          trailing || frame.invalid
            ? h('span', frame.getTrailingProps(), [
                frame.invalid
                  ? h('span', frame.getErrorIconProps(), [h(Icon, { name: 'error' })])
                  : null,
                trailing,
              ])
            : null,
          props.variant === 'outlined'
            ? h('fieldset', frame.getOutlineProps(), [
                h('legend', frame.getOutlineLegendProps(), [h('span', labelText())]),
              ])
            : h('span', frame.getActiveIndicatorProps()),
        ]),
        frame.invalid || hasSupporting || frame.counterText
          ? h('div', frame.getFooterProps(), [
              frame.invalid
                ? h('span', frame.getErrorTextProps(), props.error ?? '')
                : hasSupporting
                  ? h('span', frame.getSupportingTextProps(), [supporting as VNodeChild])
                  : null,
              frame.counterText
                ? h('span', frame.getCounterProps(), [
                    h('span', frame.getCounterTextProps(), frame.counterText),
                    h('span', frame.getCounterLabelProps(), frame.counterLabel ?? ''),
                  ])
                : null,
            ])
          : null,
        slots.after?.(),
      ])
    }
  },
})
