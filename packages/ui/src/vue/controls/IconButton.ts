import { defineComponent, h, mergeProps, type PropType } from 'vue'
import { connectIconButton } from '../../controls/icon-button/iconButton.connect.js'
import type {
  IconButtonSize,
  IconButtonVariant,
} from '../../controls/icon-button/iconButton.types.js'
import type { IconName } from '../../icons/icons.js'
import { vueProps } from '../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link IconButton}; a `<button>`'s own attributes and listeners fall through. */
export interface IconButtonProps {
  /** The icon drawn. */
  icon: IconName
  /** The accessible name (`aria-label`): what the button does, e.g. "Delete row". */
  label: string
  /** @default 'standard' */
  variant?: IconButtonVariant
  /** Makes it a toggle: `aria-pressed` follows it, and the selected colours show. */
  selected?: boolean
  /** 32 px or 40 px. @default 'medium' */
  size?: IconButtonSize
  /** @default 'button' */
  type?: 'button' | 'submit' | 'reset'
  /** @default false */
  disabled?: boolean
}

/**
 * A Material 3 icon button (standard, filled, tonal or outlined), optionally a toggle.
 *
 * ```vue
 * <IconButton icon="delete" label="Delete row" @click="remove" />
 * ```
 */
export const IconButton = defineComponent({
  name: 'MetalIconButton',
  inheritAttrs: false,
  props: {
    /** The icon drawn. */
    icon: { type: String as PropType<IconName>, required: true },
    /** The accessible name (`aria-label`): what the button does. */
    label: { type: String, required: true },
    /** The style. */
    variant: { type: String as PropType<IconButtonVariant>, default: undefined },
    /** Makes it a toggle: `aria-pressed` follows it. */
    selected: { type: Boolean, default: undefined },
    /** 32 px or 40 px. */
    size: { type: String as PropType<IconButtonSize>, default: undefined },
    /** The button's `type`. */
    type: { type: String as PropType<'button' | 'submit' | 'reset'>, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
  },
  setup(props, { attrs }) {
    return () => {
      const api = connectIconButton(
        {
          icon: props.icon,
          label: props.label,
          variant: props.variant,
          selected: props.selected,
          size: props.size,
          type: props.type,
          disabled: props.disabled,
        },
        { normalizeProps: vueProps },
      )
      return h('button', mergeProps(attrs, { ...api.getRootProps() }), [
        h(Icon, { name: props.icon, ...api.getIconProps() }),
      ])
    }
  },
})
