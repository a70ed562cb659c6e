import { isIconName } from '../../icons/icons.js'
import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import { BUTTON_VARIANTS, type ButtonOptions, type ButtonVariant } from './button.types.js'

/** Options of {@link connectButton}. */
export interface ButtonConnectOptions {
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

/** Props of the `<button>` element. */
export interface ButtonRootProps {
  'data-scope': 'button'
  'data-part': 'root'
  'data-variant': ButtonVariant
  'data-danger'?: ''
  'data-disabled'?: ''
  'data-with-icon'?: 'leading' | 'trailing' | 'both'
  type: 'button' | 'submit' | 'reset'
  disabled: boolean
}

/**
 * Props of an icon inside the button, added to the icon's own (`[data-scope='icon']`); decorative,
 * since the label names the button.
 */
export interface ButtonIconProps {
  'data-position': 'leading' | 'trailing'
  'aria-hidden': 'true'
}

/** Prop getters of a button. */
export interface ButtonApi {
  variant: ButtonVariant
  getRootProps(): ButtonRootProps
  getLabelProps(): { 'data-scope': 'button'; 'data-part': 'label' }
  getIconProps(position: 'leading' | 'trailing'): ButtonIconProps
}

/** Throws unless `variant` is a {@link ButtonVariant}. */
export function checkButtonVariant(call: string, variant: unknown): ButtonVariant {
  if (typeof variant === 'string' && (BUTTON_VARIANTS as readonly string[]).includes(variant)) {
    return variant as ButtonVariant
  }
  throw invalid(call, 'variant', `one of ${BUTTON_VARIANTS.join(', ')}`, variant)
}

/**
 * Prop getters for a Material 3 common button: filled, tonal, elevated, outlined or text, with
 * optional leading and trailing icons and error colours (`danger`). Styles come from
 * `[data-scope='button']` in `@metal/ui/theme.css`; a native `<button>` needs no ARIA of its own.
 */
export function connectButton(
  options: ButtonOptions = {},
  { normalizeProps = identityProps }: ButtonConnectOptions = {},
): ButtonApi {
  const variant = checkButtonVariant('connectButton', options.variant ?? 'filled')
  for (const field of ['icon', 'trailingIcon'] as const) {
    const name = options[field]
    if (name !== undefined && !isIconName(name)) {
      throw invalid('connectButton', field, 'a built-in icon name', name)
    }
  }
  const type = options.type ?? 'button'
  if (type !== 'button' && type !== 'submit' && type !== 'reset') {
    throw invalid('connectButton', 'type', "'button', 'submit' or 'reset'", type)
  }
  const disabled = options.disabled === true
  const withIcon =
    options.icon && options.trailingIcon
      ? 'both'
      : options.icon
        ? 'leading'
        : options.trailingIcon
          ? 'trailing'
          : undefined
  return {
    variant,
    getRootProps: () =>
      normalizeProps<ButtonRootProps>({
        'data-scope': 'button',
        'data-part': 'root',
        'data-variant': variant,
        ...(options.danger ? { 'data-danger': '' as const } : {}),
        ...(disabled ? { 'data-disabled': '' as const } : {}),
        ...(withIcon ? { 'data-with-icon': withIcon } : {}),
        type,
        disabled,
      }),
    getLabelProps: () => normalizeProps({ 'data-scope': 'button', 'data-part': 'label' } as const),
    getIconProps: (position) =>
      normalizeProps<ButtonIconProps>({
        'data-position': position,
        'aria-hidden': 'true',
      }),
  }
}
