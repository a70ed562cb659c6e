import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import { Select } from '../Select.js'
import { description } from './fieldTestUtils.js'

const options = [
  { value: 'todo', label: 'To do' },
  { value: 'doing', label: 'Doing' },
  { value: 'done', label: 'Done' },
  { value: 'dropped', label: 'Dropped', disabled: true },
]

/** A parent that holds the value and binds it with v-model; `onChange` sees every pick. */
function controlled(onChange: (v: string) => void = vi.fn()) {
  return defineComponent({
    setup() {
      const value = ref<string | null>(null)
      return () =>
        h(Select, {
          label: 'Status',
          modelValue: value.value,
          options,
          name: 'status',
          'onUpdate:modelValue': (v: string) => {
            value.value = v
            onChange(v)
          },
        })
    },
  })
}

describe('<Select> (Vue)', () => {
  it('renders no native select: a combobox button and a listbox of options', () => {
    mount(controlled(), { attachTo: document.body })
    expect(document.querySelector('select')).toBeNull()
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(combo.tagName).toBe('BUTTON')
    expect(combo.getAttribute('aria-expanded')).toBe('false')
    expect(combo.getAttribute('aria-haspopup')).toBe('listbox')
  })

  it('opens on click, picks with a click, shows the label and a check', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(controlled(onChange), { attachTo: document.body })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.click(combo)
    expect(combo.getAttribute('aria-expanded')).toBe('true')
    await user.click(screen.getByRole('option', { name: 'Doing' }))
    expect(onChange).toHaveBeenCalledWith('doing')
    expect(combo.textContent).toBe('Doing')
    expect(combo.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(combo)
    expect(
      (document.querySelector('input[type="hidden"][name="status"]') as HTMLInputElement).value,
    ).toBe('doing')
    await user.keyboard('{ArrowDown}')
    const selected = screen.getByRole('option', { name: 'Doing' })
    expect(selected.getAttribute('aria-selected')).toBe('true')
    expect(selected.querySelector('[data-icon="check"]')).not.toBeNull()
    expect(combo.getAttribute('aria-activedescendant')).toBe(selected.id)
  })

  it('is driven from the keyboard: arrows, typeahead, Enter, Escape', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(controlled(onChange), { attachTo: document.body })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.tab()
    expect(document.activeElement).toBe(combo)
    await user.keyboard('{ArrowDown}')
    expect(combo.getAttribute('aria-activedescendant')).toBe(
      screen.getByRole('option', { name: 'To do' }).id,
    )
    await user.keyboard('{End}')
    expect(combo.getAttribute('aria-activedescendant')).toBe(
      screen.getByRole('option', { name: 'Done' }).id,
    )
    await user.keyboard('{Escape}')
    expect(combo.getAttribute('aria-expanded')).toBe('false')
    expect(onChange).not.toHaveBeenCalled()
    await user.keyboard('do')
    expect(combo.getAttribute('aria-activedescendant')).toBe(
      screen.getByRole('option', { name: 'Doing' }).id,
    )
    await user.keyboard('{Enter}')
    expect(onChange).toHaveBeenCalledWith('doing')
    expect(combo.textContent).toBe('Doing')
  })

  it('does not pick a disabled option', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(controlled(onChange), { attachTo: document.body })
    await user.click(screen.getByRole('combobox', { name: 'Status' }))
    const dropped = screen.getByRole('option', { name: 'Dropped' })
    expect(dropped.getAttribute('aria-disabled')).toBe('true')
    await user.click(dropped)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('closes on a press outside', async () => {
    const user = userEvent.setup()
    mount(defineComponent({ setup: () => () => [h(controlled()), h('p', 'Elsewhere')] }), {
      attachTo: document.body,
    })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.click(combo)
    expect(combo.getAttribute('aria-expanded')).toBe('true')
    await user.click(screen.getByText('Elsewhere'))
    expect(combo.getAttribute('aria-expanded')).toBe('false')
  })

  it('shows a new modelValue from the parent', async () => {
    const wrapper = mount(Select, {
      attachTo: document.body,
      props: { label: 'Status', options, modelValue: 'todo' },
    })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(combo.textContent).toBe('To do')
    await wrapper.setProps({ modelValue: 'done' })
    expect(combo.textContent).toBe('Done')
    await wrapper.setProps({ modelValue: null })
    expect(combo.hasAttribute('data-placeholder')).toBe(true)
  })

  it('keeps its own value when no v-model is bound, still emitting update:modelValue', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Select, {
      attachTo: document.body,
      props: { label: 'Status', options, name: 'status' },
    })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.click(combo)
    await user.click(screen.getByRole('option', { name: 'Done' }))
    expect(combo.textContent).toBe('Done')
    expect((document.querySelector('input[name="status"]') as HTMLInputElement).value).toBe('done')
    expect(wrapper.emitted('update:modelValue')).toEqual([['done']])
  })

  it('shows the error instead of the supporting text, with aria-invalid', async () => {
    const wrapper = mount(Select, {
      attachTo: document.body,
      props: { label: 'Status', options, supportingText: 'Where it stands', required: true },
    })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(description(combo)).toBe('Where it stands')
    expect(combo.getAttribute('aria-required')).toBe('true')
    await wrapper.setProps({ error: 'Pick a status' })
    expect(combo.getAttribute('aria-invalid')).toBe('true')
    expect(description(combo)).toBe('Pick a status')
  })

  it('does not open when disabled', async () => {
    const user = userEvent.setup()
    mount(Select, {
      attachTo: document.body,
      props: { label: 'Status', options, disabled: true },
    })
    const combo = screen.getByRole('combobox', { name: 'Status' }) as HTMLButtonElement
    expect(combo.disabled).toBe(true)
    await user.click(combo)
    expect(combo.getAttribute('aria-expanded')).toBe('false')
  })

  it('refuses options that are not a list of options', () => {
    expect(() => mount(Select, { props: { label: 'X', options: 'todo' as never } })).toThrow(
      MetalError,
    )
    expect(() =>
      mount(Select, { props: { label: 'X', options: [{ value: 1 }] as never } }),
    ).toThrow(/connectSelect/)
  })
})

describe('<Select> ids (Vue)', () => {
  it('gives the trigger the caller id, labelled by the label; focus() focuses it', () => {
    const wrapper = mount(Select, {
      attachTo: document.body,
      props: { id: 'status', label: 'Status', options },
    })
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(combo.id).toBe('status')
    expect(document.querySelector('label')?.htmlFor).toBe('status')
    ;(wrapper.vm as unknown as { focus(): void }).focus()
    expect(document.activeElement).toBe(combo)
  })
})
