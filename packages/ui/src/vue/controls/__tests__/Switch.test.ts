import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, ref } from 'vue'
import { MetalError } from '@metal/core'
import { Switch } from '../Switch.js'

/** A parent holding the value, as `<Switch v-model="on" label="Live updates" icons />`. */
const Controlled = defineComponent({
  setup() {
    const on = ref(false)
    return () =>
      h('div', [
        h(Switch, {
          modelValue: on.value,
          'onUpdate:modelValue': (next: boolean) => (on.value = next),
          label: 'Live updates',
          icons: true,
        }),
        h('output', { 'data-testid': 'value' }, String(on.value)),
      ])
  },
})

describe('<Switch> (Vue)', () => {
  it('is a switch named by its label; v-model round-trips a click on the label', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body })
    const control = screen.getByRole<HTMLInputElement>('switch', { name: 'Live updates' })
    expect(control.checked).toBe(false)
    const handle = control.parentElement?.querySelector('[data-part="handle"]')
    expect(handle?.getAttribute('aria-hidden')).toBe('true')
    expect(handle?.querySelector('svg')?.dataset.icon).toBe('close')
    await user.click(screen.getByText('Live updates'))
    expect(control.checked).toBe(true)
    expect(screen.getByTestId('value').textContent).toBe('true')
    expect(handle?.getAttribute('data-state')).toBe('on')
    expect(handle?.querySelector('svg')?.dataset.icon).toBe('check')
  })

  it('flips with Space from the keyboard and back', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body })
    const control = screen.getByRole<HTMLInputElement>('switch', { name: 'Live updates' })
    await user.tab()
    expect(document.activeElement).toBe(control)
    await user.keyboard(' ')
    expect(control.checked).toBe(true)
    await user.keyboard(' ')
    expect(control.checked).toBe(false)
    expect(screen.getByTestId('value').textContent).toBe('false')
  })

  it('stays as the parent says when the parent ignores a flip', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Switch, {
      props: { modelValue: false, ariaLabel: 'Sync' },
      attachTo: document.body,
    })
    const control = screen.getByRole<HTMLInputElement>('switch', { name: 'Sync' })
    await user.click(control)
    expect(wrapper.emitted('update:modelValue')).toEqual([[true]])
    expect(control.checked).toBe(false)
    expect(control.closest('label')?.dataset.state).toBe('off')
  })

  it('passes id and name to the input, class and attributes to the root, and has no icon by default', () => {
    mount(Switch, {
      props: { modelValue: true, ariaLabel: 'Sync', id: 'sync', name: 'sync' },
      attrs: { class: 'extra', 'data-testid': 'root' },
      attachTo: document.body,
    })
    const control = screen.getByRole<HTMLInputElement>('switch', { name: 'Sync' })
    expect(control.id).toBe('sync')
    expect(control.getAttribute('name')).toBe('sync')
    const root = screen.getByTestId('root')
    expect(root.classList.contains('extra')).toBe(true)
    expect(root.dataset.scope).toBe('switch')
    expect(root.dataset.state).toBe('on')
    expect(root.querySelector('svg')).toBeNull()
  })

  it('takes its label from the label slot', () => {
    mount(Switch, {
      props: { modelValue: false },
      slots: { label: () => h('em', 'Dark mode') },
      attachTo: document.body,
    })
    expect(screen.getByRole('switch', { name: 'Dark mode' })).toBeTruthy()
  })

  it('does not emit when disabled', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Switch, {
      props: { modelValue: true, disabled: true, ariaLabel: 'Sync' },
      attachTo: document.body,
    })
    const control = screen.getByRole<HTMLInputElement>('switch', { name: 'Sync' })
    expect(control.disabled).toBe(true)
    await user.click(control)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('refuses a modelValue that is not a boolean with a MetalError naming it', () => {
    expect(() => mount(Switch, { props: { modelValue: 1 as never } })).toThrow(MetalError)
  })
})
