import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { DateField } from '../DateField.js'

function Due({ onChange = vi.fn(), initial = null as string | null, locale = 'en-US' }) {
  const [value, setValue] = useState<string | null>(initial)
  return (
    <DateField
      label="Due"
      value={value}
      locale={locale}
      today="2024-11-20"
      name="due"
      onValueChange={(v) => {
        setValue(v)
        onChange(v)
      }}
    />
  )
}

describe('<DateField>', () => {
  it('is a text input, never a native date input, taking typed dates on blur', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    const { container } = render(<Due onChange={onChange} />)
    expect(container.querySelector('input[type="date"]')).toBeNull()
    const input = screen.getByRole('textbox', { name: 'Due' })
    await user.type(input, '12/1/2024')
    await user.tab()
    expect(onChange).toHaveBeenCalledWith('2024-12-01')
    expect(input).toHaveProperty('value', '12/01/2024')
    expect((container.querySelector('input[type="hidden"]') as HTMLInputElement).value).toBe(
      '2024-12-01',
    )
    await user.clear(input)
    await user.type(input, 'soon{Enter}')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('opens the calendar on the selected day, moves with arrows and picks with Enter', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    render(<Due onChange={onChange} initial="2024-11-05" />)
    const button = screen.getByRole('button', { name: 'Choose date' })
    await user.click(button)
    const dialog = screen.getByRole('dialog', { name: 'Calendar' })
    expect(screen.getByRole('grid', { name: 'November 2024' })).toBeTruthy()
    expect(document.activeElement).toBe(
      screen.getByRole('gridcell', { name: 'Tuesday, November 5, 2024' }),
    )
    await user.keyboard('{ArrowDown}{ArrowRight}')
    expect(document.activeElement).toBe(
      screen.getByRole('gridcell', { name: 'Wednesday, November 13, 2024' }),
    )
    await user.keyboard('{PageDown}')
    expect(screen.getByRole('grid', { name: 'December 2024' })).toBeTruthy()
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Friday, December 13, 2024')
    await user.keyboard('{Enter}')
    expect(onChange).toHaveBeenCalledWith('2024-12-13')
    expect(dialog.hidden).toBe(true)
    expect(document.activeElement).toBe(button)
    expect(screen.getByRole('textbox', { name: 'Due' })).toHaveProperty('value', '12/13/2024')
  })

  it('closes on Escape with focus back on the button; the month buttons change the month', async () => {
    const user = userEvent.setup()
    render(<Due initial="2024-11-05" />)
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

  it('marks today and names week days from the locale', async () => {
    const user = userEvent.setup()
    render(<Due locale="de-DE" />)
    await user.click(screen.getByRole('button', { name: 'Choose date' }))
    const today = screen.getByRole('gridcell', { name: 'Mittwoch, 20. November 2024' })
    expect(today.getAttribute('aria-current')).toBe('date')
    expect(screen.getAllByRole('columnheader')[0]!.getAttribute('abbr')).toBe('Montag')
  })
})
