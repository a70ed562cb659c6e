import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { fireEvent, screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, nextTick, ref } from 'vue'
import { ConfirmDialog } from '../ConfirmDialog.js'

/** A parent holding `open`, as `<ConfirmDialog v-model:open="asking" @confirm="…">`. */
const Asking = defineComponent({
  setup() {
    const open = ref(true)
    const log = ref<string[]>([])
    return () =>
      h('div', [
        h(ConfirmDialog, {
          open: open.value,
          'onUpdate:open': (next: boolean) => (open.value = next),
          title: 'Delete 3 tasks?',
          message: 'This cannot be undone.',
          confirmLabel: 'Delete',
          destructive: true,
          onConfirm: () => log.value.push('confirm'),
          onCancel: () => log.value.push('cancel'),
        }),
        h('output', log.value.join(',')),
      ])
  },
})

describe('<ConfirmDialog> (Vue)', () => {
  it('is an alertdialog described by its message; destructive focuses cancel and colours confirm', async () => {
    mount(Asking, { attachTo: document.body })
    await nextTick()
    const dialog = screen.getByRole('alertdialog', { name: 'Delete 3 tasks?' })
    expect(dialog.getAttribute('aria-describedby')).toBe(
      screen.getByText('This cannot be undone.').parentElement?.id,
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByRole('button', { name: 'Delete' }).hasAttribute('data-danger')).toBe(true)
    expect(screen.getByRole('button', { name: 'Delete' }).dataset.variant).toBe('filled')
  })

  it('emits confirm and stays open; Escape cancels and v-model:open closes it', async () => {
    const user = userEvent.setup()
    mount(Asking, { attachTo: document.body })
    await nextTick()
    const dialog = screen.getByRole('alertdialog', { name: 'Delete 3 tasks?' })
    await user.click(screen.getByRole('button', { name: 'Delete' }))
    expect(screen.getByRole('status').textContent).toBe('confirm')
    expect(dialog.hasAttribute('open')).toBe(true)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    await nextTick()
    expect(screen.getByRole('status').textContent).toBe('confirm,cancel')
    expect(dialog.hasAttribute('open')).toBe(false)
  })

  it('the cancel button and the scrim cancel', async () => {
    const user = userEvent.setup()
    const wrapper = mount(ConfirmDialog, {
      props: { open: true, title: 'Leave?', message: 'Unsaved changes.', confirmLabel: 'Leave' },
      attachTo: document.body,
    })
    await nextTick()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByRole('alertdialog', { name: 'Leave?' }))
    expect(wrapper.emitted('cancel')).toHaveLength(2)
    expect(wrapper.emitted('update:open')).toEqual([[false], [false]])
    expect(wrapper.emitted('confirm')).toBeUndefined()
  })

  it('focuses confirm when not destructive, and takes the cancel label from messages', async () => {
    mount(ConfirmDialog, {
      props: {
        open: true,
        title: 'Publish?',
        message: 'Everyone will see it.',
        confirmLabel: 'Publish',
        messages: { cancel: 'Not now' },
      },
      attachTo: document.body,
    })
    await nextTick()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Publish' }))
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Publish' }).dataset.variant).toBe('text')
  })

  it('takes title and message slots and a cancelLabel', async () => {
    mount(ConfirmDialog, {
      props: { open: true, confirmLabel: 'Archive', cancelLabel: 'Keep' },
      slots: {
        title: () => 'Archive the board?',
        default: () => h('p', 'It moves to the archive.'),
      },
      attachTo: document.body,
    })
    await nextTick()
    const dialog = screen.getByRole('alertdialog', { name: 'Archive the board?' })
    expect(dialog.textContent).toContain('It moves to the archive.')
    expect(screen.getByRole('button', { name: 'Keep' })).toBeTruthy()
  })

  it('refuses an empty confirmLabel with a MetalError naming it', () => {
    expect(() =>
      mount(ConfirmDialog, { props: { open: false, title: 'T', message: 'M', confirmLabel: '' } }),
    ).toThrow(/<ConfirmDialog>.*confirmLabel/)
  })
})
