import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Menu, type MenuItem } from '@metal/ui/react'

/**
 * Material 3 menu on the menu button pattern: `trigger` renders the button (it receives
 * `aria-haspopup`, `aria-expanded`, `aria-controls`, handlers and a ref to spread); the menu opens
 * in the top layer with focus on its first item. Arrows wrap, Home/End, typeahead, Enter/Space
 * activate, Escape closes with focus back on the button. The logic is `connectMenu`.
 */
const meta = {
  title: 'Controls/Menu',
  component: Menu,
  args: {
    label: 'Row actions',
    items: [],
    trigger: (props) => (
      <button type="button" className="metal-demo-button" {...props}>
        Actions
      </button>
    ),
  },
  render: (args) => <Demo {...args} />,
} satisfies Meta<typeof Menu>

export default meta
type Story = StoryObj<typeof meta>

const onEdit = fn()
const onDelete = fn()

function Demo(args: Parameters<typeof Menu>[0]) {
  const [wrap, setWrap] = useState(false)
  const items: readonly MenuItem[] = args.items.length
    ? args.items
    : [
        { id: 'edit', label: 'Edit', icon: 'edit', onSelect: onEdit },
        { id: 'duplicate', label: 'Duplicate', icon: 'add', disabled: true, onSelect: () => {} },
        { type: 'divider' },
        { id: 'wrap', label: 'Wrap text', checked: wrap, onSelect: () => setWrap((w) => !w) },
        { id: 'delete', label: 'Delete', icon: 'delete', onSelect: onDelete },
      ]
  return (
    <div>
      <Menu {...args} items={items} />
      <p>Text wraps: {wrap ? 'yes' : 'no'}</p>
    </div>
  )
}

const menu = () => document.querySelector('[role="menu"]') as HTMLElement

/** Open with a click; arrows move focus (wrapping, skipping the disabled item); Enter activates. */
export const Basic: Story = {
  play: async ({ canvasElement }) => {
    onEdit.mockClear()
    onDelete.mockClear()
    const button = within(canvasElement).getByRole('button', { name: 'Actions' })
    await userEvent.click(button)
    await expect(button).toHaveAttribute('aria-expanded', 'true')
    await waitFor(() => expect(menu().matches(':popover-open')).toBe(true))
    const m = within(menu())
    await waitFor(() => expect(m.getByRole('menuitem', { name: 'Edit' })).toHaveFocus())
    await userEvent.keyboard('{ArrowDown}')
    await expect(m.getByRole('menuitemcheckbox', { name: 'Wrap text' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await expect(m.getByRole('menuitem', { name: 'Edit' })).toHaveFocus()
    await userEvent.keyboard('{End}{Enter}')
    await expect(onDelete).toHaveBeenCalledTimes(1)
    await expect(button).toHaveFocus()
    await expect(button).toHaveAttribute('aria-expanded', 'false')
  },
}

/** Open: the menu under its button, focus on the first item (left open for the picture). */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Actions' }))
    await waitFor(() => expect(menu().matches(':popover-open')).toBe(true))
    await waitFor(() =>
      expect(within(menu()).getByRole('menuitem', { name: 'Edit' })).toHaveFocus(),
    )
  },
}

/** A checkable item: aria-checked and a check mark; typeahead finds it. */
export const Checkable: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement)
    const button = c.getByRole('button', { name: 'Actions' })
    button.focus()
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() =>
      expect(within(menu()).getByRole('menuitem', { name: 'Edit' })).toHaveFocus(),
    )
    await userEvent.keyboard('w')
    const wrap = within(menu()).getByRole('menuitemcheckbox', { name: 'Wrap text' })
    await expect(wrap).toHaveFocus()
    await expect(wrap).toHaveAttribute('aria-checked', 'false')
    await userEvent.keyboard(' ')
    await expect(c.getByText('Text wraps: yes')).toBeInTheDocument()
    await userEvent.click(button)
    await expect(
      within(menu()).getByRole('menuitemcheckbox', { name: 'Wrap text' }),
    ).toHaveAttribute('aria-checked', 'true')
    await userEvent.keyboard('{Escape}')
    await expect(button).toHaveFocus()
  },
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Actions' })
    await userEvent.click(button)
    await waitFor(() => expect(getComputedStyle(menu()).backgroundColor).toBe('rgb(33, 31, 36)'))
    await userEvent.keyboard('{Escape}')
    await expect(button).toHaveFocus()
  },
}

/** Right to left: the menu lines up with the button's right edge. */
export const RightToLeft: Story = {
  render: (args) => (
    <div dir="rtl" lang="ar" style={{ display: 'flex', justifyContent: 'center' }}>
      <Demo {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Actions' })
    await userEvent.click(button)
    await waitFor(() =>
      expect(
        Math.abs(menu().getBoundingClientRect().right - button.getBoundingClientRect().right),
      ).toBeLessThan(2),
    )
    await userEvent.keyboard('{Escape}')
  },
}
