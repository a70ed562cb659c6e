import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Icon, Tooltip } from '@metal/ui/react'

/**
 * Material 3 plain tooltip: shown on hover after a short delay and on keyboard focus, hidden on
 * leave, blur and Escape (from anywhere); the child gets `aria-describedby`. Placed in the top
 * layer by the popover service. The logic is `connectTooltip`.
 */
const meta = {
  title: 'Controls/Tooltip',
  component: Tooltip,
  args: {
    content: 'Download the rows as CSV',
    children: (
      <button type="button" className="metal-demo-button">
        Export
      </button>
    ),
  },
  render: (args) => (
    <div style={{ padding: '48px 16px' }}>
      <Tooltip {...args} />
    </div>
  ),
} satisfies Meta<typeof Tooltip>

export default meta
type Story = StoryObj<typeof meta>

const tip = () => document.querySelector('[role="tooltip"]') as HTMLElement

/** Focus shows it above the button; Escape hides it. */
export const Focus: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Export' })
    await userEvent.tab()
    await expect(button).toHaveFocus()
    await waitFor(() => expect(tip().matches(':popover-open')).toBe(true))
    await expect(button).toHaveAccessibleDescription('Download the rows as CSV')
    await waitFor(() =>
      expect(tip().getBoundingClientRect().bottom).toBeLessThanOrEqual(
        button.getBoundingClientRect().top,
      ),
    )
    await userEvent.keyboard('{Escape}')
    await expect(tip()).not.toBeVisible()
  },
}

/** Hover shows it after a short delay; leaving hides it. */
export const Hover: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Export' })
    await userEvent.hover(button)
    await waitFor(() => expect(tip()).toBeVisible(), { timeout: 3000 })
    await userEvent.unhover(button)
    await userEvent.hover(canvasElement)
    await waitFor(() => expect(tip()).not.toBeVisible(), { timeout: 3000 })
  },
}

/** On an icon-only button whose label it repeats: no description, only the visual hint. */
export const IconButton: Story = {
  args: {
    content: 'Refresh',
    describeChild: false,
    children: (
      <button type="button" aria-label="Refresh" className="metal-demo-button">
        <Icon name="refresh" />
      </button>
    ),
  },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Refresh' })
    button.focus()
    await waitFor(() => expect(tip()).toBeVisible())
    await expect(button).not.toHaveAttribute('aria-describedby')
  },
}

/** Dark theme: the inverse surface is light. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    within(canvasElement).getByRole('button', { name: 'Export' }).focus()
    // --metal-sys-color-inverse-surface, dark: #e6e0e9
    await waitFor(() => expect(getComputedStyle(tip()).backgroundColor).toBe('rgb(230, 224, 233)'))
  },
}

/** Right to left. */
export const RightToLeft: Story = {
  args: {
    content: 'تنزيل الصفوف',
    children: (
      <button type="button" className="metal-demo-button">
        تصدير
      </button>
    ),
  },
  render: (args) => (
    <div dir="rtl" lang="ar" style={{ padding: '48px 16px' }}>
      <Tooltip {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'تصدير' })
    button.focus()
    await waitFor(() => expect(tip()).toBeVisible())
    await expect(button).toHaveAccessibleDescription('تنزيل الصفوف')
  },
}
