import { defineComponent, h, type PropType } from 'vue'

/**
 * A column's resize handle: dragging it reports the new width as the pointer moves (mirrored
 * right to left). Its ARIA comes from `getResizeHandleProps`, spread as attributes.
 */
export const ResizeHandle = defineComponent({
  name: 'MetalDataTableResizeHandle',
  props: {
    /** The column's width when the drag starts. */
    width: { type: Number, required: true },
    /** Called with the new width as the pointer moves. */
    onResize: { type: Function as PropType<(width: number) => void>, required: true },
  },
  setup(props) {
    return () =>
      h('div', {
        onPointerdown: (event: PointerEvent) => {
          event.preventDefault()
          event.stopPropagation()
          const startX = event.clientX
          const start = props.width
          // Right to left, the column's end edge is its left one: dragging left widens it.
          const target = event.currentTarget as HTMLElement
          const sign = getComputedStyle(target).direction === 'rtl' ? -1 : 1
          const move = (e: PointerEvent) => props.onResize(start + sign * (e.clientX - startX))
          const up = () => {
            window.removeEventListener('pointermove', move)
            window.removeEventListener('pointerup', up)
          }
          window.addEventListener('pointermove', move)
          window.addEventListener('pointerup', up)
        },
      })
  },
})
