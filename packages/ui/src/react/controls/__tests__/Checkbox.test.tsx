import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { Checkbox } from '../Checkbox.js'

function Controlled(props: { initial?: boolean; indeterminate?: boolean }) {
  const [checked, setChecked] = useState(props.initial ?? false)
  const [some, setSome] = useState(props.indeterminate ?? false)
  return (
    <Checkbox
      checked={checked}
      indeterminate={some}
      onCheckedChange={(next) => {
        setChecked(next)
        setSome(false)
      }}
      label="Done"
    />
  )
}

describe('<Checkbox>', () => {
  it('is a native checkbox named by its visible label, toggled by a click on the label', () => {
    render(<Controlled />)
    const box = screen.getByRole('checkbox', { name: 'Done' }) as HTMLInputElement
    expect(box.checked).toBe(false)
    fireEvent.click(screen.getByText('Done'))
    expect(box.checked).toBe(true)
    fireEvent.click(box)
    expect(box.checked).toBe(false)
  })

  it('sets the indeterminate property, and a click checks it', () => {
    const onCheckedChange = vi.fn()
    render(
      <Checkbox
        checked={false}
        indeterminate
        onCheckedChange={onCheckedChange}
        aria-label="Select all"
      />,
    )
    const box = screen.getByRole('checkbox', { name: 'Select all' }) as HTMLInputElement
    expect(box.indeterminate).toBe(true)
    expect(box.closest('label')?.dataset.state).toBe('indeterminate')
    fireEvent.click(box)
    expect(onCheckedChange).toHaveBeenCalledWith(true)
  })

  it('keeps the indeterminate property after a click the parent ignores', () => {
    render(<Checkbox checked={false} indeterminate onCheckedChange={() => {}} aria-label="All" />)
    const box = screen.getByRole('checkbox', { name: 'All' }) as HTMLInputElement
    fireEvent.click(box)
    expect(box.indeterminate).toBe(true)
    expect(box.checked).toBe(false)
  })

  it('passes id, name, tabIndex and invalid to the native input', () => {
    render(
      <Checkbox
        checked
        onCheckedChange={() => {}}
        aria-label="Agree"
        id="agree"
        name="agree"
        tabIndex={-1}
        invalid
      />,
    )
    const box = screen.getByRole('checkbox', { name: 'Agree' })
    expect(box.id).toBe('agree')
    expect(box.getAttribute('name')).toBe('agree')
    expect(box.tabIndex).toBe(-1)
    expect(box.getAttribute('aria-invalid')).toBe('true')
  })

  it('does not call back when disabled', () => {
    const onCheckedChange = vi.fn()
    render(<Checkbox checked={false} disabled onCheckedChange={onCheckedChange} label="Off" />)
    const box = screen.getByRole('checkbox', { name: 'Off' })
    expect(box).toHaveProperty('disabled', true)
    fireEvent.click(box)
    expect(onCheckedChange).not.toHaveBeenCalled()
  })
})
