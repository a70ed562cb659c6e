import type { connectDataTable } from '../../data-table/dataTable.connect.js'

/** A column's resize handle: dragging it reports the new width as the pointer moves. */
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
        const move = (e: PointerEvent) => onResize(width + e.clientX - startX)
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
