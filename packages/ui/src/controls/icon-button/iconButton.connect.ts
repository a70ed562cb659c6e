import { isIconName } from '../../icons/icons.js'
import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import {
  ICON_BUTTON_VARIANTS,
  type IconButtonOptions,
  type IconButtonSize,
  type IconButtonVariant,
} from './iconButton.types.js'

/** Options of {@link connectIconButton}. */
export interface IconButtonConnectOptions {
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

/** Props of the `<button>` element. */
export interface IconButtonRootProps {
  'data-scope': 'icon-button'
  'data-part': 'root'
  'data-variant': IconButtonVariant
  'data-size': IconButtonSize
  'data-state'?: 'on' | 'off'
  'data-disabled'?: ''
  type: 'button' | 'submit' | 'reset'
  disabled: boolean
  'aria-label': string
  'aria-pressed'?: boolean
}

/** Prop getters of an icon button. */
export interface IconButtonApi {
  getRootProps(): IconButtonRootProps
  /** Props of the icon (`<Icon>`): its size in CSS pixels (24, or 20 when small). */
  getIconProps(): { size: number }
}

/**
 * Prop getters for a Material 3 icon button: standard, filled, tonal or outlined, small or
 * medium, optionally a toggle (`selected` → `aria-pressed`). `label` names it for assistive
 * technology.
 */
export function connectIconButton(
  options: IconButtonOptions,
  { normalizeProps = identityProps }: IconButtonConnectOptions = {},
): IconButtonApi {
  const call = 'connectIconButton'
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  if (!isIconName(options.icon)) throw invalid(call, 'icon', 'a built-in icon name', options.icon)
  if (typeof options.label !== 'string' || options.label.trim() === '') {
    throw invalid(call, 'label', 'a non-empty string', options.label)
  }
  const variant = options.variant ?? 'standard'
  if (!(ICON_BUTTON_VARIANTS as readonly string[]).includes(variant)) {
    throw invalid(call, 'variant', `one of ${ICON_BUTTON_VARIANTS.join(', ')}`, variant)
  }
  const size = options.size ?? 'medium'
  if (size !== 'small' && size !== 'medium') {
    throw invalid(call, 'size', "'small' or 'medium'", size)
  }
  const { selected } = options
  if (selected !== undefined && typeof selected !== 'boolean') {
    throw invalid(call, 'selected', 'a boolean or undefined', selected)
  }
  const disabled = options.disabled === true
  return {
    getRootProps: () =>
      normalizeProps<IconButtonRootProps>({
        'data-scope': 'icon-button',
        'data-part': 'root',
        'data-variant': variant,
        'data-size': size,
        ...(selected === undefined ? {} : { 'data-state': selected ? 'on' : 'off' }),
        ...(disabled ? { 'data-disabled': '' as const } : {}),
        type: options.type ?? 'button',
        disabled,
        'aria-label': options.label,
        ...(selected === undefined ? {} : { 'aria-pressed': selected }),
      }),
    getIconProps: () => normalizeProps({ size: size === 'small' ? 20 : 24 }),
  }
}
