import { useLayoutEffect, useRef, type RefObject } from 'react'
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
 * much, before paint, so that row stays put, and reports the arrivals (`ROWS_ADDED_ABOVE`) for
 * the "N new rows" pill. The focused cell follows its row. A new sort, filter or page
 * (`viewKey`) is a different view: nothing is anchored across it.
 */
export function useScrollAnchor({
  bodyRef,
  rowIds,
  viewKey,
  virtual,
  rowHeight,
  focus,
  send,
}: {
  bodyRef: RefObject<HTMLElement | null>
  rowIds: readonly string[]
  viewKey: string
  virtual: boolean
  rowHeight: number
  focus: DataTableFocus
  send: (event: DataTableEvent) => void
}): void {
  const shown = useRef({ key: viewKey, rowIds })
  const { row: focusRow, col: focusCol } = focus
  useLayoutEffect(() => {
    const before = shown.current
    shown.current = { key: viewKey, rowIds }
    const body = bodyRef.current
    if (!body || before.key !== viewKey || before.rowIds === rowIds) return
    const focusedId = focusRow > 0 ? before.rowIds[focusRow - 1] : undefined
    const movedTo = focusedId === undefined ? -1 : rowIds.indexOf(focusedId)
    if (movedTo !== -1 && movedTo + 1 !== focusRow) {
      send({ type: 'FOCUS_CELL', row: movedTo + 1, col: focusCol })
    }
    const height = measuredRowHeight(body, virtual, rowHeight)
    const anchor = getScrollAnchor(before.rowIds, body.scrollTop, height)
    if (!anchor) return
    const { scrollTop, added } = getAnchoredScroll(anchor, before.rowIds, rowIds, height)
    if (scrollTop !== body.scrollTop) body.scrollTop = scrollTop
    if (added > 0) send({ type: 'ROWS_ADDED_ABOVE', count: added })
  }, [bodyRef, rowIds, viewKey, virtual, rowHeight, send, focusRow, focusCol])
}
