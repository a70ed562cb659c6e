import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Menu } from '../Menu.js'
import type { MenuItem } from '../../../controls/menu/menu.types.js'

function setup() {
  const onEdit = vi.fn()
  const onDelete = vi.fn()
  const items: MenuItem[] = [
    { id: 'edit', label: 'Edit', icon: 'edit', onSelect: onEdit },
    { type: 'divider' },
    { id: 'wrap', label: 'Wrap text', checked: false, onSelect: vi.fn() },
    { id: 'delete', label: 'Delete', icon: 'delete', onSelect: onDelete },
  ]
  render(
    <Menu
      label="Actions"
      items={items}
      trigger={(props) => (
        <button type="button" {...props}>
          More
        </button>
      )}
    />,
  )
  return { onEdit, onDelete, button: screen.getByRole('button', { name: 'More' }) }
}

describe('<Menu>', () => {
  it('opens with focus on the first item, moves with arrows, activates with Enter', async () => {
    const user = userEvent.setup()
    const { button, onDelete } = setup()
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    await user.click(button)
    expect(screen.getByRole('menu', { name: 'Actions' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Edit' }))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(screen.getByRole('menuitemcheckbox', { name: 'Wrap text' }))
    await user.keyboard('{ArrowDown}{Enter}')
    expect(onDelete).toHaveBeenCalledTimes(1)
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(button)
  })

  it('closes on Escape with focus back on the button', async () => {
    const user = userEvent.setup()
    const { button, onEdit } = setup()
    button.focus()
    await user.keyboard('{Enter}')
    expect(button.getAttribute('aria-expanded')).toBe('true')
    await user.keyboard('{Escape}')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(button)
    expect(onEdit).not.toHaveBeenCalled()
  })

  it('activates an item on click', async () => {
    const user = userEvent.setup()
    const { button, onEdit } = setup()
    await user.click(button)
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }))
    expect(onEdit).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('menu')).toBeNull()
  })
})
