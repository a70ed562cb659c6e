import type { IconName } from '../../icons/icons.js'

/** Material 3 icon button styles. */
export type IconButtonVariant = 'standard' | 'filled' | 'tonal' | 'outlined'

/** Every {@link IconButtonVariant}. */
export const ICON_BUTTON_VARIANTS: readonly IconButtonVariant[] = [
  'standard',
  'filled',
  'tonal',
  'outlined',
]

/** Icon button sizes: 32 px (small) or 40 px (medium) square, in a pill. */
export type IconButtonSize = 'small' | 'medium'

/** What {@link connectIconButton} needs to know about an icon button. */
export interface IconButtonOptions {
  /** The icon drawn. */
  icon: IconName
  /** The accessible name (`aria-label`), since the button shows no text. */
  label: string
  /** The style. @default 'standard' */
  variant?: IconButtonVariant
  /**
   * Makes it a toggle button: `true` or `false` sets `aria-pressed`; omitted, it is a plain
   * button.
   */
  selected?: boolean
  /** @default 'medium' */
  size?: IconButtonSize
  /** Unavailable: 38 % content opacity, not clickable. @default false */
  disabled?: boolean
  /** The `type` of the `<button>`. @default 'button' */
  type?: 'button' | 'submit' | 'reset'
}
