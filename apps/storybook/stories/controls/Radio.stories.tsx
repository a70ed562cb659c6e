import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { RadioGroup } from '@metal/ui/react'

/**
 * Material 3 radio group: a labelled `radiogroup` with one Tab stop; arrow keys move and pick
 * (skipping disabled options, wrapping; Left/Right follow the text direction), Home and End too.
 * Native radios lie invisibly over drawn rings. The logic is `connectRadioGroup` in `@metal/ui`.
 */
const meta = {
  title: 'Controls/Radio',
  component: RadioGroup,
  args: {
    label: 'Priority',
    value: 'low',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ],
    onValueChange: fn(),
  },
} satisfies Meta<typeof RadioGroup>

export default meta
type Story = StoryObj<typeof meta>

const OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'urgent', label: 'Urgent (needs approval)', disabled: true },
  { value: 'high', label: 'High' },
]

function Controlled({
  orientation,
  initial = null,
}: {
  orientation?: 'vertical' | 'horizontal'
  initial?: string | null
}) {
  const [value, setValue] = useState<string | null>(initial)
  return (
    <>
      <button type="button">Before</button>
      <RadioGroup
        label="Priority"
        value={value}
        options={OPTIONS}
        onValueChange={setValue}
        orientation={orientation}
      />
      <output aria-label="Picked">{value}</output>
    </>
  )
}

/** Tab lands on one radio; arrows pick, skip the disabled one, and wrap. */
export const Keyboard: Story = {
  render: () => <Controlled initial="medium" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radiogroup', { name: 'Priority' })).toBeInTheDocument()
    canvas.getByRole('button', { name: 'Before' }).focus()
    await userEvent.tab()
    const medium = canvas.getByRole('radio', { name: 'Medium' })
    await expect(medium).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    const high = canvas.getByRole('radio', { name: 'High' })
    await expect(high).toHaveFocus()
    await expect(high).toBeChecked()
    await userEvent.keyboard('{ArrowDown}')
    await expect(canvas.getByRole('radio', { name: 'Low' })).toHaveFocus()
    await expect(canvas.getByLabelText('Picked')).toHaveTextContent('low')
    await userEvent.keyboard('{End}')
    await expect(high).toBeChecked()
    // Tab leaves the group: one stop only.
    await userEvent.tab()
    await expect(canvasElement.ownerDocument.activeElement?.getAttribute('role')).not.toBe('radio')
    // Nothing native shows.
    await expect(getComputedStyle(high).opacity).toBe('0')
  },
}

/** A click on a label picks it; the disabled one cannot be picked. */
export const Click: Story = {
  render: () => <Controlled />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByText('High'))
    await expect(canvas.getByRole('radio', { name: 'High' })).toBeChecked()
    await userEvent.click(canvas.getByText('Urgent (needs approval)'))
    await expect(canvas.getByRole('radio', { name: 'Urgent (needs approval)' })).not.toBeChecked()
    await expect(canvas.getByLabelText('Picked')).toHaveTextContent('high')
  },
}

/** Horizontal, dark. */
export const HorizontalDark: Story = {
  globals: { theme: 'dark' },
  render: () => <Controlled orientation="horizontal" initial="low" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const low = canvas.getByRole('radio', { name: 'Low' })
    const medium = canvas.getByRole('radio', { name: 'Medium' })
    await expect(medium.getBoundingClientRect().left).toBeGreaterThan(
      low.getBoundingClientRect().left,
    )
    low.focus()
    await userEvent.keyboard('{ArrowRight}')
    await expect(medium).toBeChecked()
  },
}

/** Right to left: Left moves to the next option (it lies to the left). */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl">
      <Controlled orientation="horizontal" initial="low" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const low = canvas.getByRole('radio', { name: 'Low' })
    const medium = canvas.getByRole('radio', { name: 'Medium' })
    await expect(medium.getBoundingClientRect().left).toBeLessThan(low.getBoundingClientRect().left)
    low.focus()
    await userEvent.keyboard('{ArrowLeft}')
    await expect(medium).toBeChecked()
    await expect(medium).toHaveFocus()
  },
}
