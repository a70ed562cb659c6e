import { onMounted, shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import { openPopover, preloadPopover, type PopoverHandle } from '../../popover/popover.service.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'

/** Options of {@link useAnchoredPopover}. */
export interface UseAnchoredPopoverOptions {
  /** Where the floating element goes. @default 'bottom-start' */
  placement?: PopoverPlacement
  /** At least as wide as the anchor. @default false */
  matchWidth?: boolean
  /** Gap to the anchor in CSS pixels. @default 4 */
  offset?: number
  /** Called on Escape or a pointer press outside. */
  onDismiss?: (reason: 'escape' | 'outside') => void
  /** Whether Escape dismisses (`'anywhere'`: whatever has focus). @default true */
  closeOnEscape?: boolean | 'anywhere'
  /** Whether an outside press dismisses. @default true */
  closeOnOutside?: boolean
  /** Return focus on close when focus was inside. @default true */
  returnFocus?: boolean
  /** Where focus returns to. @default the anchor */
  returnFocusTo?: HTMLElement | null
  /** Runs once the floating element is shown and placed (focus something in it). */
  onOpened?: (floating: HTMLElement) => void
}

/**
 * Shows `floating` in the top layer against `anchor` while `open` (the popover service,
 * `openPopover`), and closes it when `open` turns false or the component unmounts. Every
 * argument may be a value, a ref or a getter; callbacks are read when they fire, so a getter
 * of options may build new functions on every call. Returns the open popover's handle.
 *
 * ```ts
 * const listbox = useTemplateRef<HTMLElement>('listbox')
 * useAnchoredPopover(() => open.value, anchor, listbox, () => ({ onDismiss: () => close() }))
 * ```
 */
export function useAnchoredPopover(
  open: MaybeRefOrGetter<boolean>,
  anchor: MaybeRefOrGetter<Element | null | undefined>,
  floating: MaybeRefOrGetter<HTMLElement | null | undefined>,
  options: MaybeRefOrGetter<UseAnchoredPopoverOptions> = {},
): ShallowRef<PopoverHandle | null> {
  const handle = shallowRef<PopoverHandle | null>(null)
  const read = (): UseAnchoredPopoverOptions => toValue(options) ?? {}
  // Whatever can open a popover loads the positioning library when it mounts, not when it opens.
  onMounted(() => void preloadPopover())
  // After the DOM update (flush 'post'), so the floating element and its content are in place
  // when it is shown, and closing happens once the content that had focus is gone. Each source
  // is compared on its own: a change elsewhere does not reopen the popover.
  watch(
    [
      () => toValue(open),
      () => toValue(anchor),
      () => toValue(floating),
      () => read().placement,
      () => read().matchWidth,
      () => read().offset,
      () => read().closeOnEscape,
      () => read().closeOnOutside,
      () => read().returnFocus,
      () => read().returnFocusTo,
    ],
    (
      [
        isOpen,
        anchorEl,
        floatingEl,
        placement,
        matchWidth,
        offset,
        closeOnEscape,
        closeOnOutside,
        returnFocus,
        returnFocusTo,
      ],
      _,
      onCleanup,
    ) => {
      if (!isOpen || !anchorEl || !floatingEl) return
      const h = openPopover({
        anchor: anchorEl,
        floating: floatingEl,
        placement,
        matchWidth,
        offset,
        closeOnEscape,
        closeOnOutside,
        returnFocus: returnFocus === false ? null : (returnFocusTo ?? undefined),
        onDismiss: (reason) => read().onDismiss?.(reason),
      })
      handle.value = h
      read().onOpened?.(floatingEl)
      onCleanup(() => {
        handle.value = null
        h.close()
      })
    },
    { flush: 'post', immediate: true },
  )
  return handle
}
