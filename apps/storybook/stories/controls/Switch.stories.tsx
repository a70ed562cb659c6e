import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Switch } from '@metal/ui/react'

/**
 * Material 3 switch: a 52 × 32 track whose handle grows and slides when on, optionally with a
 * check or cross. A native `role="switch"` input lies invisibly over the track.
 */
const meta = {
  title: 'Controls/Switch',
  component: Switch,
  args: { checked: false, label: 'Live updates', onCheckedChange: fn() },
} satisfies Meta<typeof Switch>

export default meta
type Story = StoryObj<typeof meta>

function Controlled({
  label,
  icons,
  initial,
}: {
  label: string
  icons?: boolean
  initial?: boolean
}) {
  const [on, setOn] = useState(initial ?? false)
  return <Switch checked={on} onCheckedChange={setOn} label={label} icons={icons} />
}

function handleOf(control: HTMLElement) {
  return control.parentElement!.querySelector<HTMLElement>('[data-part="handle"]')!
}

/** Click or Space flips it; the handle grows from 16 to 24 px and slides to the end. */
export const Default: Story = {
  render: () => <Controlled label="Live updates" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const control = canvas.getByRole('switch', { name: 'Live updates' })
    const track = control.parentElement!
    await expect(track.offsetWidth).toBe(52)
    await expect(track.offsetHeight).toBe(32)
    await expect(getComputedStyle(control).opacity).toBe('0')
    const handle = handleOf(control)
    await expect(handle.offsetWidth).toBe(16)
    const offLeft = handle.getBoundingClientRect().left
    await userEvent.click(control)
    await expect(control).toBeChecked()
    await waitFor(() => expect(handle.offsetWidth).toBe(24))
    await waitFor(() => expect(handle.getBoundingClientRect().left).toBeGreaterThan(offLeft + 15))
    await userEvent.keyboard(' ')
    await expect(control).not.toBeChecked()
  },
}

/** With icons: a cross when off, a check when on; disabled ones cannot be flipped. */
export const IconsAndDisabled: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 8 }}>
      <Controlled label="Notifications" icons />
      <Switch checked={false} disabled onCheckedChange={() => {}} label="Disabled" />
      <Switch checked disabled onCheckedChange={() => {}} label="Disabled, on" icons />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const control = canvas.getByRole('switch', { name: 'Notifications' })
    await expect(handleOf(control).querySelector('svg')).toHaveAttribute('data-icon', 'close')
    await userEvent.click(canvas.getByText('Notifications'))
    await expect(handleOf(control).querySelector('svg')).toHaveAttribute('data-icon', 'check')
    const disabled = canvas.getByRole('switch', { name: 'Disabled' })
    await userEvent.click(disabled)
    await expect(disabled).not.toBeChecked()
  },
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => (
    <div style={{ display: 'grid', gap: 8 }}>
      <Controlled label="Off" />
      <Controlled label="On" initial icons />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('switch', { name: 'On' })).toBeChecked()
  },
}

/** Right to left: "on" slides the handle to the left end. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl">
      <Controlled label="تحديثات مباشرة" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const control = within(canvasElement).getByRole('switch', { name: 'تحديثات مباشرة' })
    const handle = handleOf(control)
    const offLeft = handle.getBoundingClientRect().left
    await userEvent.click(control)
    await waitFor(() => expect(handle.getBoundingClientRect().left).toBeLessThan(offLeft - 15))
  },
}
