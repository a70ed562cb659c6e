import {
  cloneElement,
  isValidElement,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactElement,
  type Ref,
} from 'react'
import { connectTooltip } from '../../controls/tooltip/tooltip.connect.js'
import {
  initTooltip,
  TOOLTIP_HIDE_DELAY,
  TOOLTIP_SHOW_DELAY,
  updateTooltip,
} from '../../controls/tooltip/tooltip.model.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'
import { useAnchoredPopover } from './Popover.js'
import { assignRef } from './TextField.js'

/** Props of {@link Tooltip}. */
export interface TooltipProps {
  /** The tooltip's text. */
  content: string
  /** Where it goes against the child. @default 'top' */
  placement?: PopoverPlacement
  /** The element it describes: one element that takes a ref and pointer/focus handlers. */
  children: ReactElement
  /**
   * Whether the child is described by the tooltip (`aria-describedby`); turn off when the text
   * repeats the child's accessible name. @default true
   */
  describeChild?: boolean
}

type ChildProps = Record<string, unknown> & { ref?: Ref<HTMLElement> }

/**
 * A Material 3 plain tooltip: shown on hover after a short delay and on keyboard focus, hidden
 * on leave, blur and Escape; positioned in the top layer by the popover service. The logic is
 * `connectTooltip`.
 */
export function Tooltip({
  content,
  placement = 'top',
  children,
  describeChild = true,
}: TooltipProps) {
  if (!isValidElement(children))
    throw invalid('<Tooltip>', 'children', 'one React element', children)
  const autoId = useId()
  const [state, setState] = useState(initTooltip)
  const send = useCallback(
    (event: Parameters<typeof updateTooltip>[1]) => setState((s) => updateTooltip(s, event)),
    [],
  )
  const api = connectTooltip(state, send, {
    id: `metal-tooltip-${autoId}`,
    content,
    describeTrigger: describeChild,
  })
  // The delays: the model says what is pending, the view times it.
  useEffect(() => {
    if (!api.pending) return
    const timer = setTimeout(
      () => send({ type: 'DELAY_ELAPSED' }),
      api.pending === 'show' ? TOOLTIP_SHOW_DELAY : TOOLTIP_HIDE_DELAY,
    )
    return () => clearTimeout(timer)
  }, [api.pending, send])

  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const floating = useRef<HTMLDivElement>(null)
  useAnchoredPopover(api.open, anchor, floating, {
    placement,
    closeOnEscape: 'anywhere',
    closeOnOutside: false,
    returnFocus: false,
    onDismiss: () => send({ type: 'ESCAPE' }),
  })

  const child = children as ReactElement<ChildProps>
  const own = child.props
  const childRef = useRef(own.ref)
  childRef.current = own.ref
  const ref = useCallback((el: HTMLElement | null) => {
    setAnchor(el)
    assignRef(childRef.current, el)
  }, [])
  const trigger = api.getTriggerProps()
  const chain =
    (ours: (...args: never[]) => void, theirs: unknown) =>
    (...args: never[]) => {
      if (typeof theirs === 'function') (theirs as (...a: never[]) => void)(...args)
      ours(...args)
    }
  const describedBy = [own['aria-describedby'], trigger['aria-describedby']]
    .filter(Boolean)
    .join(' ')
  return (
    <>
      {cloneElement(child, {
        'data-tooltip-state': trigger['data-tooltip-state'],
        'aria-describedby': describedBy || undefined,
        onPointerEnter: chain(trigger.onPointerEnter, own.onPointerEnter),
        onPointerLeave: chain(trigger.onPointerLeave, own.onPointerLeave),
        onFocus: chain(trigger.onFocus, own.onFocus),
        onBlur: chain(trigger.onBlur, own.onBlur),
        onKeyDown: chain(trigger.onKeyDown as (...a: never[]) => void, own.onKeyDown),
        ref,
      })}
      <div {...api.getContentProps()} ref={floating}>
        {content}
      </div>
    </>
  )
}
