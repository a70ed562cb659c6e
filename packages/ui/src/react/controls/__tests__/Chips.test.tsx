import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Chip } from '../Chip.js'
import { ChipInput } from '../ChipInput.js'

function Tags({ initial = [] as string[] }) {
  const [value, setValue] = useState(initial)
  return <ChipInput label="Tags" value={value} onValueChange={setValue} />
}

const chipLabels = () =>
  [...document.querySelectorAll('[data-scope="chip"][data-part="label"]')].map(
    (el) => el.textContent,
  )

describe('<ChipInput>', () => {
  it('adds chips with Enter and comma, removes with Backspace and the remove buttons', async () => {
    const user = userEvent.setup()
    render(<Tags initial={['red']} />)
    const input = screen.getByRole('textbox', { name: 'Tags' })
    await user.type(input, ' green {Enter}blue,')
    expect(chipLabels()).toEqual(['red', 'green', 'blue'])
    expect(input).toHaveProperty('value', '')
    await user.type(input, 'red{Enter}')
    expect(chipLabels()).toEqual(['red', 'green', 'blue'])
    expect(screen.getByRole('status').textContent).toBe('red is already there')
    await user.clear(input)
    await user.keyboard('{Backspace}')
    expect(chipLabels()).toEqual(['red', 'green'])
    await user.click(screen.getByRole('button', { name: 'Remove red' }))
    expect(chipLabels()).toEqual(['green'])
    expect(document.activeElement).toBe(input)
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
  })

  it('reaches every remove button with Tab', async () => {
    const user = userEvent.setup()
    render(<Tags initial={['a', 'b']} />)
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove a' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove b' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tags' }))
  })
})

describe('<Chip>', () => {
  it('a filter chip toggles aria-pressed and shows a check', async () => {
    const user = userEvent.setup()
    function Filter() {
      const [on, setOn] = useState(false)
      return <Chip label="Mine" selected={on} onClick={() => setOn(!on)} />
    }
    render(<Filter />)
    const button = screen.getByRole('button', { name: 'Mine' })
    expect(button.getAttribute('aria-pressed')).toBe('false')
    await user.click(button)
    expect(button.getAttribute('aria-pressed')).toBe('true')
    expect(button.querySelector('[data-icon="check"]')).not.toBeNull()
  })

  it('a removable chip has a labelled remove button', async () => {
    const user = userEvent.setup()
    const onRemove = vi.fn()
    render(<Chip label="Ada" onRemove={onRemove} />)
    await user.click(screen.getByRole('button', { name: 'Remove Ada' }))
    expect(onRemove).toHaveBeenCalled()
    expect(screen.getAllByRole('button')).toHaveLength(1)
  })
})
