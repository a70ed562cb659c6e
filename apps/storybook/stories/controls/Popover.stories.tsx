import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Popover, Select, TextField } from '@metal/ui/react'

/**
 * A non-modal panel (the data table's filter and columns panels use it) in the top layer,
 * placed against an anchor with Floating UI (flips, shifts, caps its height to the viewport).
 * Escape and a press outside close it and focus returns to the anchor. Built on the popover
 * service, `openPopover`, which menus, selects, the date field and tooltips share.
 */
const meta = {
  title: 'Controls/Popover',
  component: Popover,
  args: { open: false, onOpenChange: fn(), anchor: null, label: 'Filter rows' },
  render: (args) => <Demo {...args} />,
} satisfies Meta<typeof Popover>

export default meta
type Story = StoryObj<typeof meta>

function Demo(args: Parameters<typeof Popover>[0]) {
  const [open, setOpen] = useState(false)
  const [anchor, setAnchor] = useState<HTMLButtonElement | null>(null)
  const [name, setName] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  return (
    <div style={{ overflow: 'hidden', height: 120, border: '1px dashed gray', padding: 16 }}>
      <button
        type="button"
        className="metal-demo-button"
        ref={setAnchor}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Filters
      </button>
      <Popover
        {...args}
        open={open}
        anchor={anchor}
        onOpenChange={(o) => {
          setOpen(o)
          args.onOpenChange(o)
        }}
      >
        <div style={{ display: 'grid', gap: 16, width: 280 }}>
          <TextField label="Name contains" value={name} onValueChange={setName} />
          <Select
            label="Status"
            value={status}
            onValueChange={setStatus}
            options={[
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ]}
          />
        </div>
      </Popover>
    </div>
  )
}

const dialog = () => document.querySelector('[role="dialog"]') as HTMLElement

/** Opens over a clipping container (overflow: hidden) with focus on its first field; Escape closes. */
export const Basic: Story = {
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Filters' })
    await userEvent.click(button)
    await waitFor(() => expect(dialog().matches(':popover-open')).toBe(true))
    await expect(dialog()).toHaveAccessibleName('Filter rows')
    const field = within(dialog()).getByRole('textbox', { name: 'Name contains' })
    await waitFor(() => expect(field).toHaveFocus())
    // Not clipped by the 120 px tall container.
    const clip = canvasElement.querySelector('div[style*="overflow"]')!.getBoundingClientRect()
    await waitFor(() =>
      expect(dialog().getBoundingClientRect().bottom).toBeGreaterThan(clip.bottom),
    )
    await userEvent.type(field, 'ada')
    await userEvent.keyboard('{Escape}')
    await expect(args.onOpenChange).toHaveBeenLastCalledWith(false)
    await expect(button).toHaveFocus()
  },
}

/** A select inside the panel: its Escape closes only the listbox; a press outside closes the panel. */
export const NestedSelect: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Filters' })
    await userEvent.click(button)
    const combo = await within(dialog()).findByRole('combobox', { name: 'Status' })
    await userEvent.click(combo)
    await expect(combo).toHaveAttribute('aria-expanded', 'true')
    await userEvent.keyboard('{Escape}')
    await expect(combo).toHaveAttribute('aria-expanded', 'false')
    await expect(dialog().matches(':popover-open')).toBe(true)
    await userEvent.click(canvasElement.querySelector('.metal-story') ?? document.body)
    await waitFor(() => expect(dialog().matches(':popover-open')).toBe(false))
  },
}

/** Dark theme: the panel is a dark high surface container. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Filters' }))
    await waitFor(() => expect(getComputedStyle(dialog()).backgroundColor).toBe('rgb(43, 41, 47)'))
    await userEvent.keyboard('{Escape}')
  },
}

/** Right to left: the panel lines up with the button's right edge. */
export const RightToLeft: Story = {
  render: (args) => (
    <div dir="rtl" lang="ar">
      <Demo {...args} label="عوامل التصفية" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Filters' })
    await userEvent.click(button)
    await waitFor(() =>
      expect(
        Math.abs(dialog().getBoundingClientRect().right - button.getBoundingClientRect().right),
      ).toBeLessThan(2),
    )
    await userEvent.keyboard('{Escape}')
  },
}
