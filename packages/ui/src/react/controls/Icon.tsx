import type { SVGProps } from 'react'
import { DIRECTIONAL_ICONS, ICONS, isIconName, type IconName } from '../../icons/icons.js'
import { invalid } from '../../invalid.js'

/** Props of {@link Icon}. */
export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'name'> {
  /** Which built-in icon to draw. */
  name: IconName
  /** Width and height in CSS pixels. @default 24 */
  size?: number
}

/**
 * One of the built-in icons, drawn in the current text colour. Decorative (`aria-hidden`): the
 * control around it carries the accessible name. Icons that point along the line of text
 * (chevrons, first/last page) are mirrored inside `dir="rtl"`.
 */
export function Icon({ name, size = 24, ...rest }: IconProps) {
  if (!isIconName(name)) throw invalid('<Icon>', 'name', 'a built-in icon name', name)
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill={name === 'arrowDropDown' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-scope="icon"
      data-part="root"
      data-icon={name}
      {...(DIRECTIONAL_ICONS.has(name) ? { 'data-directional': '' } : {})}
      {...rest}
    >
      <path d={ICONS[name]} />
    </svg>
  )
}
