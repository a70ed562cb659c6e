import {
  computed,
  defineComponent,
  h,
  shallowRef,
  useId,
  watch,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectPopover } from '../../popover/popover.connect.js'
import { getFocusables } from '../../popover/popover.service.js'
import { updatePopover } from '../../popover/popover.model.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'
import { vueProps } from '../normalizeProps.js'
import { useAnchoredPopover } from './useAnchoredPopover.js'

/** What gets focus when a {@link Popover} opens. */
export type PopoverInitialFocus =
  'first' | 'content' | HTMLElement | (() => HTMLElement | null | undefined) | null

/** Props of {@link Popover}; attributes (`class`, `style`) fall through to the panel. */
export interface PopoverProps {
  /** Whether the panel is shown (`v-model:open`). @default false */
  open?: boolean
  /** The element it is placed against, and gets focus back on close. */
  anchor: HTMLElement | null
  /** Accessible name of the panel. */
  label: string
  /** Where it goes against the anchor. @default 'bottom-start' */
  placement?: PopoverPlacement
  /**
   * What gets focus when it opens: the first focusable element inside (`'first'`), the panel
   * itself (`'content'`), an element, or a function returning one, read when it opens (for an
   * element of the content, which exists only then: `() => nameInput.value`). @default 'first'
   */
  initialFocus?: PopoverInitialFocus
  /** Id of the panel. @default a generated id */
  id?: string
}

/**
 * A non-modal panel (a filter panel, a columns panel) in the top layer, placed against `anchor`
 * with Floating UI. Escape and a press outside close it (`update:open` with `false`); focus goes
 * back to the anchor. The default slot is the content, rendered only while open.
 *
 * ```vue
 * <button ref="filters" @click="open = !open">Filters</button>
 * <Popover v-model:open="open" :anchor="filters" label="Filter rows">…</Popover>
 * ```
 */
export const Popover = defineComponent({
  name: 'MetalPopover',
  props: {
    /** Whether the panel is shown (`v-model:open`). */
    open: { type: Boolean, default: false },
    /** The element it is placed against, and gets focus back on close. */
    anchor: { type: null as unknown as PropType<HTMLElement | null>, required: true },
    /** Accessible name of the panel. */
    label: { type: String, required: true },
    /** Where it goes against the anchor. */
    placement: { type: String as PropType<PopoverPlacement>, default: 'bottom-start' },
    /** What gets focus when it opens: `'first'`, `'content'`, an element or a function. */
    initialFocus: {
      type: null as unknown as PropType<PopoverInitialFocus>,
      default: 'first',
    },
    /** Id of the panel; generated when omitted. */
    id: { type: String, default: undefined },
  },
  emits: {
    /** The user asked to open or close it (Escape, a press outside). */
    'update:open': (open: boolean) => typeof open === 'boolean',
  },
  slots: Object as SlotsType<{ default?: () => VNodeChild }>,
  setup(props, { emit, slots, expose }) {
    const autoId = useId()
    const panel = shallowRef<HTMLDivElement | null>(null)
    const api = computed(() => {
      if (typeof props.label !== 'string' || props.label === '')
        throw invalid('<Popover>', 'label', 'a non-empty string', props.label)
      const state = { open: props.open, closeReason: null }
      return connectPopover(
        state,
        (event) => {
          const next = updatePopover(state, event)
          if (next.open !== props.open) emit('update:open', next.open)
        },
        { id: props.id ?? `metal-popover-${autoId}`, label: props.label, normalizeProps: vueProps },
      )
    })
    useAnchoredPopover(
      () => props.open,
      () => props.anchor,
      panel,
      () => ({
        placement: props.placement,
        onDismiss: () => emit('update:open', false),
        onOpened: (el: HTMLElement) => {
          const target = props.initialFocus
          if (target === 'content') el.focus()
          else if (target === 'first' || target === undefined) (getFocusables(el)[0] ?? el).focus()
          else if (typeof target === 'function') (target() ?? el).focus()
          else (target ?? el).focus()
        },
      }),
    )
    // An anchor that goes away while open cannot take focus back: close.
    watch(
      () => [props.open, props.anchor] as const,
      ([open, anchor]) => {
        if (open && anchor && !anchor.isConnected) emit('update:open', false)
      },
      { flush: 'post' },
    )
    expose({ el: panel })
    return () => {
      const { hidden, ...content } = api.value.getContentProps()
      return h(
        'div',
        { ...content, hidden: hidden || !props.anchor, ref: panel },
        props.open ? [slots.default?.()] : undefined,
      )
    }
  },
})
