import {
  computed,
  defineComponent,
  h,
  mergeProps,
  onMounted,
  onUpdated,
  shallowRef,
  useId,
  watch,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectMenu, type MenuTriggerProps } from '../../controls/menu/menu.connect.js'
import { initMenu, isMenuDivider, updateMenu } from '../../controls/menu/menu.model.js'
import type { MenuItem } from '../../controls/menu/menu.types.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'
import { vueProps } from '../normalizeProps.js'
import { Icon } from './Icon.js'
import { useAnchoredPopover } from './useAnchoredPopover.js'

/**
 * What the `trigger` slot receives: props to `v-bind` on the button that opens the menu (its
 * `id` is how the menu finds the button to place itself against).
 */
export interface MenuTriggerSlotProps extends Omit<MenuTriggerProps, 'onKeyDown'> {
  onKeydown: (event: KeyboardEvent) => void
}

/** Props of {@link Menu}; other attributes (`class`, `style`) fall through to the menu. */
export interface MenuProps {
  /** Accessible name of the menu. */
  label: string
  /** The entries; an item's `onSelect` runs when it is activated. */
  items: readonly MenuItem[]
  /** Where the menu goes against the button. @default 'bottom-start' */
  placement?: PopoverPlacement
  /** Base of the parts' ids. @default a generated id */
  id?: string
}

/** Slots of {@link Menu}. */
export interface MenuSlots {
  /** The button that opens the menu; bind the slot props on it. */
  trigger: (props: MenuTriggerSlotProps) => VNodeChild
}

/**
 * A Material 3 menu on the menu button pattern: the `trigger` slot renders the button (bind its
 * props with `v-bind`), the menu opens in the top layer with focus on its first item. The logic
 * is `connectMenu`.
 *
 * ```vue
 * <Menu label="Actions" :items="items">
 *   <template #trigger="props"><IconButton icon="moreVert" label="More" v-bind="props" /></template>
 * </Menu>
 * ```
 */
export const Menu = defineComponent({
  name: 'MetalMenu',
  inheritAttrs: false,
  props: {
    /** Accessible name of the menu. */
    label: { type: String, required: true },
    /** The entries; an item's `onSelect` runs when it is activated. */
    items: { type: Array as PropType<readonly MenuItem[]>, required: true },
    /** Where the menu goes against the button. */
    placement: { type: String as PropType<PopoverPlacement>, default: 'bottom-start' },
    /** Base of the parts' ids; generated when omitted. */
    id: { type: String, default: undefined },
  },
  slots: Object as SlotsType<MenuSlots>,
  setup(props, { slots, attrs }) {
    const autoId = useId()
    const state = shallowRef(initMenu())
    const api = computed(() =>
      connectMenu(state.value, (event) => (state.value = updateMenu(state.value, event)), {
        id: props.id ?? `metal-menu-${autoId}`,
        label: props.label,
        items: props.items,
        normalizeProps: vueProps,
      }),
    )
    const content = shallowRef<HTMLDivElement | null>(null)
    const anchor = shallowRef<HTMLElement | null>(null)
    // The slot's button may be any component: it is found by the id it was given.
    const findAnchor = () => {
      const id = api.value.getTriggerProps().id
      anchor.value = content.value?.ownerDocument.getElementById(id) ?? null
    }
    onMounted(findAnchor)
    onUpdated(findAnchor)
    // Watchers read the state, not `api`: the connect (and its input checks) runs first in render.
    useAnchoredPopover(
      () => state.value.open,
      anchor,
      content,
      () => ({ placement: props.placement, onDismiss: () => api.value.close() }),
    )
    // Focus follows the highlighted item (roving focus inside the menu).
    watch(
      [() => state.value.open, () => state.value.highlightedIndex],
      ([open]) => {
        if (!open) return
        const { highlightedId } = api.value
        const menu = content.value
        const el = highlightedId ? menu?.ownerDocument.getElementById(highlightedId) : null
        ;(el ?? menu)?.focus()
      },
      { flush: 'post' },
    )

    return () => {
      if (typeof slots.trigger !== 'function')
        throw invalid('<Menu>', 'trigger', 'a slot rendering the button', slots.trigger)
      const a = api.value
      const withIcons = props.items.some(
        (item) => !isMenuDivider(item) && (item.icon || item.checked !== undefined),
      )
      return [
        slots.trigger(a.getTriggerProps() as unknown as MenuTriggerSlotProps),
        h(
          'div',
          mergeProps(attrs, { ...a.getContentProps(), ref: content }),
          props.items.map((item, index) =>
            isMenuDivider(item)
              ? h('div', { key: `divider-${index}`, ...a.getSeparatorProps(index) })
              : h('div', { key: item.id, ...a.getItemProps(index) }, [
                  withIcons
                    ? h('span', a.getItemIconProps(index), [
                        item.checked
                          ? h(Icon, { name: 'check' })
                          : item.icon
                            ? h(Icon, { name: item.icon })
                            : null,
                      ])
                    : null,
                  h('span', a.getItemLabelProps(index), item.label),
                ]),
          ),
        ),
      ]
    }
  },
})
