import { defineComponent, h, type PropType } from 'vue'
import { DIRECTIONAL_ICONS, ICONS, isIconName, type IconName } from '../../icons/icons.js'
import { invalid } from '../../invalid.js'

/** Props of {@link Icon}. */
export interface IconProps {
  /** Which built-in icon to draw. */
  name: IconName
  /** Width and height in CSS pixels. @default 24 */
  size?: number
}

/**
 * One of the built-in icons, drawn in the current text colour. Decorative (`aria-hidden`): the
 * control around it carries the accessible name. Icons that point along the line of text
 * (chevrons, first/last page) are mirrored inside `dir="rtl"`. Other attributes fall through to
 * the `<svg>`.
 *
 * ```vue
 * <Icon name="add" :size="18" />
 * ```
 */
export const Icon = defineComponent({
  name: 'MetalIcon',
  props: {
    /** Which built-in icon to draw. */
    name: { type: String as PropType<IconName>, required: true },
    /** Width and height in CSS pixels. */
    size: { type: Number, default: 24 },
  },
  setup(props) {
    return () => {
      const { name, size } = props
      if (!isIconName(name)) throw invalid('<Icon>', 'name', 'a built-in icon name', name)
      return h(
        'svg',
        {
          viewBox: '0 0 24 24',
          width: size,
          height: size,
          fill: name === 'arrowDropDown' ? 'currentColor' : 'none',
          stroke: 'currentColor',
          'stroke-width': 2,
          'stroke-linecap': 'round',
          'stroke-linejoin': 'round',
          'aria-hidden': 'true',
          focusable: 'false',
          'data-scope': 'icon',
          'data-part': 'root',
          'data-icon': name,
          ...(DIRECTIONAL_ICONS.has(name) ? { 'data-directional': '' } : {}),
        },
        [h('path', { d: ICONS[name] })],
      )
    }
  },
})
