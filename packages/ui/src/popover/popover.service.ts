// Puts a floating element (menu, listbox, calendar, tooltip, panel) in the top layer next to its
// anchor: HTML `popover="manual"` + showPopover(), so no ancestor's overflow clips it and it still
// inherits the theme from where it sits in the DOM; Floating UI places it (fixed strategy) and
// keeps it placed while the page scrolls or resizes. DOM access happens only inside the functions.
// Floating UI is loaded with the first popover (or `preloadPopover()`), not with the page: an app
// that never opens one does not download it, and placing is asynchronous in any case.
import { invalid } from '../invalid.js'
import type { PopoverCloseReason, PopoverPlacement } from './popover.types.js'

/** Options of {@link openPopover}. */
export interface OpenPopoverOptions {
  /** The element the floating element is placed against. */
  anchor: Element
  /** The floating element (menu, listbox, panel, tooltip); it is given `popover="manual"`. */
  floating: HTMLElement
  /** Where it goes. @default 'bottom-start' */
  placement?: PopoverPlacement
  /** Gap between anchor and floating element, in CSS pixels. @default 4 */
  offset?: number
  /** Makes the floating element at least as wide as the anchor (select listboxes). @default false */
  matchWidth?: boolean
  /** Called when the user dismisses it: Escape, or a pointer press outside floating and anchor. */
  onDismiss?: (reason: Extract<PopoverCloseReason, 'escape' | 'outside'>) => void
  /**
   * Whether Escape dismisses it: while focus is inside it or on the anchor (`true`), wherever
   * focus is (`'anywhere'`, for tooltips shown on hover), or never (`false`). @default true
   */
  closeOnEscape?: boolean | 'anywhere'
  /** Whether a pointer press outside dismisses it. @default true */
  closeOnOutside?: boolean
  /**
   * Element to focus when the popover closes while focus is inside it (or was never moved
   * elsewhere); `null` leaves focus alone. @default the anchor
   */
  returnFocus?: HTMLElement | null
}

/** A shown popover: re-place it now, or close it (removing every listener). */
export interface PopoverHandle {
  /** Computes the position again (after the content changed size). */
  update(): Promise<void>
  /** Hides the floating element, stops following the anchor, and returns focus. */
  close(options?: { returnFocus?: boolean }): void
}

type FloatingUi = typeof import('@floating-ui/dom')
let floatingUi: Promise<FloatingUi> | null = null

/**
 * Starts loading the positioning library popovers use, so the first one opens placed. Views
 * that can open a popover call it when they mount; calling it again does nothing.
 */
export function preloadPopover(): Promise<FloatingUi> {
  floatingUi ??= import('@floating-ui/dom')
  return floatingUi
}

const PLACEMENT = /^(top|bottom|left|right)(-(start|end))?$/

/** Whether the browser has the HTML popover API (jsdom has not). */
function supportsPopover(el: HTMLElement): boolean {
  return typeof el.showPopover === 'function' && typeof el.hidePopover === 'function'
}

/** Whether `el` is shown in the top layer as a popover. */
function isPopoverOpen(el: HTMLElement): boolean {
  try {
    return el.matches(':popover-open')
  } catch {
    return false
  }
}

/**
 * Shows `floating` in the top layer against `anchor` and keeps it placed (flip to the other
 * side when there is no room, shift to stay inside the viewport, height capped to the space
 * available). Escape and a pointer press outside call `onDismiss`; the caller decides whether
 * to close. Returns a handle whose `close()` undoes everything.
 */
export function openPopover(options: OpenPopoverOptions): PopoverHandle {
  const { anchor, floating } = options
  if (!anchor || typeof (anchor as Element).getBoundingClientRect !== 'function')
    throw invalid('openPopover', 'anchor', 'an element', anchor)
  if (!floating || typeof floating.getBoundingClientRect !== 'function')
    throw invalid('openPopover', 'floating', 'an element', floating)
  const placement = options.placement ?? 'bottom-start'
  if (!PLACEMENT.test(placement))
    throw invalid('openPopover', 'placement', "a placement such as 'bottom-start'", placement)
  const gap = options.offset ?? 4
  if (!Number.isFinite(gap)) throw invalid('openPopover', 'offset', 'a finite number', gap)

  const doc = floating.ownerDocument
  Object.assign(floating.style, { position: 'fixed', top: '0px', left: '0px', margin: '0' })
  if (supportsPopover(floating)) {
    if (!floating.hasAttribute('popover')) floating.setAttribute('popover', 'manual')
    if (!isPopoverOpen(floating)) floating.showPopover()
  } else {
    // No popover API (jsdom, old browsers): a fixed element in place, which stylesheets that
    // hide closed popovers must not hide.
    floating.removeAttribute('popover')
  }

  let closed = false
  const place = async () => {
    const { computePosition, offset, flip, shift, size } = await preloadPopover()
    if (closed) return
    const {
      x,
      y,
      placement: side,
    } = await computePosition(anchor, floating, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(gap),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, rects }) {
            floating.style.maxHeight = `${Math.max(96, Math.floor(availableHeight))}px`
            if (options.matchWidth) floating.style.minWidth = `${rects.reference.width}px`
          },
        }),
      ],
    })
    Object.assign(floating.style, { left: `${x}px`, top: `${y}px` })
    floating.dataset.placement = side
  }
  let stopFollowing = () => {}
  void preloadPopover().then(({ autoUpdate }) => {
    if (!closed) stopFollowing = autoUpdate(anchor, floating, () => void place())
  })

  // On the document, bubbling: a control inside that handles Escape itself (a select's listbox
  // inside a panel) prevents the default first, and then this popover stays open.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || options.closeOnEscape === false) return
    const target = event.target as Node | null
    const inside = !!target && (floating.contains(target) || anchor.contains(target))
    if (!inside && options.closeOnEscape !== 'anywhere') return
    event.preventDefault()
    options.onDismiss?.('escape')
  }
  const onPointerDown = (event: Event) => {
    if (options.closeOnOutside === false) return
    const target = event.target as Node | null
    if (target && (floating.contains(target) || anchor.contains(target))) return
    options.onDismiss?.('outside')
  }
  doc.addEventListener('keydown', onKeyDown)
  doc.addEventListener('pointerdown', onPointerDown, true)

  return {
    update: place,
    close({ returnFocus = true } = {}) {
      if (closed) return
      closed = true
      stopFollowing()
      doc.removeEventListener('keydown', onKeyDown)
      doc.removeEventListener('pointerdown', onPointerDown, true)
      const active = doc.activeElement
      const focusWasInside = active === doc.body || active === null || floating.contains(active)
      if (supportsPopover(floating) && isPopoverOpen(floating)) floating.hidePopover()
      const target = options.returnFocus === undefined ? anchor : options.returnFocus
      if (returnFocus && focusWasInside && target instanceof doc.defaultView!.HTMLElement)
        target.focus()
    },
  }
}

/** The focusable elements inside `root`, in tab order of the DOM. */
export function getFocusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>(
      'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])',
    ),
  ).filter((el) => !el.closest('[hidden]') && el.getAttribute('aria-hidden') !== 'true')
}
