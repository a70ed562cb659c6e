import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, ref } from 'vue'
import { MetalError } from '@metal/core'
import { Checkbox } from '../Checkbox.js'

/** A parent holding the value, as `<Checkbox v-model="checked" :indeterminate="some">`. */
const Controlled = defineComponent({
  props: { initial: Boolean, indeterminate: Boolean },
  setup(props) {
    const checked = ref(props.initial)
    const some = ref(props.indeterminate)
    return () =>
      h('div', [
        h(Checkbox, {
          modelValue: checked.value,
          indeterminate: some.value,
          'onUpdate:modelValue': (next: boolean) => {
            checked.value = next
            some.value = false
          },
          label: 'Done',
        }),
        h('output', { 'data-testid': 'value' }, String(checked.value)),
      ])
  },
})

describe('<Checkbox> (Vue)', () => {
  it('is a native checkbox named by its visible label; v-model round-trips clicks on the label and the box', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Done' })
    expect(box.checked).toBe(false)
    await user.click(screen.getByText('Done'))
    expect(box.checked).toBe(true)
    expect(screen.getByTestId('value').textContent).toBe('true')
    await user.click(box)
    expect(box.checked).toBe(false)
    expect(screen.getByTestId('value').textContent).toBe('false')
  })

  it('toggles with Space from the keyboard', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Done' })
    await user.tab()
    expect(document.activeElement).toBe(box)
    await user.keyboard(' ')
    expect(box.checked).toBe(true)
    expect(box.closest('label')?.dataset.state).toBe('checked')
  })

  it('sets the indeterminate property, and a click checks it', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Checkbox, {
      props: { modelValue: false, indeterminate: true, ariaLabel: 'Select all' },
      attachTo: document.body,
    })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select all' })
    expect(box.indeterminate).toBe(true)
    expect(box.closest('label')?.dataset.state).toBe('indeterminate')
    await user.click(box)
    expect(wrapper.emitted('update:modelValue')).toEqual([[true]])
  })

  it('keeps the indeterminate property and the value after a click the parent ignores', async () => {
    const user = userEvent.setup()
    mount(Checkbox, {
      props: { modelValue: false, indeterminate: true, ariaLabel: 'All' },
      attachTo: document.body,
    })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'All' })
    await user.click(box)
    expect(box.indeterminate).toBe(true)
    expect(box.checked).toBe(false)
  })

  it('sets indeterminate again when the parent turns it back on after a click', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Checkbox, {
      props: {
        modelValue: false,
        indeterminate: true,
        ariaLabel: 'All',
        'onUpdate:modelValue': (next: boolean) =>
          wrapper.setProps({ modelValue: next, indeterminate: false }),
      },
      attachTo: document.body,
    })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'All' })
    await user.click(box)
    expect(box.indeterminate).toBe(false)
    expect(box.checked).toBe(true)
    await wrapper.setProps({ indeterminate: true })
    expect(box.indeterminate).toBe(true)
    expect(box.closest('label')?.dataset.state).toBe('indeterminate')
  })

  it('passes id, name, tabIndex, required and invalid to the native input; class and attributes to the root', () => {
    mount(Checkbox, {
      props: {
        modelValue: true,
        ariaLabel: 'Agree',
        id: 'agree',
        name: 'agree',
        tabIndex: -1,
        required: true,
        invalid: true,
      },
      attrs: { class: 'extra', 'data-testid': 'root' },
      attachTo: document.body,
    })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Agree' })
    expect(box.id).toBe('agree')
    expect(box.getAttribute('name')).toBe('agree')
    expect(box.tabIndex).toBe(-1)
    expect(box.required).toBe(true)
    expect(box.checked).toBe(true)
    expect(box.getAttribute('aria-invalid')).toBe('true')
    const root = screen.getByTestId('root')
    expect(root.tagName).toBe('LABEL')
    expect(root.classList.contains('extra')).toBe(true)
    expect(root.dataset.invalid).toBe('')
    expect(root.dataset.scope).toBe('checkbox')
  })

  it('is named by aria-labelledby, and a label slot replaces the label prop', () => {
    mount(
      () =>
        h('div', [
          h('span', { id: 'lbl' }, 'Elsewhere'),
          h(Checkbox, { modelValue: false, ariaLabelledby: 'lbl' }),
          h(Checkbox, { modelValue: false }, { label: () => h('b', 'Bold label') }),
        ]),
      { attachTo: document.body },
    )
    expect(screen.getByRole('checkbox', { name: 'Elsewhere' })).toBeTruthy()
    expect(screen.getByRole('checkbox', { name: 'Bold label' })).toBeTruthy()
    expect(screen.getByText('Bold label').parentElement?.dataset.part).toBe('label')
  })

  it('does not emit when disabled', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Checkbox, {
      props: { modelValue: false, disabled: true, label: 'Off' },
      attachTo: document.body,
    })
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Off' })
    expect(box.disabled).toBe(true)
    await user.click(box)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('refuses a modelValue that is not a boolean with a MetalError naming it', () => {
    expect(() => mount(Checkbox, { props: { modelValue: 'yes' as never } })).toThrow(MetalError)
    expect(() => mount(Checkbox, { props: { modelValue: 'yes' as never } })).toThrow(/checked.*yes/)
  })
})
