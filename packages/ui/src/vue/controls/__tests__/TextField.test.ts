import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref, type PropType } from 'vue'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import { TextField } from '../TextField.js'
import { description } from './fieldTestUtils.js'

/** A parent that holds the text and binds it with v-model (modelValue + update:modelValue). */
const Controlled = defineComponent({
  props: { fieldProps: { type: Object as PropType<Record<string, unknown>>, default: () => ({}) } },
  setup(props, { slots }) {
    const value = ref('')
    return () => [
      h(
        TextField,
        {
          label: 'Name',
          ...props.fieldProps,
          modelValue: value.value,
          'onUpdate:modelValue': (v: string) => (value.value = v),
        },
        slots,
      ),
      h('output', { 'data-testid': 'model' }, value.value),
    ]
  },
})

describe('<TextField> (Vue)', () => {
  it('is a real input labelled by its <label for>, floating the label on focus and value', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Controlled, { attachTo: document.body })
    const input = screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement
    const root = wrapper.element.parentElement!.querySelector('[data-part="root"]')!
    expect(root.hasAttribute('data-floating')).toBe(false)
    await user.click(input)
    expect(root.hasAttribute('data-floating')).toBe(true)
    await user.type(input, 'Ada')
    await user.tab()
    expect(input.value).toBe('Ada')
    expect(screen.getByTestId('model').textContent).toBe('Ada')
    expect(root.hasAttribute('data-floating')).toBe(true)
    expect(document.querySelector('label')?.htmlFor).toBe(input.id)
  })

  it('shows a new modelValue from the parent, and keeps typed text without a v-model', async () => {
    const user = userEvent.setup()
    const wrapper = mount(TextField, {
      attachTo: document.body,
      props: { label: 'City', modelValue: 'Oslo' },
    })
    const input = screen.getByRole('textbox', { name: 'City' }) as HTMLInputElement
    expect(input.value).toBe('Oslo')
    await wrapper.setProps({ modelValue: 'Rome' })
    expect(input.value).toBe('Rome')
    await user.clear(input)
    await user.type(input, 'Bergen')
    await user.tab()
    expect(input.value).toBe('Bergen')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['Bergen'])
  })

  it('shows the error instead of the supporting text, with aria-invalid and an icon', async () => {
    const wrapper = mount(TextField, {
      attachTo: document.body,
      props: { label: 'Email', modelValue: '', supportingText: 'Work address' },
    })
    const input = screen.getByRole('textbox', { name: 'Email' })
    expect(input.getAttribute('aria-invalid')).toBeNull()
    expect(description(input)).toBe('Work address')
    await wrapper.setProps({ error: 'Enter an email address' })
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(description(input)).toBe('Enter an email address')
    expect(document.querySelector('[data-icon="error"]')).not.toBeNull()
    await wrapper.setProps({ error: null })
    expect(description(input)).toBe('Work address')
  })

  it('takes supporting text with markup from the supporting-text slot', () => {
    mount(TextField, {
      attachTo: document.body,
      props: { label: 'Email' },
      slots: { 'supporting-text': () => h('b', 'Work address') },
    })
    const input = screen.getByRole('textbox', { name: 'Email' })
    expect(description(input)).toBe('Work address')
  })

  it('counts characters against maxLength', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body, props: { fieldProps: { maxLength: 5 } } })
    const input = screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement
    await user.type(input, 'abcdefg')
    expect(input.value).toBe('abcde')
    expect(document.querySelector('[data-part="counter-text"]')?.textContent).toBe('5/5')
    expect(description(input)).toBe('0 characters left')
  })

  it('marks required with an asterisk that is not part of the name', () => {
    mount(TextField, { attachTo: document.body, props: { label: 'Title', required: true } })
    const input = screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement
    expect(input.required).toBe(true)
    expect(document.querySelector('[data-part="required-mark"]')?.textContent).toBe('*')
  })

  it('renders a growing textarea when multiline, with a leading icon and trailing slot', async () => {
    const user = userEvent.setup()
    const onKeydown = vi.fn()
    mount(Controlled, {
      attachTo: document.body,
      props: { fieldProps: { multiline: true, rows: 2, leadingIcon: 'search', onKeydown } },
      slots: { trailing: () => h('button', { type: 'button' }, 'Clear') },
    })
    const area = screen.getByRole('textbox', { name: 'Name' }) as HTMLTextAreaElement
    expect(area.tagName).toBe('TEXTAREA')
    expect(area.rows).toBe(2)
    await user.type(area, 'a{Enter}b')
    expect(area.value).toBe('a\nb')
    expect(screen.getByTestId('model').textContent).toBe('a\nb')
    expect(onKeydown).toHaveBeenCalled()
    expect(onKeydown.mock.calls[0]?.[0]).toBeInstanceOf(KeyboardEvent)
    // fitTextarea ran: jsdom has no layout, so the height is the rows' minimum (2 × 24px).
    expect(area.style.height).toBe('48px')
    expect(document.querySelector('[data-icon="search"]')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Clear' })).toBeTruthy()
  })

  it('emits blur with the focus event when the input loses focus', async () => {
    const user = userEvent.setup()
    const wrapper = mount(TextField, { attachTo: document.body, props: { label: 'Name' } })
    await user.click(screen.getByRole('textbox', { name: 'Name' }))
    expect(wrapper.emitted('blur')).toBeUndefined()
    await user.tab()
    expect(wrapper.emitted('blur')).toHaveLength(1)
    expect(wrapper.emitted('blur')?.[0]?.[0]).toBeInstanceOf(FocusEvent)
  })

  it('passes disabled, readOnly, type, name, id and inputProps to the input, and exposes it', () => {
    const wrapper = mount(TextField, {
      attachTo: document.body,
      props: {
        label: 'Secret',
        modelValue: 'x',
        type: 'password',
        name: 'secret',
        id: 'pw',
        readOnly: true,
        disabled: true,
        inputProps: { autocomplete: 'off' },
      },
      attrs: { class: 'wide' },
    })
    const input = (wrapper.vm as unknown as { el: HTMLInputElement }).el
    expect(input.id).toBe('pw')
    expect(input.type).toBe('password')
    expect(input.name).toBe('secret')
    expect(input.readOnly && input.disabled).toBe(true)
    expect(input.getAttribute('autocomplete')).toBe('off')
    expect(screen.getByLabelText('Secret')).toBe(input)
    expect(wrapper.classes()).toContain('wide')
  })

  it("draws the outline with the label in its notch, or the filled style's active indicator", async () => {
    const wrapper = mount(TextField, { attachTo: document.body, props: { label: 'Name' } })
    const root = wrapper.get('[data-part="root"]')
    expect(root.attributes('data-variant')).toBe('outlined')
    expect(wrapper.get('fieldset legend').text()).toBe('Name')
    expect(wrapper.find('[data-part="active-indicator"]').exists()).toBe(false)
    await wrapper.setProps({ variant: 'filled' })
    expect(root.attributes('data-variant')).toBe('filled')
    expect(wrapper.find('fieldset').exists()).toBe(false)
    expect(wrapper.get('[data-part="active-indicator"]').attributes('aria-hidden')).toBe('true')
  })

  it('focus() focuses the input', () => {
    const wrapper = mount(TextField, { attachTo: document.body, props: { label: 'Name' } })
    ;(wrapper.vm as unknown as { focus(): void }).focus()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
  })

  it('refuses an unknown type with a MetalError naming it', () => {
    expect(() => mount(TextField, { props: { label: 'X', type: 'date' as never } })).toThrow(
      MetalError,
    )
    expect(() => mount(TextField, { props: { label: 'X', type: 'date' as never } })).toThrow(
      /type.*date/,
    )
  })
})
