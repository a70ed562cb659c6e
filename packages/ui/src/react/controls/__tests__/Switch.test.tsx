import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { Switch } from '../Switch.js'

function Controlled() {
  const [on, setOn] = useState(false)
  return <Switch checked={on} onCheckedChange={setOn} label="Live updates" icons />
}

describe('<Switch>', () => {
  it('is a switch named by its label, flipped by a click on the label', () => {
    render(<Controlled />)
    const control = screen.getByRole('switch', { name: 'Live updates' }) as HTMLInputElement
    expect(control.checked).toBe(false)
    const handle = control.parentElement?.querySelector('[data-part="handle"]')
    expect(handle?.querySelector('svg')?.dataset.icon).toBe('close')
    fireEvent.click(screen.getByText('Live updates'))
    expect(control.checked).toBe(true)
    expect(handle?.getAttribute('data-state')).toBe('on')
    expect(handle?.querySelector('svg')?.dataset.icon).toBe('check')
  })

  it('does not call back when disabled', () => {
    const onCheckedChange = vi.fn()
    render(<Switch checked disabled onCheckedChange={onCheckedChange} aria-label="Sync" />)
    fireEvent.click(screen.getByRole('switch', { name: 'Sync' }))
    expect(onCheckedChange).not.toHaveBeenCalled()
  })
})
