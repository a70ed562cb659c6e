import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { MetalError } from '@metal/core'
import type { MenuItem } from '../../../controls/menu/menu.types.js'
import { Menu, type MenuTriggerSlotProps } from '../Menu.js'
import { IconButton } from '../IconButton.js'

function setup() {
  const onEdit = vi.fn()
  const onDelete = vi.fn()
  const items: MenuItem[] = [
    { id: 'edit', label: 'Edit', icon: 'edit', onSelect: onEdit },
    { type: 'divider' },
    { id: 'wrap', label: 'Wrap text', checked: false, onSelect: vi.fn() },
    { id: 'delete', label: 'Delete', icon: 'delete', onSelect: onDelete },
  ]
  const wrapper = mount(Menu, {
    attachTo: document.body,
    props: { label: 'Actions', items },
    attrs: { class: 'compact' },
    slots: {
      trigger: (props: MenuTriggerSlotProps) => h('button', { type: 'button', ...props }, 'More'),
    },
  })
  return { wrapper, onEdit, onDelete, button: screen.getByRole('button', { name: 'More' }) }
}

describe('<Menu> (Vue)', () => {
  it('opens with focus on the first item, moves with arrows, activates with Enter', async () => {
    const user = userEvent.setup()
    const { button, onDelete } = setup()
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    await user.click(button)
    const menu = screen.getByRole('menu', { name: 'Actions' })
    expect(button.getAttribute('aria-controls')).toBe(menu.id)
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Edit' }))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(screen.getByRole('menuitemcheckbox', { name: 'Wrap text' }))
    expect(screen.getByRole('separator')).toBeTruthy()
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

  it('opens on ArrowUp with focus on the last item, and wraps around', async () => {
    const user = userEvent.setup()
    const { button } = setup()
    button.focus()
    await user.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' }))
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Edit' }))
  })

  it('activates an item on click; attributes land on the menu', async () => {
    const user = userEvent.setup()
    const { button, onEdit } = setup()
    await user.click(button)
    expect(screen.getByRole('menu').classList.contains('compact')).toBe(true)
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }))
    expect(onEdit).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('menu')).toBeNull()
  })

  it('closes on a press outside', async () => {
    const user = userEvent.setup()
    const { button } = setup()
    const outside = document.createElement('p')
    outside.textContent = 'Outside'
    document.body.append(outside)
    await user.click(button)
    await user.click(outside)
    expect(button.getAttribute('aria-expanded')).toBe('false')
    outside.remove()
  })

  it('works with a component as the trigger (an IconButton bound with the slot props)', async () => {
    const user = userEvent.setup()
    const onSelect = vi.fn()
    mount(Menu, {
      attachTo: document.body,
      props: { label: 'Row', items: [{ id: 'open', label: 'Open', onSelect }] },
      slots: {
        trigger: (props: MenuTriggerSlotProps) =>
          h(IconButton, { icon: 'moreVert', label: 'Row actions', ...props }),
      },
    })
    const button = screen.getByRole('button', { name: 'Row actions' })
    await user.click(button)
    await user.keyboard('{Enter}')
    expect(onSelect).toHaveBeenCalledTimes(1)
    expect(document.activeElement).toBe(button)
  })

  it('refuses a missing trigger slot and an item without a label', () => {
    expect(() => mount(Menu, { props: { label: 'Actions', items: [] } })).toThrow(
      /<Menu>: trigger must be a slot/,
    )
    expect(() =>
      mount(Menu, {
        props: { label: 'Actions', items: [{ id: 'x', onSelect: () => {} }] as never },
        slots: { trigger: () => h('button', 'More') },
      }),
    ).toThrow(MetalError)
  })
})
