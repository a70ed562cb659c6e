import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref, shallowRef } from 'vue'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { Popover } from '../Popover.js'

/** A button that toggles a filter panel, the panel's `open` held by the parent (`v-model:open`). */
const Panel = defineComponent({
  setup() {
    const open = ref(false)
    const anchor = shallowRef<HTMLButtonElement | null>(null)
    return () => [
      h(
        'button',
        {
          type: 'button',
          ref: (el) => (anchor.value = el as HTMLButtonElement | null),
          'aria-expanded': open.value,
          onClick: () => (open.value = !open.value),
        },
        'Filters',
      ),
      h(
        Popover,
        {
          open: open.value,
          'onUpdate:open': (value: boolean) => (open.value = value),
          anchor: anchor.value,
          label: 'Filter rows',
        },
        () => [h('label', ['Name ', h('input')]), h('button', { type: 'button' }, 'Apply')],
      ),
      h('p', 'Outside'),
    ]
  },
})

describe('<Popover> (Vue)', () => {
  it('opens a labelled dialog with focus on its first field; Escape closes, focus returns', async () => {
    const user = userEvent.setup()
    mount(Panel, { attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Filters' })
    expect(screen.queryByRole('dialog')).toBeNull()
    await user.click(button)
    expect(screen.getByRole('dialog', { name: 'Filter rows' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('closes on a press outside; the anchor toggles it', async () => {
    const user = userEvent.setup()
    mount(Panel, { attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Filters' })
    await user.click(button)
    await user.click(screen.getByText('Outside'))
    expect(screen.queryByRole('dialog')).toBeNull()
    await user.click(button)
    expect(screen.getByRole('dialog')).toBeTruthy()
    await user.click(button)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('focuses the panel itself with initialFocus "content", and passes class to the panel', async () => {
    const anchor = document.createElement('button')
    document.body.append(anchor)
    const wrapper = mount(Popover, {
      attachTo: document.body,
      props: { open: true, anchor, label: 'Columns', initialFocus: 'content' },
      attrs: { class: 'wide' },
      slots: { default: () => h('button', 'Inside') },
    })
    await wrapper.vm.$nextTick()
    const dialog = screen.getByRole('dialog', { name: 'Columns' })
    expect(document.activeElement).toBe(dialog)
    expect(dialog.classList.contains('wide')).toBe(true)
    expect(dialog.getAttribute('data-state')).toBe('open')
    anchor.remove()
  })

  it('focuses the element an initialFocus function returns when it opens', async () => {
    const anchor = document.createElement('button')
    document.body.append(anchor)
    const apply = shallowRef<HTMLButtonElement | null>(null)
    const wrapper = mount(Popover, {
      attachTo: document.body,
      props: { open: false, anchor, label: 'Columns', initialFocus: () => apply.value },
      slots: {
        default: () => [
          h('input'),
          h('button', { ref: (el) => (apply.value = el as HTMLButtonElement | null) }, 'Apply'),
        ],
      },
    })
    await wrapper.setProps({ open: true })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Apply' }))
    anchor.remove()
  })

  it('asks to close when it is opened against an anchor no longer in the document', async () => {
    const anchor = document.createElement('button')
    document.body.append(anchor)
    const wrapper = mount(Popover, {
      attachTo: document.body,
      props: { open: false, anchor, label: 'Columns' },
    })
    anchor.remove()
    await wrapper.setProps({ open: true })
    expect(wrapper.emitted('update:open')).toEqual([[false]])
  })

  it('refuses an empty label', () => {
    expect(() => mount(Popover, { props: { open: false, anchor: null, label: '' } })).toThrow(
      /<Popover>: label must be a non-empty string/,
    )
  })
})
