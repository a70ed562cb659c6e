import { useEffect, useRef } from 'react'
import type { DataTableApi } from '../../data-table/dataTable.connect.js'
import { getColumnMenuItems } from '../../data-table/dataTable.columnMenu.js'
import type { ResolvedColumn } from '../../data-table/dataTable.types.js'
import type { MenuItem } from '../../controls/menu/menu.types.js'
import { IconButton } from '../controls/IconButton.js'
import { Menu } from '../controls/Menu.js'

/**
 * A column header's menu: an icon button (shown on hover or focus of the header, out of the tab
 * order) opening the items of `getColumnMenuItems`. The header's Alt+ArrowDown, Shift+F10 and
 * ContextMenu keys ask for it through the model (`columnMenu`), which opens it here.
 */
export function ColumnMenu<Row>({
  api,
  column,
}: {
  api: DataTableApi<Row>
  column: ResolvedColumn<Row>
}) {
  const { state, send, messages } = api
  const trigger = useRef<HTMLElement | null>(null)
  const requested = state.columnMenu === column.id
  useEffect(() => {
    if (!requested) return
    send({ type: 'CLOSE_COLUMN_MENU' })
    trigger.current?.click()
  }, [requested, send])
  const items: MenuItem[] = getColumnMenuItems(state, column.id, messages).map((item) =>
    item.type === 'divider'
      ? { type: 'divider' }
      : {
          id: item.id,
          label: item.label,
          icon: item.icon,
          disabled: item.disabled,
          onSelect: () => send(item.event),
        },
  )
  const triggerProps = api.getColumnMenuTriggerProps(column.id)
  return (
    // The menu lives inside the header cell: its clicks must not sort, its keys not move focus.
    <span
      data-scope="data-table"
      data-part="column-menu"
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <Menu
        label={triggerProps['aria-label']}
        items={items}
        placement="bottom-end"
        trigger={({ ref, ...props }) => (
          <IconButton
            {...props}
            ref={(element: HTMLButtonElement | null) => {
              trigger.current = element
              ref(element)
            }}
            data-scope="data-table"
            data-part="column-menu-trigger"
            icon="moreVert"
            label={triggerProps['aria-label']}
            size="small"
            tabIndex={-1}
          />
        )}
      />
    </span>
  )
}
