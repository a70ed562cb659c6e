import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DateField, type DateFieldProps } from '@metal/ui/react'
import { findNativeControls } from '../support/nativeControls.js'

/**
 * Material 3 date field: type a date in the locale's numeric order (or 'YYYY-MM-DD'), or pick
 * one in the calendar the icon button opens. The value is 'YYYY-MM-DD' or `null`; invalid text
 * shows an error and leaves the value alone. The calendar is a `role="grid"` month: arrows by
 * day and week (flipped right-to-left), PageUp/PageDown by month (Shift: year), Home/End to the
 * week's ends, Enter picks, Escape closes. Month and week-day names and the first day of the
 * week come from `Intl`. No native date input. The logic is `connectDateField` and the pure
 * calendar functions.
 */
const meta = {
  title: 'Controls/DateField',
  component: DateField,
  args: { label: 'Due date', value: '2024-11-05', today: '2024-11-20', onValueChange: fn() },
  argTypes: { variant: { control: 'inline-radio', options: ['outlined', 'filled'] } },
  render: (args) => <Controlled {...args} />,
} satisfies Meta<typeof DateField>

export default meta
type Story = StoryObj<typeof meta>

function Controlled(props: DateFieldProps) {
  const [value, setValue] = useState(props.value)
  return (
    <div style={{ maxWidth: 320 }}>
      <DateField
        {...props}
        value={value}
        onValueChange={(v) => {
          setValue(v)
          props.onValueChange(v)
        }}
      />
      <p>Value: {value ?? 'none'}</p>
    </div>
  )
}

const calendar = () => document.querySelector('[data-part="calendar"]') as HTMLElement

/** Open the calendar, move with the keyboard, pick with Enter. */
export const Calendar: Story = {
  play: async ({ canvasElement, args }) => {
    const c = within(canvasElement)
    await expect(findNativeControls(canvasElement)).toEqual([])
    const button = c.getByRole('button', { name: 'Choose date' })
    await userEvent.click(button)
    await waitFor(() => expect(calendar().matches(':popover-open')).toBe(true))
    const cal = within(calendar())
    await expect(cal.getByRole('grid', { name: 'November 2024' })).toBeInTheDocument()
    await waitFor(() =>
      expect(cal.getByRole('gridcell', { name: 'Tuesday, November 5, 2024' })).toHaveFocus(),
    )
    await expect(
      cal.getByRole('gridcell', { name: 'Wednesday, November 20, 2024' }),
    ).toHaveAttribute('aria-current', 'date')
    await userEvent.keyboard('{ArrowDown}{ArrowRight}{End}')
    await expect(cal.getByRole('gridcell', { name: 'Saturday, November 16, 2024' })).toHaveFocus()
    await userEvent.keyboard('{PageDown}')
    await expect(cal.getByRole('grid', { name: 'December 2024' })).toBeInTheDocument()
    await userEvent.keyboard('{Enter}')
    await expect(args.onValueChange).toHaveBeenLastCalledWith('2024-12-16')
    await expect(c.getByRole('textbox', { name: 'Due date' })).toHaveValue('12/16/2024')
    await expect(button).toHaveFocus()
  },
}

/** Typed text: the locale's order or ISO; anything else is an error and keeps the value. */
export const Typing: Story = {
  args: { variant: 'filled', supportingText: 'MM/DD/YYYY' },
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Due date' })
    await userEvent.clear(input)
    await userEvent.type(input, '1/9/2025{Enter}')
    await expect(args.onValueChange).toHaveBeenLastCalledWith('2025-01-09')
    await expect(input).toHaveValue('01/09/2025')
    await userEvent.clear(input)
    await userEvent.type(input, '2025-02-30{Enter}')
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(input).toHaveAccessibleDescription('Enter a date as MM/DD/YYYY')
    await expect(within(canvasElement).getByText('Value: 2025-01-09')).toBeInTheDocument()
  },
}

/** min and max: days outside are disabled, typed ones refused. */
export const MinMax: Story = {
  args: { min: '2024-11-04', max: '2024-11-29' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Due date' })
    await userEvent.clear(input)
    await userEvent.type(input, '12/01/2024{Enter}')
    await expect(input).toHaveAccessibleDescription('Enter a date on or before 11/29/2024')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Choose date' }))
    const cal = within(calendar())
    await expect(cal.getByRole('gridcell', { name: 'Sunday, November 3, 2024' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await expect(cal.getByRole('button', { name: 'Next month' })).toBeDisabled()
    await userEvent.keyboard('{Escape}')
  },
}

/** German: day.month.year, weeks start on Monday, German names; the calendar stays open. */
export const German: Story = {
  args: { locale: 'de-DE', label: 'Fällig am' },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Fällig am' })
    await expect(input).toHaveValue('05.11.2024')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Choose date' }))
    const cal = within(calendar())
    await expect(cal.getByRole('grid', { name: 'November 2024' })).toBeInTheDocument()
    await expect(cal.getAllByRole('columnheader')[0]).toHaveAttribute('abbr', 'Montag')
    // Left open: the accessibility check runs over the calendar too.
  },
}

/** Dark theme: the selected day is filled with the dark primary. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Choose date' }))
    const selected = within(calendar()).getByRole('gridcell', { name: 'Tuesday, November 5, 2024' })
    await waitFor(() =>
      expect(getComputedStyle(selected).backgroundColor).toBe('rgb(207, 189, 254)'),
    )
    await userEvent.keyboard('{Escape}')
  },
}

/** Right to left (Arabic): the left arrow moves to the next day. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG', label: 'تاريخ الاستحقاق' },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <Controlled {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Choose date' }))
    const focused = () => document.activeElement as HTMLElement
    await waitFor(() => expect(focused().getAttribute('role')).toBe('gridcell'))
    const start = focused().getAttribute('aria-label')
    await userEvent.keyboard('{ArrowLeft}')
    const next = focused()
    await expect(next.getAttribute('aria-label')).not.toBe(start)
    await expect(next.id.endsWith('2024-11-06')).toBe(true)
    await userEvent.keyboard('{Escape}')
  },
}
