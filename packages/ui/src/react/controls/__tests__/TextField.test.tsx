import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextField, type TextFieldProps } from '../TextField.js'

/** What a screen reader hears as the element's description (its aria-describedby texts). */
function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => {
      const part = document.getElementById(id)!
      const clone = part.cloneNode(true) as HTMLElement
      clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove())
      return clone.textContent
    })
    .join(' ')
}

function Controlled(props: Partial<TextFieldProps>) {
  const [value, setValue] = useState(props.value ?? '')
  return <TextField label="Name" {...props} value={value} onValueChange={setValue} />
}

describe('<TextField>', () => {
  it('is a real input labelled by its <label for>, floating the label on focus and value', async () => {
    const user = userEvent.setup()
    const { container } = render(<Controlled />)
    const input = screen.getByRole('textbox', { name: 'Name' })
    const root = container.querySelector('[data-part="root"]')!
    expect(root.hasAttribute('data-floating')).toBe(false)
    await user.click(input)
    expect(root.hasAttribute('data-floating')).toBe(true)
    await user.type(input, 'Ada')
    await user.tab()
    expect(input).toHaveProperty('value', 'Ada')
    expect(root.hasAttribute('data-floating')).toBe(true)
    expect(container.querySelector('label')?.htmlFor).toBe(input.id)
  })

  it('shows the error instead of the supporting text, with aria-invalid and an icon', () => {
    const { container, rerender } = render(
      <TextField label="Email" value="" onValueChange={vi.fn()} supportingText="Work address" />,
    )
    const input = screen.getByRole('textbox', { name: 'Email' })
    expect(description(input)).toBe('Work address')
    rerender(
      <TextField
        label="Email"
        value=""
        onValueChange={vi.fn()}
        supportingText="Work address"
        error="Enter an email address"
      />,
    )
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(description(input)).toBe('Enter an email address')
    expect(container.querySelector('[data-icon="error"]')).not.toBeNull()
  })

  it('counts characters against maxLength', async () => {
    const user = userEvent.setup()
    const { container } = render(<Controlled maxLength={5} />)
    const input = screen.getByRole('textbox', { name: 'Name' })
    await user.type(input, 'abcdefg')
    expect(input).toHaveProperty('value', 'abcde')
    expect(container.querySelector('[data-part="counter-text"]')?.textContent).toBe('5/5')
    expect(description(input)).toBe('0 characters left')
  })

  it('marks required with an asterisk that is not part of the name', () => {
    render(<TextField label="Title" value="" onValueChange={vi.fn()} required />)
    const input = screen.getByRole('textbox', { name: 'Title' })
    expect((input as HTMLInputElement).required).toBe(true)
  })

  it('renders a growing textarea when multiline, with a leading icon and trailing slot', async () => {
    const user = userEvent.setup()
    const onKeyDown = vi.fn()
    const { container } = render(
      <Controlled
        multiline
        rows={2}
        leadingIcon="search"
        trailing={<button type="button">Clear</button>}
        onKeyDown={onKeyDown}
      />,
    )
    const area = screen.getByRole('textbox', { name: 'Name' })
    expect(area.tagName).toBe('TEXTAREA')
    await user.type(area, 'a{Enter}b')
    expect(area).toHaveProperty('value', 'a\nb')
    expect(onKeyDown).toHaveBeenCalled()
    expect(container.querySelector('[data-icon="search"]')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Clear' })).toBeTruthy()
  })

  it('passes disabled, readOnly, type, name, id and inputProps to the input', () => {
    const ref = { current: null as HTMLInputElement | HTMLTextAreaElement | null }
    render(
      <TextField
        label="Secret"
        value="x"
        onValueChange={vi.fn()}
        type="password"
        name="secret"
        id="pw"
        readOnly
        disabled
        inputRef={ref}
        inputProps={{ autoComplete: 'off' }}
      />,
    )
    const input = ref.current as HTMLInputElement
    expect(input.id).toBe('pw')
    expect(input.type).toBe('password')
    expect(input.name).toBe('secret')
    expect(input.readOnly && input.disabled).toBe(true)
    expect(input.getAttribute('autocomplete')).toBe('off')
    expect(screen.getByLabelText('Secret')).toBe(input)
  })
})
