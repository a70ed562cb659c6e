import { useEffect, useId, useRef, useState } from 'react'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import { getColumnMenuItems } from '../../data-table/dataTable.columnMenu.js'
import type { ResolvedColumn } from '../../data-table/dataTable.types.js'
import { Icon } from '../controls/Icon.js'

/**
 * A column header's menu: an icon button (shown on hover or focus of the header, out of the tab
 * order) opening the items of `getColumnMenuItems`. The header's Alt+ArrowDown, Shift+F10 and
 * ContextMenu keys open it too (the model's `columnMenu`).
 */
export function ColumnMenu<Row>({
  api,
  column,
  onOpenFilter,
}: {
  api: DataTableApi<Row>
  column: ResolvedColumn<Row>
  onOpenFilter: (columnId: string) => void
}) {
  const { state, send, messages } = api
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const trigger = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const requested = state.columnMenu === column.id
  useEffect(() => {
    if (!requested) return
    setOpen(true)
    send({ type: 'CLOSE_COLUMN_MENU' })
  }, [requested, send])
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus()
  }, [open])
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) trigger.current?.closest<HTMLElement>('[role="columnheader"]')?.focus()
  }
  const items = getColumnMenuItems(state, column.id, messages)
  return (
    <>
      <button
        {...api.getColumnMenuTriggerProps(column.id)}
        ref={trigger}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={(event) => {
          event.stopPropagation()
          setOpen((o) => !o)
        }}
      >
        <Icon name="moreVert" size={18} />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={api.getColumnMenuTriggerProps(column.id)['aria-label']}
          data-scope="data-table"
          data-part="column-menu"
          onKeyDown={(event) => {
            event.stopPropagation()
            if (event.key === 'Escape') close(true)
            const all = Array.from(
              menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ??
                [],
            )
            const at = all.indexOf(document.activeElement as HTMLElement)
            if (event.key === 'ArrowDown') all[(at + 1) % all.length]?.focus()
            if (event.key === 'ArrowUp') all[(at - 1 + all.length) % all.length]?.focus()
          }}
          onClick={(event) => event.stopPropagation()}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) close(false)
          }}
        >
          {items.map((item) =>
            item.type === 'divider' ? (
              <hr key={item.id} />
            ) : (
              <button
                key={item.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                disabled={item.disabled}
                onClick={() => {
                  close(item.event.type !== 'OPEN_PANEL')
                  if (item.event.type === 'OPEN_PANEL') onOpenFilter(column.id)
                  else send(item.event)
                }}
              >
                <Icon name={item.icon} size={18} />
                {item.label}
              </button>
            ),
          )}
        </div>
      )}
    </>
  )
}
