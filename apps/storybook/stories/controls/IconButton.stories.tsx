import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { IconButton } from '@metal/ui/react'
import { plays } from './IconButton.shared.js'

/**
 * Material 3 icon buttons: standard, filled, tonal and outlined, medium (40 px) or small (32 px).
 * With `selected` they are toggles (`aria-pressed`). `label` is the accessible name.
 */
const meta = {
  title: 'Controls/IconButton',
  component: IconButton,
  args: { icon: 'delete', label: 'Delete', onClick: fn() },
  argTypes: {
    variant: { control: 'inline-radio', options: ['standard', 'filled', 'tonal', 'outlined'] },
    size: { control: 'inline-radio', options: ['small', 'medium'] },
  },
} satisfies Meta<typeof IconButton>

export default meta
type Story = StoryObj<typeof meta>

const VARIANTS = ['standard', 'filled', 'tonal', 'outlined'] as const

/** One icon button, named by its label. */
export const Default: Story = {
  play: plays.Default,
}

function Toggles() {
  const [pinned, setPinned] = useState<Record<string, boolean>>({})
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {(['medium', 'small'] as const).map((size) => (
        <div key={size} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          {VARIANTS.map((variant) => (
            <IconButton
              key={variant}
              icon="edit"
              label={`Edit (${variant}, ${size})`}
              variant={variant}
              size={size}
            />
          ))}
          {VARIANTS.map((variant) => {
            const key = `${variant}-${size}`
            return (
              <IconButton
                key={key}
                icon="pin"
                label={`Pin (${variant}, ${size})`}
                variant={variant}
                size={size}
                selected={pinned[key] ?? false}
                onClick={() => setPinned((p) => ({ ...p, [key]: !p[key] }))}
              />
            )
          })}
          <IconButton icon="delete" label={`Delete (${size}, disabled)`} size={size} disabled />
        </div>
      ))}
    </div>
  )
}

/** Every variant and size; the pins are toggles. */
export const VariantsAndToggles: Story = {
  render: () => <Toggles />,
  play: plays.VariantsAndToggles,
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => <Toggles />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Pin (outlined, medium)' }))
    await expect(canvas.getByRole('button', { name: 'Pin (outlined, medium)' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  },
}

/** Right to left: directional icons mirror, the others do not. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl" style={{ display: 'flex', gap: 12 }}>
      <IconButton icon="chevronLeft" label="السابق" />
      <IconButton icon="delete" label="حذف" variant="tonal" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const chevron = canvas.getByRole('button', { name: 'السابق' }).querySelector('svg')!
    await expect(getComputedStyle(chevron).transform).not.toBe('none')
    const bin = canvas.getByRole('button', { name: 'حذف' }).querySelector('svg')!
    await expect(getComputedStyle(bin).transform).toBe('none')
  },
}
