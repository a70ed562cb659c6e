import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react'
import { connectPopover } from '../../popover/popover.connect.js'
import {
  getFocusables,
  openPopover,
  preloadPopover,
  type PopoverHandle,
} from '../../popover/popover.service.js'
import { updatePopover } from '../../popover/popover.model.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'

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
 * `openPopover`), and closes it when `open` turns false or the component unmounts.
 */
export function useAnchoredPopover(
  open: boolean,
  anchor: Element | null,
  floating: RefObject<HTMLElement | null>,
  options: UseAnchoredPopoverOptions = {},
): RefObject<PopoverHandle | null> {
  const latest = useRef(options)
  latest.current = options
  const handle = useRef<PopoverHandle | null>(null)
  const {
    placement,
    matchWidth,
    offset,
    closeOnEscape,
    closeOnOutside,
    returnFocus,
    returnFocusTo,
  } = options
  // Whatever can open a popover loads the positioning library when it mounts, not when it opens.
  useEffect(() => void preloadPopover(), [])
  // A passive effect: a layout effect's cleanup runs before React puts focus back where it was
  // before the commit, which would undo returning focus to the anchor.
  useEffect(() => {
    const el = floating.current
    if (!open || !anchor || !el) return
    const h = openPopover({
      anchor,
      floating: el,
      placement,
      matchWidth,
      offset,
      closeOnEscape,
      closeOnOutside,
      returnFocus: returnFocus === false ? null : (returnFocusTo ?? undefined),
      onDismiss: (reason) => latest.current.onDismiss?.(reason),
    })
    handle.current = h
    latest.current.onOpened?.(el)
    return () => {
      handle.current = null
      h.close()
    }
  }, [
    open,
    anchor,
    floating,
    placement,
    matchWidth,
    offset,
    closeOnEscape,
    closeOnOutside,
    returnFocus,
    returnFocusTo,
  ])
  return handle
}

/** Props of {@link Popover}. */
export interface PopoverProps {
  /** Whether the panel is shown. */
  open: boolean
  /** Called when the user asks to open or close it (Escape, a press outside). */
  onOpenChange: (open: boolean) => void
  /** The element it is placed against, and gets focus back on close. */
  anchor: HTMLElement | null
  /** Accessible name of the panel. */
  label: string
  /** Where it goes against the anchor. @default 'bottom-start' */
  placement?: PopoverPlacement
  /** The panel's content. */
  children?: ReactNode
  /**
   * What gets focus when it opens: the first focusable element inside (`'first'`), the panel
   * itself (`'content'`), or a given element. @default 'first'
   */
  initialFocus?: 'first' | 'content' | RefObject<HTMLElement | null>
  /** Id of the panel. @default a generated id */
  id?: string
  /** Class name of the panel. */
  className?: string
}

/**
 * A non-modal panel (a filter panel, a columns panel) in the top layer, placed against `anchor`
 * with Floating UI. Escape and a press outside close it; focus goes back to the anchor.
 */
export function Popover({
  open,
  onOpenChange,
  anchor,
  label,
  placement = 'bottom-start',
  children,
  initialFocus = 'first',
  id,
  className,
}: PopoverProps) {
  if (typeof label !== 'string' || label === '')
    throw invalid('<Popover>', 'label', 'a non-empty string', label)
  if (typeof onOpenChange !== 'function')
    throw invalid('<Popover>', 'onOpenChange', 'a function', onOpenChange)
  const autoId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const state = { open, closeReason: null }
  const api = connectPopover(
    state,
    (event) => {
      const next = updatePopover(state, event)
      if (next.open !== open) onOpenChange(next.open)
    },
    { id: id ?? `metal-popover-${autoId}`, label },
  )
  const focusTarget = useRef(initialFocus)
  focusTarget.current = initialFocus
  useAnchoredPopover(open, anchor, ref, {
    placement,
    onDismiss: () => onOpenChange(false),
    onOpened: (el) => {
      const target = focusTarget.current
      if (target === 'content') el.focus()
      else if (target === 'first') (getFocusables(el)[0] ?? el).focus()
      else (target.current ?? el).focus()
    },
  })
  // An anchor that goes away while open cannot take focus back: close.
  useEffect(() => {
    if (open && anchor && !anchor.isConnected) onOpenChange(false)
  }, [open, anchor, onOpenChange])
  const { hidden, ...content } = api.getContentProps()
  return (
    <div {...content} hidden={hidden || !anchor} ref={ref} className={className}>
      {open ? children : null}
    </div>
  )
}
