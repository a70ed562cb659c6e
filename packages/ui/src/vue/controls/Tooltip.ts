import {
  cloneVNode,
  Comment,
  defineComponent,
  Fragment,
  h,
  isVNode,
  mergeProps,
  ref,
  shallowRef,
  useId,
  watch,
  type ComponentPublicInstance,
  type PropType,
  type SlotsType,
  type VNode,
} from 'vue'
import { connectTooltip } from '../../controls/tooltip/tooltip.connect.js'
import {
  initTooltip,
  TOOLTIP_HIDE_DELAY,
  TOOLTIP_SHOW_DELAY,
  updateTooltip,
} from '../../controls/tooltip/tooltip.model.js'
import type { TooltipEvent } from '../../controls/tooltip/tooltip.types.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'
import { vueProps } from '../normalizeProps.js'
import { useAnchoredPopover } from './useAnchoredPopover.js'

/** Props of {@link Tooltip}; other attributes fall through to the tooltip element. */
export interface TooltipProps {
  /** The tooltip's text. */
  content: string
  /** Where it goes against the child. @default 'top' */
  placement?: PopoverPlacement
  /**
   * Whether the child is described by the tooltip (`aria-describedby`); turn off when the text
   * repeats the child's accessible name. @default true
   */
  describeChild?: boolean
}

/** The one element of the default slot, looking through fragments and comments. */
function onlyChild(nodes: VNode[] | undefined): VNode {
  const flat: VNode[] = []
  const walk = (list: unknown[]) => {
    for (const node of list) {
      if (Array.isArray(node)) walk(node)
      else if (isVNode(node) && node.type === Fragment) walk(node.children as unknown[])
      else if (!(isVNode(node) && node.type === Comment)) flat.push(node as VNode)
    }
  }
  walk(nodes ?? [])
  const [child] = flat
  if (flat.length !== 1 || !isVNode(child) || typeof child.type === 'symbol')
    throw invalid('<Tooltip>', 'default slot', 'one element', nodes)
  return child
}

/** The element behind a template ref: an element, or a component's root element. */
function elementOf(target: Element | ComponentPublicInstance | null): HTMLElement | null {
  const el = target instanceof Element ? target : (target?.$el as unknown)
  return el instanceof HTMLElement ? el : null
}

/**
 * A Material 3 plain tooltip around the one element of its default slot: shown on hover after a
 * short delay and on keyboard focus, hidden on leave, blur and Escape; positioned in the top
 * layer by the popover service. The logic is `connectTooltip`, as in the React view.
 *
 * ```vue
 * <Tooltip content="Export as CSV"><Button @click="exportCsv">Export</Button></Tooltip>
 * ```
 */
export const Tooltip = defineComponent({
  name: 'MetalTooltip',
  inheritAttrs: false,
  props: {
    /** The tooltip's text. */
    content: { type: String, required: true },
    /** Where it goes against the child. */
    placement: { type: String as PropType<PopoverPlacement>, default: 'top' },
    /** Whether the child is described by the tooltip (`aria-describedby`). */
    describeChild: { type: Boolean, default: true },
  },
  slots: Object as SlotsType<{ default: () => VNode[] }>,
  setup(props, { attrs, slots }) {
    const id = `metal-tooltip-${useId()}`
    const state = shallowRef(initTooltip())
    const send = (event: TooltipEvent) => {
      state.value = updateTooltip(state.value, event)
    }
    // The delays: the model says what is pending, the view times it.
    watch(
      () => state.value.pending,
      (pending, _, onCleanup) => {
        if (!pending) return
        const timer = setTimeout(
          () => send({ type: 'DELAY_ELAPSED' }),
          pending === 'show' ? TOOLTIP_SHOW_DELAY : TOOLTIP_HIDE_DELAY,
        )
        onCleanup(() => clearTimeout(timer))
      },
      // The delay starts with the event, not at the next render.
      { flush: 'sync' },
    )

    const anchor = shallowRef<HTMLElement | null>(null)
    const floating = ref<HTMLElement | null>(null)
    useAnchoredPopover(
      () => state.value.open,
      anchor,
      floating,
      () => ({
        placement: props.placement,
        closeOnEscape: 'anywhere',
        closeOnOutside: false,
        returnFocus: false,
        onDismiss: () => send({ type: 'ESCAPE' }),
      }),
    )
    const setAnchor = (target: Element | ComponentPublicInstance | null) => {
      anchor.value = elementOf(target)
    }

    return () => {
      const api = connectTooltip(state.value, send, {
        id,
        content: props.content,
        describeTrigger: props.describeChild,
        normalizeProps: vueProps,
      })
      const child = onlyChild(slots.default?.())
      const { 'aria-describedby': ours, ...trigger } = api.getTriggerProps()
      const theirs = child.props?.['aria-describedby'] as string | undefined
      const describedBy = [theirs, ours].filter(Boolean).join(' ')
      // cloneVNode merges like mergeProps: the child's own listeners run too, its ref is kept.
      const cloned = cloneVNode(
        child,
        { ...trigger, 'aria-describedby': describedBy || undefined, ref: setAnchor },
        true,
      )
      return [
        cloned,
        h('div', mergeProps(attrs, { ...api.getContentProps(), ref: floating }), props.content),
      ]
    }
  },
})
