import { defineComponent, h, watch, type PropType } from 'vue'
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
export const ColumnMenu = defineComponent({
  name: 'MetalDataTableColumnMenu',
  props: {
    api: { type: Object as PropType<DataTableApi<unknown>>, required: true },
    column: { type: Object as PropType<ResolvedColumn<unknown>>, required: true },
  },
  setup(props) {
    let trigger: HTMLElement | null = null
    watch(
      () => props.api.state.columnMenu === props.column.id,
      (requested) => {
        if (!requested) return
        props.api.send({ type: 'CLOSE_COLUMN_MENU' })
        trigger?.click()
      },
      { flush: 'post', immediate: true },
    )
    const stop = (event: Event) => event.stopPropagation()
    return () => {
      const { api, column } = props
      const { state, send, messages } = api
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
      const label = api.getColumnMenuTriggerProps(column.id)['aria-label']
      // The menu lives inside the header cell: its clicks must not sort, its keys not move focus.
      return h(
        'span',
        {
          'data-scope': 'data-table',
          'data-part': 'column-menu',
          onClick: stop,
          onKeydown: stop,
          onDblclick: stop,
        },
        [
          h(
            Menu,
            { label, items, placement: 'bottom-end' },
            {
              trigger: (menuTrigger: Record<string, unknown>) =>
                h(IconButton, {
                  ...menuTrigger,
                  ref: (c: unknown) => {
                    trigger = ((c as { $el?: HTMLElement } | null)?.$el ??
                      null) as HTMLElement | null
                  },
                  'data-scope': 'data-table',
                  'data-part': 'column-menu-trigger',
                  icon: 'moreVert',
                  label,
                  size: 'small',
                  tabindex: -1,
                }),
            },
          ),
        ],
      )
    }
  },
})
