import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, ref } from 'vue'
import { MetalError } from '@metal/core'
import { Chip } from '../Chip.js'
import { MetalUiProvider } from '../../provider/MetalUiProvider.js'

describe('<Chip> (Vue)', () => {
  it('a filter chip toggles aria-pressed and shows a check', async () => {
    const user = userEvent.setup()
    const Filter = defineComponent({
      setup() {
        const on = ref(false)
        return () =>
          h(Chip, { label: 'Mine', selected: on.value, onClick: () => (on.value = !on.value) })
      },
    })
    mount(Filter, { attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Mine' })
    expect(button.getAttribute('aria-pressed')).toBe('false')
    expect(button.querySelector('[data-icon="check"]')).toBeNull()
    await user.click(button)
    expect(button.getAttribute('aria-pressed')).toBe('true')
    expect(button.querySelector('[data-icon="check"]')).not.toBeNull()
    expect(button.closest('[data-part="root"]')?.getAttribute('data-kind')).toBe('filter')
    expect(button.closest('[data-part="root"]')?.hasAttribute('data-selected')).toBe(true)
  })

  it('an assist chip is a button calling @click, from the keyboard too', async () => {
    const user = userEvent.setup()
    const onClick = vi.fn()
    mount(Chip, { props: { label: 'Share', icon: 'add', onClick }, attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Share' })
    expect(button.hasAttribute('aria-pressed')).toBe(false)
    expect(button.querySelector('[data-icon="add"]')).not.toBeNull()
    await user.tab()
    await user.keyboard('{Enter}')
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('a removable chip has a labelled remove button; Backspace on an interactive chip removes it', async () => {
    const user = userEvent.setup()
    const onRemove = vi.fn()
    mount(Chip, { props: { label: 'Ada', onRemove }, attachTo: document.body })
    await user.click(screen.getByRole('button', { name: 'Remove Ada' }))
    expect(onRemove).toHaveBeenCalledTimes(1)
    expect(screen.getAllByRole('button')).toHaveLength(1)

    const both = vi.fn()
    mount(Chip, {
      props: { label: 'Bob', onClick: () => {}, onRemove: both },
      attachTo: document.body,
    })
    screen.getByRole('button', { name: 'Bob' }).focus()
    await user.keyboard('{Backspace}')
    expect(both).toHaveBeenCalledTimes(1)
  })

  it('a plain chip is no button; class and attributes land on its root', () => {
    mount(Chip, {
      props: { label: 'Value' },
      attrs: { class: 'extra', 'data-testid': 'chip' },
      attachTo: document.body,
    })
    expect(screen.queryByRole('button')).toBeNull()
    const root = screen.getByTestId('chip')
    expect(root.classList.contains('extra')).toBe(true)
    expect(root.dataset.kind).toBe('input')
  })

  it('a disabled chip does not call back', async () => {
    const user = userEvent.setup()
    const onClick = vi.fn()
    const onRemove = vi.fn()
    mount(Chip, {
      props: { label: 'Off', onClick, onRemove, disabled: true },
      attachTo: document.body,
    })
    await user.click(screen.getByRole('button', { name: 'Off' }))
    await user.click(screen.getByRole('button', { name: 'Remove Off' }))
    expect(onClick).not.toHaveBeenCalled()
    expect(onRemove).not.toHaveBeenCalled()
  })

  it('takes its remove words from the messages prop or the provider', () => {
    mount(
      () =>
        h(
          MetalUiProvider,
          { messages: { chips: { remove: (l: string) => `Enlever ${l}` } } },
          () => [
            h(Chip, { label: 'A', onRemove: () => {} }),
            h(Chip, {
              label: 'B',
              onRemove: () => {},
              messages: { remove: (l: string) => `Drop ${l}` },
            }),
          ],
        ),
      { attachTo: document.body },
    )
    expect(screen.getByRole('button', { name: 'Enlever A' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Drop B' })).toBeTruthy()
  })

  it('refuses an empty label and an unknown icon with MetalErrors', () => {
    expect(() => mount(Chip, { props: { label: '' } })).toThrow(MetalError)
    expect(() => mount(Chip, { props: { label: 'x', icon: 'nope' as never } })).toThrow(
      /icon.*nope/,
    )
  })
})
