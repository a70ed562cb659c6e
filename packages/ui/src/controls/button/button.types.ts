import type { IconName } from '../../icons/icons.js'

/** The five Material 3 button styles, from most to least emphasis (elevated sits with tonal). */
export type ButtonVariant = 'filled' | 'tonal' | 'elevated' | 'outlined' | 'text'

/** Every {@link ButtonVariant}, in the order above. */
export const BUTTON_VARIANTS: readonly ButtonVariant[] = [
  'filled',
  'tonal',
  'elevated',
  'outlined',
  'text',
]

/** What {@link connectButton} needs to know about a button. */
export interface ButtonOptions {
  /** The style. @default 'filled' */
  variant?: ButtonVariant
  /** Error colours, for an action that destroys something. @default false */
  danger?: boolean
  /** Unavailable: greyed out (38 % content opacity) and not clickable. @default false */
  disabled?: boolean
  /** An icon before the label. */
  icon?: IconName
  /** An icon after the label. */
  trailingIcon?: IconName
  /** The `type` of the `<button>`. @default 'button' */
  type?: 'button' | 'submit' | 'reset'
}
