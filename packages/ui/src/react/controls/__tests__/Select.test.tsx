import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Select } from '../Select.js'

const options = [
  { value: 'todo', label: 'To do' },
  { value: 'doing', label: 'Doing' },
  { value: 'done', label: 'Done' },
  { value: 'dropped', label: 'Dropped', disabled: true },
]

function Controlled({ onChange = vi.fn() }: { onChange?: (v: string) => void }) {
  const [value, setValue] = useState<string | null>(null)
  return (
    <Select
      label="Status"
      value={value}
      options={options}
      name="status"
      onValueChange={(v) => {
        setValue(v)
        onChange(v)
      }}
    />
  )
}

describe('<Select>', () => {
  it('renders no native select: a combobox button and a listbox of options', () => {
    const { container } = render(<Controlled />)
    expect(container.querySelector('select')).toBeNull()
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(combo.tagName).toBe('BUTTON')
    expect(combo.getAttribute('aria-expanded')).toBe('false')
  })

  it('opens on click, picks with a click, shows the label and a check', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    const { container } = render(<Controlled onChange={onChange} />)
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.click(combo)
    expect(combo.getAttribute('aria-expanded')).toBe('true')
    await user.click(screen.getByRole('option', { name: 'Doing' }))
    expect(onChange).toHaveBeenCalledWith('doing')
    expect(combo.textContent).toBe('Doing')
    expect(combo.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(combo)
    expect(
      (container.querySelector('input[type="hidden"][name="status"]') as HTMLInputElement).value,
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
    render(<Controlled onChange={onChange} />)
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
  })

  it('closes on a press outside', async () => {
    const user = userEvent.setup()
    render(
      <>
        <Controlled />
        <p>Elsewhere</p>
      </>,
    )
    const combo = screen.getByRole('combobox', { name: 'Status' })
    await user.click(combo)
    expect(combo.getAttribute('aria-expanded')).toBe('true')
    await user.click(screen.getByText('Elsewhere'))
    expect(combo.getAttribute('aria-expanded')).toBe('false')
  })

  it('refuses a missing onValueChange', () => {
    expect(() =>
      render(
        <Select label="X" value={null} options={options} onValueChange={undefined as never} />,
      ),
    ).toThrow(/<Select>: onValueChange must be a function/)
  })
})

describe('<Select> ids', () => {
  it('gives the trigger the caller id, labelled by the label', () => {
    render(
      <Select id="status" label="Status" value={null} options={options} onValueChange={vi.fn()} />,
    )
    const combo = screen.getByRole('combobox', { name: 'Status' })
    expect(combo.id).toBe('status')
    expect(document.querySelector('label')?.htmlFor).toBe('status')
  })
})
