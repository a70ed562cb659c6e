import { defineComponent, h, mergeProps, useId, type PropType, type VNode } from 'vue'
import { connectChip, type ChipApi } from '../../controls/chips/chips.connect.js'
import type { ChipsMessages } from '../../controls/chips/chips.types.js'
import type { IconName } from '../../icons/icons.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { Icon } from './Icon.js'

/** Props of {@link Chip}; other attributes fall through to the root `<span>`. */
export interface ChipProps {
  /** What the chip says. */
  label: string
  /** Makes it a filter chip with this state (`aria-pressed`, check icon). */
  selected?: boolean
  /** Makes it an assist chip (a button) calling this on click; bind it as `@click`. */
  onClick?: () => void
  /** Adds a remove button calling this (Backspace/Delete on the chip too); bind it as `@remove`. */
  onRemove?: () => void
  /** An icon before the label (the check replaces it while selected). */
  icon?: IconName
  /** @default false */
  disabled?: boolean
  /** Base of the parts' ids. @default a generated id */
  id?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/** Renders a chip from its prop getters (shared by Chip and ChipInput). */
export function renderChip(
  api: ChipApi,
  label: string,
  removable: boolean,
  rootProps: Record<string, unknown> = {},
): VNode {
  const content = [
    api.leadingIcon
      ? h('span', api.getIconProps(), [h(Icon, { name: api.leadingIcon, size: 18 })])
      : null,
    h('span', api.getLabelProps(), label),
  ]
  return h('span', mergeProps(rootProps, { ...api.getRootProps() }), [
    h(api.interactive ? 'button' : 'span', api.getActionProps(), content),
    removable ? h('button', api.getRemoveProps(), [h(Icon, { name: 'close', size: 18 })]) : null,
  ])
}

/**
 * A Material 3 chip: an assist chip (with `@click`), a filter chip (`selected`), or a plain
 * value; with `@remove`, a remove button after the label. The logic is `connectChip`.
 *
 * ```vue
 * <Chip label="Mine" :selected="mine" @click="mine = !mine" />
 * <Chip v-for="name in people" :key="name" :label="name" @remove="drop(name)" />
 * ```
 */
export const Chip = defineComponent({
  name: 'MetalChip',
  inheritAttrs: false,
  props: {
    /** What the chip says. */
    label: { type: String, required: true },
    /** Makes it a filter chip with this state. */
    selected: { type: Boolean, default: undefined },
    /** Makes it an assist chip (a button) calling this on click (`@click`). */
    onClick: { type: Function as PropType<() => void>, default: undefined },
    /** Adds a remove button calling this (`@remove`). */
    onRemove: { type: Function as PropType<() => void>, default: undefined },
    /** An icon before the label. */
    icon: { type: String as PropType<IconName>, default: undefined },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Base of the parts' ids. */
    id: { type: String, default: undefined },
    /** Words to use instead of the English defaults. */
    messages: { type: Object as PropType<Partial<ChipsMessages>>, default: undefined },
  },
  setup(props, { attrs }) {
    const autoId = `metal-chip-${useId()}`
    const words = useUiMessages('chips', () => props.messages)
    return () => {
      const api = connectChip({
        id: props.id ?? autoId,
        label: props.label,
        selected: props.selected,
        interactive: !!props.onClick,
        removable: !!props.onRemove,
        icon: props.icon,
        disabled: props.disabled,
        onClick: props.onClick,
        onRemove: props.onRemove,
        messages: words.value,
        normalizeProps: vueProps,
      })
      return renderChip(api, props.label, !!props.onRemove, attrs)
    }
  },
})
