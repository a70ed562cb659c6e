import { describe, expect, it } from 'vitest'
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Popover } from '../Popover.js'

function Panel() {
  const [open, setOpen] = useState(false)
  const [anchor, setAnchor] = useState<HTMLButtonElement | null>(null)
  return (
    <>
      <button type="button" ref={setAnchor} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Filters
      </button>
      <Popover open={open} onOpenChange={setOpen} anchor={anchor} label="Filter rows">
        <label>
          Name <input />
        </label>
        <button type="button">Apply</button>
      </Popover>
      <p>Outside</p>
    </>
  )
}

describe('<Popover>', () => {
  it('opens a labelled dialog with focus on its first field; Escape closes, focus returns', async () => {
    const user = userEvent.setup()
    render(<Panel />)
    const button = screen.getByRole('button', { name: 'Filters' })
    expect(screen.queryByRole('dialog')).toBeNull()
    await user.click(button)
    expect(screen.getByRole('dialog', { name: 'Filter rows' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('closes on a press outside; the anchor toggles it', async () => {
    const user = userEvent.setup()
    render(<Panel />)
    const button = screen.getByRole('button', { name: 'Filters' })
    await user.click(button)
    await user.click(screen.getByText('Outside'))
    expect(screen.queryByRole('dialog')).toBeNull()
    await user.click(button)
    expect(screen.getByRole('dialog')).toBeTruthy()
    await user.click(button)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('refuses an empty label', () => {
    expect(() =>
      render(<Popover open={false} onOpenChange={() => {}} anchor={null} label="" />),
    ).toThrow(/<Popover>: label must be a non-empty string/)
  })
})
