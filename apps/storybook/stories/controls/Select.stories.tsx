import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Select, type SelectProps } from '@metal/ui/react'
import { findNativeControls } from '../support/nativeControls.js'

const STATUSES = [
  { value: 'todo', label: 'To do' },
  { value: 'doing', label: 'In progress' },
  { value: 'review', label: 'In review' },
  { value: 'done', label: 'Done' },
  { value: 'dropped', label: 'Dropped', disabled: true },
]

/**
 * Material 3 select (exposed dropdown menu) on the listbox pattern: a button with role
 * `combobox` inside the text field's frame keeps focus while `aria-activedescendant` follows the
 * highlighted option of a listbox shown in the top layer. Arrows, Home/End, typeahead,
 * Enter/Space pick, Escape closes. No native `<select>`. The logic is `connectSelect`.
 */
const meta = {
  title: 'Controls/Select',
  component: Select,
  args: { label: 'Status', value: null, options: STATUSES, onValueChange: fn() },
  argTypes: { variant: { control: 'inline-radio', options: ['outlined', 'filled'] } },
  render: (args) => <Controlled {...args} />,
} satisfies Meta<typeof Select>

export default meta
type Story = StoryObj<typeof meta>

function Controlled(props: SelectProps) {
  const [value, setValue] = useState(props.value)
  return (
    <div style={{ maxWidth: 320 }}>
      <Select
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

const listbox = () => document.querySelector('[role="listbox"]') as HTMLElement
const option = (name: string) => within(listbox()).getByRole('option', { name })

/** Click to open, click an option to pick it; the listbox sits under the field in the top layer. */
export const Outlined: Story = {
  args: { supportingText: 'Where the task stands' },
  play: async ({ canvasElement, args }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    await expect(findNativeControls(canvasElement)).toEqual([])
    await userEvent.click(combo)
    await expect(combo).toHaveAttribute('aria-expanded', 'true')
    await waitFor(() => expect(listbox().matches(':popover-open')).toBe(true))
    const field = combo.closest('[data-part="container"]')!.getBoundingClientRect()
    await waitFor(() =>
      expect(listbox().getBoundingClientRect().top).toBeGreaterThanOrEqual(field.bottom),
    )
    await expect(listbox().getBoundingClientRect().width).toBeGreaterThanOrEqual(field.width - 1)
    await userEvent.click(option('In review'))
    await expect(args.onValueChange).toHaveBeenCalledWith('review')
    await expect(combo).toHaveTextContent('In review')
    await expect(combo).toHaveFocus()
    await expect(combo).toHaveAttribute('aria-expanded', 'false')
  },
}

/** Open: the listbox under the field, the picked option checked (left open for the picture). */
export const Open: Story = {
  args: { value: 'doing' },
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    await userEvent.click(combo)
    await waitFor(() => expect(listbox().matches(':popover-open')).toBe(true))
    await expect(option('In progress')).toHaveAttribute('aria-selected', 'true')
  },
}

/** The keyboard: arrows skip the disabled option, typeahead jumps, Enter picks, Escape closes. */
export const Keyboard: Story = {
  args: { variant: 'filled', value: 'doing' },
  play: async ({ canvasElement, args }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    combo.focus()
    await userEvent.keyboard('{ArrowDown}')
    await expect(combo).toHaveAttribute('aria-activedescendant', option('In progress').id)
    await expect(option('In progress')).toHaveAttribute('aria-selected', 'true')
    await userEvent.keyboard('{End}')
    await expect(combo).toHaveAttribute('aria-activedescendant', option('Done').id)
    await userEvent.keyboard('{ArrowDown}')
    await expect(combo).toHaveAttribute('aria-activedescendant', option('Done').id)
    await userEvent.keyboard('{Escape}')
    await expect(combo).toHaveAttribute('aria-expanded', 'false')
    await expect(args.onValueChange).not.toHaveBeenCalled()
    await userEvent.keyboard('t')
    await expect(combo).toHaveAttribute('aria-activedescendant', option('To do').id)
    await userEvent.keyboard('{Enter}')
    await expect(args.onValueChange).toHaveBeenCalledWith('todo')
    await expect(combo).toHaveTextContent('To do')
  },
}

/** An error under the field, and a required mark. */
export const WithError: Story = {
  args: { required: true, error: 'Pick a status' },
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    await expect(combo).toHaveAttribute('aria-invalid', 'true')
    await expect(combo).toHaveAccessibleDescription('Pick a status')
  },
}

/** Disabled: it does not open. */
export const Disabled: Story = {
  args: { disabled: true, value: 'done' },
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    await expect(combo).toBeDisabled()
    await expect(combo).toHaveTextContent('Done')
  },
}

/** Dark theme: the listbox is a dark surface container. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { value: 'todo' },
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'Status' })
    await userEvent.click(combo)
    // --metal-sys-color-surface-container, dark: #211f24
    await waitFor(() => expect(getComputedStyle(listbox()).backgroundColor).toBe('rgb(33, 31, 36)'))
    await userEvent.keyboard('{Escape}')
    await expect(combo).toHaveAttribute('aria-expanded', 'false')
  },
}

/** Right to left: the arrow sits at the left end and the listbox lines up with the right edge. */
export const RightToLeft: Story = {
  args: {
    label: 'الحالة',
    options: [
      { value: 'a', label: 'مفتوح' },
      { value: 'b', label: 'مغلق' },
    ],
  },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <Controlled {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: 'الحالة' })
    const box = combo.getBoundingClientRect()
    const arrow = combo.querySelector('[data-part="indicator"]')!.getBoundingClientRect()
    await expect(arrow.left).toBeLessThan(box.left + box.width / 2)
    await userEvent.click(combo)
    await waitFor(() => expect(listbox().matches(':popover-open')).toBe(true))
    const field = combo.closest('[data-part="container"]')!.getBoundingClientRect()
    await waitFor(() =>
      expect(Math.abs(listbox().getBoundingClientRect().right - field.right)).toBeLessThan(2),
    )
    await userEvent.keyboard('{Escape}')
  },
}
