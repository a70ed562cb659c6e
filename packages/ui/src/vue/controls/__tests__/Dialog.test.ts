import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { fireEvent, screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, nextTick, ref } from 'vue'
import { MetalError } from '@metal/core'
import type { DialogCloseReason } from '../../../controls/dialog/dialog.types.js'
import { Button } from '../Button.js'
import { Dialog } from '../Dialog.js'

/** A parent that opens the dialog and holds `open`, as `<Dialog v-model:open="open" @close>`. */
const Opener = defineComponent({
  props: { onReason: { type: Function, default: undefined } },
  setup(props) {
    const open = ref(false)
    return () =>
      h('div', [
        h(Button, { onClick: () => (open.value = true) }, () => 'Rename'),
        h(
          Dialog,
          {
            open: open.value,
            title: 'Rename task',
            'onUpdate:open': (next: boolean) => (open.value = next),
            onClose: (reason: DialogCloseReason) => props.onReason?.(reason),
          },
          {
            default: () => h('input', { 'aria-label': 'Name' }),
            actions: ({ close }: { close: () => void }) => [
              h(Button, { variant: 'text', onClick: () => (open.value = false) }, () => 'Done'),
              h(Button, { variant: 'text', onClick: () => close() }, () => 'Close'),
            ],
          },
        ),
      ])
  },
})

describe('<Dialog> (Vue)', () => {
  it('opens labelled by its title, focuses the first focusable, returns focus on close', async () => {
    const user = userEvent.setup()
    mount(Opener, { attachTo: document.body })
    const opener = screen.getByRole('button', { name: 'Rename' })
    await user.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Rename task' })
    expect(dialog.hasAttribute('open')).toBe(true)
    expect(dialog.dataset.state).toBe('open')
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
    await user.click(screen.getByRole('button', { name: 'Done' }))
    expect(dialog.hasAttribute('open')).toBe(false)
    expect(dialog.dataset.state).toBe('closed')
    expect(document.activeElement).toBe(opener)
  })

  it('asks to close with the reason: Escape, then a scrim click, then an action through the slot', async () => {
    const user = userEvent.setup()
    const onReason = vi.fn()
    mount(Opener, { props: { onReason }, attachTo: document.body })
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    await user.keyboard('{Escape}')
    expect(onReason).toHaveBeenLastCalledWith('escape')
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(false)

    await user.click(screen.getByRole('button', { name: 'Rename' }))
    const dialog = screen.getByRole('dialog', { name: 'Rename task' })
    fireEvent.click(screen.getByRole('textbox', { name: 'Name' }))
    expect(onReason).toHaveBeenCalledTimes(1)
    fireEvent.click(dialog)
    expect(onReason).toHaveBeenLastCalledWith('scrim')
    await nextTick()
    expect(dialog.hasAttribute('open')).toBe(false)

    await user.click(screen.getByRole('button', { name: 'Rename' }))
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(onReason).toHaveBeenLastCalledWith('action')
    expect(dialog.hasAttribute('open')).toBe(false)
  })

  it('stays open when the parent ignores the close request, and a scrim click does nothing with closeOnScrim off', async () => {
    const wrapper = mount(Dialog, {
      props: { open: true, title: 'Sticky', closeOnScrim: false },
      slots: { default: () => 'Text' },
      attachTo: document.body,
    })
    const dialog = screen.getByRole('dialog', { name: 'Sticky' })
    fireEvent.click(dialog)
    expect(wrapper.emitted('close')).toBeUndefined()
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(wrapper.emitted('close')).toEqual([['escape']])
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    await nextTick()
    expect(dialog.hasAttribute('open')).toBe(true)
  })

  it('tells the caller when the browser closes it on its own', async () => {
    const wrapper = mount(Dialog, {
      props: { open: true, title: 'Native' },
      attachTo: document.body,
    })
    const dialog = screen.getByRole<HTMLDialogElement>('dialog', { name: 'Native' })
    dialog.close()
    expect(wrapper.emitted('close')).toEqual([['escape']])
  })

  it('closes and gives focus back when unmounted while open, without asking to close', async () => {
    const opener = document.createElement('button')
    document.body.append(opener)
    opener.focus()
    const wrapper = mount(Dialog, {
      props: { open: true, title: 'Gone' },
      slots: { default: () => h('button', 'Inside') },
      attachTo: document.body,
    })
    await nextTick()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Inside' }))
    const emitted = wrapper.emitted()
    wrapper.unmount()
    expect(document.activeElement).toBe(opener)
    expect(emitted.close).toBeUndefined()
    opener.remove()
  })

  it('takes a title slot, an id, class and attributes, and focuses data-initial-focus', async () => {
    mount(Dialog, {
      props: { open: true, id: 'rename', role: 'alertdialog' },
      attrs: { class: 'wide', 'data-testid': 'dlg' },
      slots: {
        title: () => h('em', 'Really?'),
        default: () => [h('button', 'First'), h('button', { 'data-initial-focus': '' }, 'Second')],
      },
      attachTo: document.body,
    })
    await nextTick()
    const dialog = screen.getByRole('alertdialog', { name: 'Really?' })
    expect(dialog.id).toBe('rename')
    expect(dialog.classList.contains('wide')).toBe(true)
    expect(dialog.dataset.testid).toBe('dlg')
    expect(dialog.getAttribute('aria-describedby')).toBe('rename-content')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Second' }))
  })

  it('falls back to the open attribute where showModal is missing', () => {
    const showModal = HTMLDialogElement.prototype.showModal
    // @ts-expect-error: removed to stand for a DOM without modal dialogs
    delete HTMLDialogElement.prototype.showModal
    try {
      mount(Dialog, {
        props: { open: true, title: 'Plain' },
        slots: { default: () => 'Text' },
        attachTo: document.body,
      })
      expect(screen.getByRole('dialog', { name: 'Plain' }).hasAttribute('open')).toBe(true)
    } finally {
      HTMLDialogElement.prototype.showModal = showModal
    }
  })

  it('refuses a missing title and an unknown role with MetalErrors', () => {
    expect(() => mount(Dialog, { props: { open: false } })).toThrow(/<Dialog>.*title/)
    expect(() =>
      mount(Dialog, { props: { open: false, title: 'T', role: 'menu' as never } }),
    ).toThrow(MetalError)
  })
})
