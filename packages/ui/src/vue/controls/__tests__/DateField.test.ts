import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import { DateField } from '../DateField.js'
import { MetalUiProvider } from '../../provider/MetalUiProvider.js'
import { description } from './fieldTestUtils.js'

/** A parent that holds the date and binds it with v-model; `onChange` sees every change. */
function due({
  onChange = vi.fn() as (v: string | null) => void,
  initial = null as string | null,
  locale = 'en-US',
} = {}) {
  return defineComponent({
    setup() {
      const value = ref<string | null>(initial)
      return () => [
        h(DateField, {
          label: 'Due',
          modelValue: value.value,
          locale,
          today: '2024-11-20',
          name: 'due',
          'onUpdate:modelValue': (v: string | null) => {
            value.value = v
            onChange(v)
          },
        }),
        h('button', { type: 'button', onClick: () => (value.value = '2025-01-31') }, 'Set'),
      ]
    },
  })
}

describe('<DateField> (Vue)', () => {
  it('is a text input, never a native date input, taking typed dates on blur', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(due({ onChange }), { attachTo: document.body })
    expect(document.querySelector('input[type="date"]')).toBeNull()
    const input = screen.getByRole('textbox', { name: 'Due' }) as HTMLInputElement
    expect(input.getAttribute('autocomplete')).toBe('off')
    await user.type(input, '12/1/2024')
    await user.tab()
    expect(onChange).toHaveBeenCalledWith('2024-12-01')
    expect(input.value).toBe('12/01/2024')
    expect((document.querySelector('input[type="hidden"]') as HTMLInputElement).value).toBe(
      '2024-12-01',
    )
    await user.clear(input)
    await user.type(input, 'soon{Enter}')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(description(input)).toBe('Enter a date as MM/DD/YYYY')
    expect(input.value).toBe('soon')
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('shows a date the parent sets, and clears to null', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(due({ onChange, initial: '2024-11-05' }), { attachTo: document.body })
    const input = screen.getByRole('textbox', { name: 'Due' }) as HTMLInputElement
    expect(input.value).toBe('11/05/2024')
    await user.click(screen.getByRole('button', { name: 'Set' }))
    expect(input.value).toBe('01/31/2025')
    await user.clear(input)
    await user.tab()
    expect(onChange).toHaveBeenCalledWith(null)
    expect(input.value).toBe('')
  })

  it('refuses typed dates outside min and max with an error', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DateField, {
      attachTo: document.body,
      props: { label: 'Start', min: '2024-01-01', max: '2024-12-31', supportingText: 'This year' },
    })
    const input = screen.getByRole('textbox', { name: 'Start' })
    expect(description(input)).toBe('This year')
    await user.type(input, '2023-06-01{Enter}')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(description(input)).toBe('Enter a date on or after 01/01/2024')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('opens the calendar on the selected day, moves with arrows and picks with Enter', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    mount(due({ onChange, initial: '2024-11-05' }), { attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Choose date' })
    expect(button.getAttribute('aria-haspopup')).toBe('dialog')
    await user.click(button)
    const dialog = screen.getByRole('dialog', { name: 'Calendar' })
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(screen.getByRole('grid', { name: 'November 2024' })).toBeTruthy()
    const fifth = screen.getByRole('gridcell', { name: 'Tuesday, November 5, 2024' })
    expect(document.activeElement).toBe(fifth)
    expect(fifth.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{ArrowDown}{ArrowRight}')
    expect(document.activeElement).toBe(
      screen.getByRole('gridcell', { name: 'Wednesday, November 13, 2024' }),
    )
    await user.keyboard('{PageDown}')
    expect(screen.getByRole('grid', { name: 'December 2024' })).toBeTruthy()
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Friday, December 13, 2024')
    await user.keyboard('{Shift>}{PageDown}{/Shift}')
    expect(screen.getByRole('grid', { name: 'December 2025' })).toBeTruthy()
    await user.keyboard('{Shift>}{PageUp}{/Shift}{Home}')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Sunday, December 8, 2024')
    await user.keyboard('{End}')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Saturday, December 14, 2024')
    await user.keyboard('{Enter}')
    expect(onChange).toHaveBeenCalledWith('2024-12-14')
    expect(dialog.hidden).toBe(true)
    expect(document.activeElement).toBe(button)
    expect(screen.getByRole('textbox', { name: 'Due' })).toHaveProperty('value', '12/14/2024')
  })

  it('closes on Escape with focus back on the button; the month buttons change the month', async () => {
    const user = userEvent.setup()
    mount(due({ initial: '2024-11-05' }), { attachTo: document.body })
    const button = screen.getByRole('button', { name: 'Choose date' })
    await user.click(button)
    await user.click(screen.getByRole('button', { name: 'Next month' }))
    expect(screen.getByRole('grid', { name: 'December 2024' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next month' }))
    await user.click(screen.getByRole('button', { name: 'Previous month' }))
    await user.click(screen.getByRole('button', { name: 'Previous month' }))
    expect(screen.getByRole('grid', { name: 'October 2024' })).toBeTruthy()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('grid')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('picks a day with a click and disables the month buttons past min and max', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DateField, {
      attachTo: document.body,
      props: { label: 'Due', today: '2024-11-20', min: '2024-11-03', max: '2024-11-25' },
    })
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    expect(screen.getByRole('button', { name: 'Previous month' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('button', { name: 'Next month' })).toHaveProperty('disabled', true)
    const second = screen.getByRole('gridcell', { name: 'Saturday, November 2, 2024' })
    expect(second.getAttribute('aria-disabled')).toBe('true')
    await user.click(second)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    await user.click(screen.getByRole('gridcell', { name: 'Friday, November 22, 2024' }))
    expect(wrapper.emitted('update:modelValue')).toEqual([['2024-11-22']])
  })

  it('keeps its own date when no v-model is bound', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DateField, {
      attachTo: document.body,
      props: { label: 'Due', today: '2024-11-20', name: 'due' },
    })
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    await user.keyboard('{ArrowRight}{Enter}')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2024-11-21']])
    expect((document.querySelector('input[name="due"]') as HTMLInputElement).value).toBe(
      '2024-11-21',
    )
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    expect(
      screen
        .getByRole('gridcell', { name: 'Thursday, November 21, 2024' })
        .getAttribute('aria-selected'),
    ).toBe('true')
  })

  it('marks today and names week days from the locale', async () => {
    const user = userEvent.setup()
    mount(due({ locale: 'de-DE' }), { attachTo: document.body })
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    const today = screen.getByRole('gridcell', { name: 'Mittwoch, 20. November 2024' })
    expect(today.getAttribute('aria-current')).toBe('date')
    expect(screen.getAllByRole('columnheader')[0]!.getAttribute('abbr')).toBe('Montag')
  })

  it('flips the arrow keys right-to-left inside an rtl MetalUiProvider', async () => {
    const user = userEvent.setup()
    mount(MetalUiProvider, {
      attachTo: document.body,
      props: { dir: 'rtl' },
      slots: { default: () => h(due({ initial: '2024-11-05' })) },
    })
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    await user.keyboard('{ArrowLeft}')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Wednesday, November 6, 2024')
  })

  it('is not opened when disabled or read-only', () => {
    mount(DateField, { attachTo: document.body, props: { label: 'Due', readOnly: true } })
    const button = screen.getByRole('button', { name: 'Choose date' }) as HTMLButtonElement
    expect(button.disabled).toBe(true)
    expect((screen.getByRole('textbox', { name: 'Due' }) as HTMLInputElement).readOnly).toBe(true)
  })

  it('refuses a value that is not a YYYY-MM-DD date, and an unknown locale', () => {
    expect(() => mount(DateField, { props: { label: 'Due', modelValue: '5/11/2024' } })).toThrow(
      MetalError,
    )
    expect(() => mount(DateField, { props: { label: 'Due', locale: 'not a locale!' } })).toThrow(
      /locale/,
    )
  })
})
