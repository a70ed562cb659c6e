import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { RadioGroup } from '../RadioGroup.js'

const OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium', disabled: true },
  { value: 'high', label: 'High' },
]

function Controlled({ initial = null }: { initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial)
  return (
    <>
      <RadioGroup label="Priority" value={value} options={OPTIONS} onValueChange={setValue} />
      <output>{value}</output>
    </>
  )
}

describe('<RadioGroup>', () => {
  it('is a radiogroup named by its label; a click picks an option', () => {
    render(<Controlled />)
    screen.getByRole('radiogroup', { name: 'Priority' })
    const radios = screen.getAllByRole('radio') as HTMLInputElement[]
    expect(radios.map((radio) => radio.tabIndex)).toEqual([0, -1, -1])
    fireEvent.click(screen.getByText('High'))
    expect(screen.getByRole('radio', { name: 'High' })).toHaveProperty('checked', true)
    expect(radios.map((radio) => radio.tabIndex)).toEqual([-1, -1, 0])
  })

  it('arrow keys move focus and pick, skipping the disabled option', () => {
    render(<Controlled initial="low" />)
    const low = screen.getByRole('radio', { name: 'Low' })
    low.focus()
    fireEvent.keyDown(low, { key: 'ArrowDown' })
    const high = screen.getByRole('radio', { name: 'High' })
    expect(document.activeElement).toBe(high)
    expect(high).toHaveProperty('checked', true)
    expect(screen.getByRole('status').textContent).toBe('high')
    fireEvent.keyDown(high, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(low)
    expect(screen.getByRole('status').textContent).toBe('low')
  })

  it('flips Left and Right inside dir="rtl"', () => {
    render(
      <div dir="rtl">
        <Controlled initial="low" />
      </div>,
    )
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Low' }), { key: 'ArrowLeft' })
    expect(screen.getByRole('status').textContent).toBe('high')
  })
})
