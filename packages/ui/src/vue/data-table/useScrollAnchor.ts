import { watch, type Ref } from 'vue'
import { getAnchoredScroll, getScrollAnchor } from '../../data-table/dataTable.scroll.js'
import type { DataTableEvent, DataTableFocus } from '../../data-table/dataTable.types.js'

/** Height of a row as laid out (virtualized rows have the given one; jsdom lays out none). */
function measuredRowHeight(body: HTMLElement, virtual: boolean, rowHeight: number): number {
  if (virtual) return rowHeight
  const row = body.querySelector<HTMLElement>('[data-part="row"]')
  return row?.getBoundingClientRect().height || rowHeight
}

/**
 * Live rows: when rows arrive or leave above the row in view, moves the scroll position by as
 * much once the DOM is updated (before paint), so that row stays put, and reports the arrivals
 * (`ROWS_ADDED_ABOVE`) for the "N new rows" pill. The focused cell follows its row. A new sort,
 * filter or page (`viewKey`) is a different view: nothing is anchored across it.
 */
export function useScrollAnchor(options: {
  body: Readonly<Ref<HTMLElement | null>>
  rowIds: () => readonly string[]
  viewKey: () => string
  virtual: () => boolean
  rowHeight: () => number
  focus: () => DataTableFocus
  send: (event: DataTableEvent) => void
}): void {
  const { body, send } = options
  watch(
    () => [options.rowIds(), options.viewKey()] as const,
    ([rowIds, viewKey], old) => {
      const [beforeIds, beforeKey] = old ?? [rowIds, viewKey]
      const element = body.value
      if (!element || beforeKey !== viewKey || beforeIds === rowIds) return
      const focus = options.focus()
      const focusedId = focus.row > 0 ? beforeIds[focus.row - 1] : undefined
      const movedTo = focusedId === undefined ? -1 : rowIds.indexOf(focusedId)
      if (movedTo !== -1 && movedTo + 1 !== focus.row) {
        send({ type: 'FOCUS_CELL', row: movedTo + 1, col: focus.col })
      }
      const height = measuredRowHeight(element, options.virtual(), options.rowHeight())
      const anchor = getScrollAnchor(beforeIds, element.scrollTop, height)
      if (!anchor) return
      const { scrollTop, added } = getAnchoredScroll(anchor, beforeIds, rowIds, height)
      if (scrollTop !== element.scrollTop) element.scrollTop = scrollTop
      if (added > 0) send({ type: 'ROWS_ADDED_ABOVE', count: added })
    },
    { flush: 'post' },
  )
}
