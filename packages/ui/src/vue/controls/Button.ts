import { defineComponent, h, mergeProps, type PropType } from 'vue'
import { connectButton } from '../../controls/button/button.connect.js'
import type { ButtonVariant } from '../../controls/button/button.types.js'
import type { IconName } from '../../icons/icons.js'
import { vueProps } from '../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link Button}; a `<button>`'s own attributes and listeners fall through. */
export interface ButtonProps {
  /** The style, from most emphasis to least. @default 'filled' */
  variant?: ButtonVariant
  /** An icon before the label. */
  icon?: IconName
  /** An icon after the label. */
  trailingIcon?: IconName
  /** Error colours, for an action that destroys something. @default false */
  danger?: boolean
  /** @default 'button' */
  type?: 'button' | 'submit' | 'reset'
  /** @default false */
  disabled?: boolean
}

/**
 * A Material 3 common button (filled, tonal, elevated, outlined or text), a full pill with a
 * state layer and a focus ring. The default slot is the label; `@click` and other attributes
 * reach the `<button>`. Style it with `@metal/ui/theme.css`.
 *
 * ```vue
 * <Button variant="tonal" icon="add" @click="create">New task</Button>
 * ```
 */
export const Button = defineComponent({
  name: 'MetalButton',
  inheritAttrs: false,
  props: {
    /** The style, from most emphasis to least. */
    variant: { type: String as PropType<ButtonVariant>, default: undefined },
    /** An icon before the label. */
    icon: { type: String as PropType<IconName>, default: undefined },
    /** An icon after the label. */
    trailingIcon: { type: String as PropType<IconName>, default: undefined },
    /** Error colours, for an action that destroys something. */
    danger: { type: Boolean, default: false },
    /** The button's `type`. */
    type: { type: String as PropType<'button' | 'submit' | 'reset'>, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
  },
  setup(props, { attrs, slots }) {
    return () => {
      const api = connectButton(
        {
          variant: props.variant,
          icon: props.icon,
          trailingIcon: props.trailingIcon,
          danger: props.danger,
          type: props.type,
          disabled: props.disabled,
        },
        { normalizeProps: vueProps },
      )
      return h('button', mergeProps(attrs, { ...api.getRootProps() }), [
        props.icon && h(Icon, { name: props.icon, size: 18, ...api.getIconProps('leading') }),
        h('span', api.getLabelProps(), slots.default?.()),
        props.trailingIcon &&
          h(Icon, { name: props.trailingIcon, size: 18, ...api.getIconProps('trailing') }),
      ])
    }
  },
})
