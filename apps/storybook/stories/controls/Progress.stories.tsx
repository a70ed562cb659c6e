import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Button, CircularProgress, LinearProgress } from '@metal/ui/react'

/**
 * Material 3 progress indicators, linear and circular: determinate (`value` from 0 to 1,
 * `aria-valuenow` in percent) or indeterminate (animated; only a pulse under
 * `prefers-reduced-motion`). The props come from `connectProgress` in `@metal/ui`.
 */
const meta = {
  title: 'Controls/Progress',
  component: LinearProgress,
  args: { label: 'Uploading', value: 0.4 },
} satisfies Meta<typeof LinearProgress>

export default meta
type Story = StoryObj<typeof meta>

function Upload() {
  const [value, setValue] = useState(0.2)
  return (
    <div style={{ display: 'grid', gap: 16, maxInlineSize: 360 }}>
      <LinearProgress label="Uploading" value={value} />
      <CircularProgress label="Uploading (ring)" value={value} />
      <Button variant="tonal" onClick={() => setValue((v) => Math.min(1, v + 0.3))}>
        More
      </Button>
    </div>
  )
}

/** Determinate: the bar and ring follow the value, announced in percent. */
export const Determinate: Story = {
  render: () => <Upload />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const bar = canvas.getByRole('progressbar', { name: 'Uploading' })
    await expect(bar).toHaveAttribute('aria-valuenow', '20')
    await expect(bar).toHaveAttribute('aria-valuemin', '0')
    await expect(bar).toHaveAttribute('aria-valuemax', '100')
    await userEvent.click(canvas.getByRole('button', { name: 'More' }))
    await expect(bar).toHaveAttribute('aria-valuenow', '50')
    const indicator = bar.querySelector<HTMLElement>('[data-part="indicator"]')!
    await waitFor(() =>
      expect(Math.round(indicator.getBoundingClientRect().width)).toBe(
        Math.round(bar.getBoundingClientRect().width / 2),
      ),
    )
    await expect(canvas.getByRole('progressbar', { name: 'Uploading (ring)' })).toHaveAttribute(
      'aria-valuenow',
      '50',
    )
  },
}

/** Indeterminate: no value; a moving bar and a spinning ring (a pulse with reduced motion). */
export const Indeterminate: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 16, maxInlineSize: 360 }}>
      <LinearProgress label="Loading tasks" />
      <CircularProgress label="Loading" size={32} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const bar = canvas.getByRole('progressbar', { name: 'Loading tasks' })
    await expect(bar).not.toHaveAttribute('aria-valuenow')
    const ring = canvas.getByRole('progressbar', { name: 'Loading' })
    await expect(ring.getBoundingClientRect().width).toBe(32)
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches
    const indicator = bar.querySelector('[data-part="indicator"]')!
    await expect(getComputedStyle(indicator).animationName).toBe(
      reduced ? 'metal-progress-pulse' : 'metal-progress-linear',
    )
    await expect(getComputedStyle(ring.querySelector('svg')!).animationName).toBe(
      reduced ? 'metal-progress-pulse' : 'metal-progress-spin',
    )
  },
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => (
    <div style={{ display: 'grid', gap: 16, maxInlineSize: 360 }}>
      <LinearProgress label="Saving" value={0.7} />
      <LinearProgress label="Syncing" />
      <CircularProgress label="Loading" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('progressbar')).toHaveLength(3)
  },
}

/** Right to left: the bar fills from the right. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl" style={{ maxInlineSize: 360 }}>
      <LinearProgress label="جارٍ الرفع" value={0.3} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const bar = within(canvasElement).getByRole('progressbar', { name: 'جارٍ الرفع' })
    const indicator = bar.querySelector('[data-part="indicator"]')!
    await expect(Math.round(indicator.getBoundingClientRect().right)).toBe(
      Math.round(bar.getBoundingClientRect().right),
    )
  },
}
