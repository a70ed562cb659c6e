import { forwardRef, type ButtonHTMLAttributes } from 'react'
import { connectIconButton } from '../../controls/icon-button/iconButton.connect.js'
import type {
  IconButtonSize,
  IconButtonVariant,
} from '../../controls/icon-button/iconButton.types.js'
import type { IconName } from '../../icons/icons.js'
import { identityProps } from '../../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link IconButton}: a `<button>`'s own, plus the icon, its name and the style. */
export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
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
}

/**
 * A Material 3 icon button (standard, filled, tonal or outlined), optionally a toggle.
 *
 * ```tsx
 * <IconButton icon="delete" label="Delete row" onClick={remove} />
 * ```
 */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon, label, variant, selected, size, type, disabled, ...rest },
  ref,
) {
  const api = connectIconButton(
    { icon, label, variant, selected, size, type, disabled },
    { normalizeProps: identityProps },
  )
  return (
    <button {...rest} {...api.getRootProps()} ref={ref}>
      <Icon name={icon} {...api.getIconProps()} />
    </button>
  )
})
