import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref, shallowRef, type Ref } from 'vue'
import userEvent from '@testing-library/user-event'
import type { PopoverHandle } from '../../../popover/popover.service.js'
import { useAnchoredPopover, type UseAnchoredPopoverOptions } from '../useAnchoredPopover.js'

/** An anchor and a floating list driven by `open`; `handle` is what the composable returns. */
function setup(open: Ref<boolean>, options: () => UseAnchoredPopoverOptions) {
  let handle!: Ref<PopoverHandle | null>
  const wrapper = mount(
    defineComponent({
      setup() {
        const anchor = shallowRef<HTMLElement | null>(null)
        const floating = shallowRef<HTMLElement | null>(null)
        handle = useAnchoredPopover(open, anchor, floating, options)
        return () => [
          h('button', { ref: anchor }, 'Anchor'),
          h('div', { ref: floating, hidden: !open.value }, [h('button', 'Inside')]),
          h('p', 'Outside'),
        ]
      },
    }),
    { attachTo: document.body },
  )
  return { wrapper, handle: () => handle.value }
}

describe('useAnchoredPopover (Vue)', () => {
  it('opens while open is true, calling onOpened with the floating element, and closes after', async () => {
    const open = ref(false)
    const onOpened = vi.fn((el: HTMLElement) => el.querySelector('button')!.focus())
    const { wrapper, handle } = setup(open, () => ({ onOpened }))
    await wrapper.vm.$nextTick()
    expect(handle()).toBeNull()
    open.value = true
    await wrapper.vm.$nextTick()
    expect(handle()).not.toBeNull()
    expect(onOpened).toHaveBeenCalledTimes(1)
    const floating = onOpened.mock.calls[0]![0]
    expect(floating.style.position).toBe('fixed')
    expect(document.activeElement?.textContent).toBe('Inside')
    open.value = false
    await wrapper.vm.$nextTick()
    expect(handle()).toBeNull()
    // Focus was inside: it goes back to the anchor.
    expect(document.activeElement?.textContent).toBe('Anchor')
  })

  it('reports Escape and outside presses to the latest onDismiss, without reopening on new options', async () => {
    const user = userEvent.setup()
    const open = ref(true)
    const calls: string[] = []
    const generation = ref(0)
    const onOpened = vi.fn()
    // The getter reads `generation`, so it runs again with new callbacks and the same settings.
    const { wrapper } = setup(open, () => {
      const g = generation.value
      return { matchWidth: g > 5, onOpened, onDismiss: (reason) => calls.push(`${g}:${reason}`) }
    })
    await wrapper.vm.$nextTick()
    generation.value = 1
    await wrapper.vm.$nextTick()
    await user.click(wrapper.element.ownerDocument.querySelector('p')!)
    await user.click(wrapper.element.ownerDocument.querySelectorAll('button')[1]!)
    await user.keyboard('{Escape}')
    expect(calls).toEqual(['1:outside', '1:escape'])
    expect(onOpened).toHaveBeenCalledTimes(1)
  })

  it('closes when the component unmounts', async () => {
    const open = ref(true)
    const { wrapper, handle } = setup(open, () => ({}))
    await wrapper.vm.$nextTick()
    const h1 = handle()!
    const close = vi.spyOn(h1, 'close')
    wrapper.unmount()
    expect(close).toHaveBeenCalled()
  })

  it('refuses a bad placement with the service error', async () => {
    const open = ref(false)
    const { wrapper } = setup(open, () => ({ placement: 'middle' as never }))
    open.value = true
    await expect(wrapper.vm.$nextTick()).rejects.toThrow(/openPopover: placement/)
  })
})
