import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { TextField, type TextFieldProps } from '@metal/ui/react'

/**
 * Material 3 text field, outlined or filled: a real `<input>` (or a growing `<textarea>`)
 * labelled by a `<label for>` that rests inside the empty field and floats above it on focus or
 * value, supporting or error text (`aria-invalid`, `aria-describedby`), a character counter,
 * leading icon and trailing slot. The logic is `connectTextField` in `@metal/ui`.
 */
const meta = {
  title: 'Controls/TextField',
  component: TextField,
  args: { label: 'Name', value: '', onValueChange: fn() },
  argTypes: {
    variant: { control: 'inline-radio', options: ['outlined', 'filled'] },
  },
  render: (args) => <Controlled {...args} />,
} satisfies Meta<typeof TextField>

export default meta
type Story = StoryObj<typeof meta>

function Controlled(props: TextFieldProps) {
  const [value, setValue] = useState(props.value)
  return (
    <div style={{ maxWidth: 360 }}>
      <TextField
        {...props}
        value={value}
        onValueChange={(v) => {
          setValue(v)
          props.onValueChange(v)
        }}
      />
    </div>
  )
}

const rootOf = (el: HTMLElement) => el.closest('[data-part="root"]') as HTMLElement
const labelOf = (el: HTMLElement) => rootOf(el).querySelector('label') as HTMLElement

/** Outlined: the label rests inside, floats into the outline's notch on focus, and stays up with a value. */
export const Outlined: Story = {
  args: { supportingText: 'As it appears on the invoice' },
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Name' })
    const label = labelOf(input)
    const restingTop = label.getBoundingClientRect().top
    await expect(rootOf(input)).not.toHaveAttribute('data-floating')
    await userEvent.click(input)
    await expect(rootOf(input)).toHaveAttribute('data-floating')
    await userEvent.type(input, 'Ada Lovelace')
    await expect(args.onValueChange).toHaveBeenLastCalledWith('Ada Lovelace')
    await userEvent.tab()
    await expect(rootOf(input)).toHaveAttribute('data-floating')
    await expect(input).toHaveAccessibleDescription('As it appears on the invoice')
    // The label sits on the outline now, above where it rested (transitions may still run).
    await waitFor(() => expect(label.getBoundingClientRect().top).toBeLessThan(restingTop - 10))
    const legend = rootOf(input).querySelector('legend') as HTMLElement
    await expect(legend.getBoundingClientRect().width).toBeGreaterThan(20)
  },
}

/** Filled: a tonal container with an active indicator under it. */
export const Filled: Story = {
  args: { variant: 'filled', label: 'City', value: 'Lisbon' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'City' })
    await expect(input).toHaveValue('Lisbon')
    await expect(rootOf(input)).toHaveAttribute('data-variant', 'filled')
    await expect(rootOf(input).querySelector('fieldset')).toBeNull()
    await userEvent.clear(input)
    await userEvent.type(input, 'Porto')
    await expect(input).toHaveValue('Porto')
  },
}

/** An error replaces the supporting text, sets aria-invalid and shows the error icon. */
export const WithError: Story = {
  args: {
    label: 'Email',
    type: 'email',
    value: 'ada@',
    required: true,
    supportingText: 'Work address',
    error: 'Enter an email address such as ada@example.com',
    leadingIcon: 'search',
  },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Email' })
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(input).toBeRequired()
    await expect(input).toHaveAccessibleDescription(
      'Enter an email address such as ada@example.com',
    )
    await expect(rootOf(input).querySelector('[data-icon="error"]')).not.toBeNull()
  },
}

/** A counter follows maxLength; the browser stops typing at the limit. */
export const Counter: Story = {
  args: { label: 'Code', maxLength: 8 },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Code' })
    await userEvent.type(input, 'ABCDEFGHIJ')
    await expect(input).toHaveValue('ABCDEFGH')
    await expect(rootOf(input).querySelector('[data-part="counter-text"]')).toHaveTextContent('8/8')
  },
}

/** Multiline: a textarea that grows as lines are added. */
export const Multiline: Story = {
  args: { label: 'Notes', multiline: true, rows: 2, variant: 'filled' },
  play: async ({ canvasElement }) => {
    const area = within(canvasElement).getByRole('textbox', { name: 'Notes' })
    await expect(area.tagName).toBe('TEXTAREA')
    const before = area.getBoundingClientRect().height
    await userEvent.type(area, 'one{Enter}two{Enter}three{Enter}four{Enter}five')
    await expect(area.getBoundingClientRect().height).toBeGreaterThan(before)
  },
}

/** Disabled and read-only fields. */
export const DisabledAndReadOnly: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 16, maxWidth: 360 }}>
      <TextField label="Disabled" value="Cannot change" onValueChange={() => {}} disabled />
      <TextField
        label="Read-only"
        value="Can select"
        onValueChange={() => {}}
        readOnly
        variant="filled"
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement)
    await expect(c.getByRole('textbox', { name: 'Disabled' })).toBeDisabled()
    await expect(c.getByRole('textbox', { name: 'Read-only' })).toHaveAttribute('readonly')
  },
}

/** Dark theme: error colours come from the dark scheme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { label: 'Email', value: 'x', error: 'Not an email address' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Email' })
    const error = rootOf(input).querySelector('[data-part="error-text"]') as HTMLElement
    // --metal-sys-color-error, dark: #ffb4ab
    await expect(getComputedStyle(error).color).toBe('rgb(255, 180, 171)')
  },
}

/** Right to left: the label and the leading icon start on the right. */
export const RightToLeft: Story = {
  args: { label: 'الاسم', leadingIcon: 'search', supportingText: 'نص مساعد' },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <Controlled {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'الاسم' })
    const root = rootOf(input).getBoundingClientRect()
    const icon = rootOf(input).querySelector('[data-part="leading-icon"]')!.getBoundingClientRect()
    await expect(icon.left).toBeGreaterThan(root.left + root.width / 2)
    const label = labelOf(input).getBoundingClientRect()
    await expect(label.right).toBeGreaterThan(root.left + root.width / 2)
  },
}
