import type { connectDataTable } from '../../data-table/dataTable.connect.js'

/**
 * A column's resize handle: dragging it reports the new width as the pointer moves (mirrored
 * right to left). Its ARIA comes from `getResizeHandleProps`.
 */
export function ResizeHandle({
  props,
  width,
  onResize,
}: {
  props: ReturnType<ReturnType<typeof connectDataTable>['getResizeHandleProps']>
  width: number
  onResize: (width: number) => void
}) {
  return (
    <div
      {...props}
      onPointerDown={(event) => {
        event.preventDefault()
        event.stopPropagation()
        const startX = event.clientX
        // Right to left, the column's end edge is its left one: dragging left widens it.
        const sign = getComputedStyle(event.currentTarget).direction === 'rtl' ? -1 : 1
        const move = (e: PointerEvent) => onResize(width + sign * (e.clientX - startX))
        const up = () => {
          window.removeEventListener('pointermove', move)
          window.removeEventListener('pointerup', up)
        }
        window.addEventListener('pointermove', move)
        window.addEventListener('pointerup', up)
      }}
    />
  )
}
