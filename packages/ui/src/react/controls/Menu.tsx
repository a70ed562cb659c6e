import { useCallback, useEffect, useId, useRef, useState, type ReactElement } from 'react'
import { connectMenu, type MenuTriggerProps } from '../../controls/menu/menu.connect.js'
import { initMenu, isMenuDivider, updateMenu } from '../../controls/menu/menu.model.js'
import type { MenuItem } from '../../controls/menu/menu.types.js'
import type { PopoverPlacement } from '../../popover/popover.types.js'
import { invalid } from '../../invalid.js'
import { Icon } from './Icon.js'
import { useAnchoredPopover } from './Popover.js'

/** What `trigger` receives: props to spread on the button that opens the menu. */
export interface MenuTriggerRenderProps extends Omit<MenuTriggerProps, 'onKeyDown'> {
  onKeyDown: (event: { key: string; preventDefault(): void }) => void
  ref: (element: HTMLElement | null) => void
}

/** Props of {@link Menu}. */
export interface MenuProps {
  /** Accessible name of the menu. */
  label: string
  /** The entries. */
  items: readonly MenuItem[]
  /** Renders the button that opens the menu, spreading the given props on it. */
  trigger: (props: MenuTriggerRenderProps) => ReactElement
  /** Where the menu goes against the button. @default 'bottom-start' */
  placement?: PopoverPlacement
  /** Base of the parts' ids. @default a generated id */
  id?: string
}

/**
 * A Material 3 menu on the menu button pattern: `trigger` renders the button, the menu opens in
 * the top layer with focus on its first item. The logic is `connectMenu`.
 */
export function Menu({ label, items, trigger, placement = 'bottom-start', id }: MenuProps) {
  if (typeof trigger !== 'function') throw invalid('<Menu>', 'trigger', 'a function', trigger)
  const autoId = useId()
  const [state, setState] = useState(initMenu)
  const api = connectMenu(state, (event) => setState((s) => updateMenu(s, event)), {
    id: id ?? `metal-menu-${autoId}`,
    label,
    items,
  })
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const content = useRef<HTMLDivElement>(null)
  useAnchoredPopover(api.open, anchor, content, { placement, onDismiss: () => api.close() })
  // Focus follows the highlighted item (roving focus inside the menu).
  useEffect(() => {
    if (!api.open) return
    const menu = content.current
    const el = api.highlightedId ? menu?.ownerDocument.getElementById(api.highlightedId) : null
    ;(el ?? menu)?.focus()
  }, [api.open, api.highlightedId])
  const withIcons = items.some(
    (item) => !isMenuDivider(item) && (item.icon || item.checked !== undefined),
  )
  const ref = useCallback((el: HTMLElement | null) => setAnchor(el), [])

  return (
    <>
      {trigger({ ...api.getTriggerProps(), ref })}
      <div {...api.getContentProps()} ref={content}>
        {items.map((item, index) =>
          isMenuDivider(item) ? (
            <div key={`divider-${index}`} {...api.getSeparatorProps(index)} />
          ) : (
            <div key={item.id} {...api.getItemProps(index)}>
              {withIcons ? (
                <span {...api.getItemIconProps(index)}>
                  {item.checked ? (
                    <Icon name="check" />
                  ) : item.icon ? (
                    <Icon name={item.icon} />
                  ) : null}
                </span>
              ) : null}
              <span {...api.getItemLabelProps(index)}>{item.label}</span>
            </div>
          ),
        )}
      </div>
    </>
  )
}
