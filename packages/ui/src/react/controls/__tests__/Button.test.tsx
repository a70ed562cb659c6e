import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { MetalError } from '@metal/core'
import type { IconName } from '../../../icons/icons.js'
import { Button } from '../Button.js'
import { IconButton } from '../IconButton.js'

describe('<Button>', () => {
  it('renders a filled type="button" with its label, passing other props through', () => {
    const onClick = vi.fn()
    render(
      <Button onClick={onClick} className="extra" data-testid="b">
        Save
      </Button>,
    )
    const button = screen.getByRole('button', { name: 'Save' })
    expect(button.getAttribute('type')).toBe('button')
    expect(button.dataset.variant).toBe('filled')
    expect(button.className).toBe('extra')
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('draws leading and trailing icons hidden from assistive technology', () => {
    render(
      <Button variant="tonal" icon="add" trailingIcon="chevronRight">
        New
      </Button>,
    )
    const button = screen.getByRole('button', { name: 'New' })
    const icons = button.querySelectorAll('svg')
    expect([...icons].map((svg) => svg.dataset.icon)).toEqual(['add', 'chevronRight'])
    expect([...icons].map((svg) => svg.dataset.position)).toEqual(['leading', 'trailing'])
    expect(icons[0]?.getAttribute('aria-hidden')).toBe('true')
    expect(button.dataset.withIcon).toBe('both')
  })

  it('is disabled and marked danger when asked, and forwards its ref', () => {
    const ref = createRef<HTMLButtonElement>()
    const onClick = vi.fn()
    render(
      <Button ref={ref} danger disabled onClick={onClick} type="submit">
        Delete
      </Button>,
    )
    const button = screen.getByRole('button', { name: 'Delete' })
    expect(ref.current).toBe(button)
    expect(button).toHaveProperty('disabled', true)
    expect(button.hasAttribute('data-danger')).toBe(true)
    expect(button.getAttribute('type')).toBe('submit')
    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()
  })
})

describe('<IconButton>', () => {
  it('is named by its label and shows only the icon', () => {
    render(<IconButton icon="delete" label="Delete row" />)
    const button = screen.getByRole('button', { name: 'Delete row' })
    expect(button.textContent).toBe('')
    expect(button.querySelector('svg')?.dataset.icon).toBe('delete')
    expect(button.hasAttribute('aria-pressed')).toBe(false)
  })

  it('is a toggle with aria-pressed when selected is given', () => {
    const { rerender } = render(<IconButton icon="pin" label="Pin" selected={false} />)
    expect(screen.getByRole('button', { name: 'Pin', pressed: false })).toBeTruthy()
    rerender(<IconButton icon="pin" label="Pin" selected />)
    expect(screen.getByRole('button', { name: 'Pin', pressed: true }).dataset.state).toBe('on')
  })

  it('takes trigger props (aria-haspopup, aria-expanded, ref) from a menu', () => {
    const ref = createRef<HTMLButtonElement>()
    render(
      <IconButton
        ref={ref}
        icon="moreVert"
        label="More"
        aria-haspopup="menu"
        aria-expanded={false}
        size="small"
      />,
    )
    const button = screen.getByRole('button', { name: 'More' })
    expect(ref.current).toBe(button)
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.querySelector('svg')?.getAttribute('width')).toBe('20')
  })

  it('refuses an unknown icon, naming it', () => {
    expect(() => render(<IconButton icon={'rocket' as IconName} label="Go" />)).toThrow(MetalError)
  })
})
