import { forwardRef, type ButtonHTMLAttributes } from 'react'
import { connectButton } from '../../controls/button/button.connect.js'
import type { ButtonVariant } from '../../controls/button/button.types.js'
import type { IconName } from '../../icons/icons.js'
import { identityProps } from '../../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link Button}: a `<button>`'s own, plus the Material 3 style. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
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
}

/**
 * A Material 3 common button (filled, tonal, elevated, outlined or text), a full pill with a
 * state layer and a focus ring. Style it with `@metal/ui/theme.css`.
 *
 * ```tsx
 * <Button variant="tonal" icon="add" onClick={create}>New task</Button>
 * ```
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, icon, trailingIcon, danger, type, disabled, children, ...rest },
  ref,
) {
  const api = connectButton(
    { variant, icon, trailingIcon, danger, type, disabled },
    { normalizeProps: identityProps },
  )
  return (
    <button {...rest} {...api.getRootProps()} ref={ref}>
      {icon && <Icon name={icon} size={18} {...api.getIconProps('leading')} />}
      <span {...api.getLabelProps()}>{children}</span>
      {trailingIcon && <Icon name={trailingIcon} size={18} {...api.getIconProps('trailing')} />}
    </button>
  )
})
