import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Checkbox } from '@metal/ui/react'

/**
 * Material 3 checkbox: an 18 px box with an animated check or dash, in a 40 px state-layer
 * target. A native checkbox lies invisibly over the target, so labels, forms and screen readers
 * work as usual. The props come from `connectCheckbox` in `@metal/ui`.
 */
const meta = {
  title: 'Controls/Checkbox',
  component: Checkbox,
  args: { checked: false, label: 'Email me', onCheckedChange: fn() },
} satisfies Meta<typeof Checkbox>

export default meta
type Story = StoryObj<typeof meta>

function Controlled(props: { label: string; initial?: boolean; invalid?: boolean }) {
  const [checked, setChecked] = useState(props.initial ?? false)
  return (
    <Checkbox
      checked={checked}
      onCheckedChange={setChecked}
      label={props.label}
      invalid={props.invalid}
    />
  )
}

/** Click the label or the box, or press Space: it toggles. Nothing native shows. */
export const Default: Story = {
  render: () => <Controlled label="Email me" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const box = canvas.getByRole('checkbox', { name: 'Email me' })
    await expect(getComputedStyle(box).opacity).toBe('0')
    // The native input covers the whole 40 px target.
    await expect(box.getBoundingClientRect().width).toBe(40)
    await userEvent.click(canvas.getByText('Email me'))
    await expect(box).toBeChecked()
    await userEvent.keyboard(' ')
    await expect(box).not.toBeChecked()
    await userEvent.click(box)
    await expect(box).toBeChecked()
    await expect(box.closest('label')).toHaveAttribute('data-state', 'checked')
  },
}

function SelectAll() {
  const [items, setItems] = useState({ Apples: true, Pears: false, Plums: false })
  const values = Object.values(items)
  const all = values.every(Boolean)
  const some = !all && values.some(Boolean)
  return (
    <div role="group" aria-label="Fruit" style={{ display: 'grid' }}>
      <Checkbox
        checked={all}
        indeterminate={some}
        label="All fruit"
        onCheckedChange={(checked) => setItems({ Apples: checked, Pears: checked, Plums: checked })}
      />
      {Object.entries(items).map(([name, checked]) => (
        <span key={name} style={{ paddingInlineStart: 24 }}>
          <Checkbox
            checked={checked}
            label={name}
            onCheckedChange={(next) => setItems((all) => ({ ...all, [name]: next }))}
          />
        </span>
      ))}
    </div>
  )
}

/** "Some selected" shows a dash; clicking it selects all, then none. */
export const Indeterminate: Story = {
  render: () => <SelectAll />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const all = canvas.getByRole<HTMLInputElement>('checkbox', { name: 'All fruit' })
    await expect(all).toBePartiallyChecked()
    await userEvent.click(all)
    await expect(all).toBeChecked()
    await expect(all.indeterminate).toBe(false)
    for (const name of ['Apples', 'Pears', 'Plums']) {
      await expect(canvas.getByRole('checkbox', { name })).toBeChecked()
    }
    await userEvent.click(all)
    await expect(canvas.getByRole('checkbox', { name: 'Pears' })).not.toBeChecked()
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Plums' }))
    await expect(all).toBePartiallyChecked()
    // The dash is drawn (scaled in); the check is not.
    const dash = canvasElement.querySelector('[data-state="indeterminate"] [data-mark="dash"]')!
    await waitFor(() => expect(getComputedStyle(dash).transform).toBe('matrix(1, 0, 0, 1, 0, 0)'))
  },
}

/** Error and disabled states. */
export const States: Story = {
  render: () => (
    <div style={{ display: 'grid' }}>
      <Controlled label="I accept the terms (required)" invalid />
      <Checkbox checked={false} disabled onCheckedChange={() => {}} label="Disabled" />
      <Checkbox checked disabled onCheckedChange={() => {}} label="Disabled, checked" />
      <Checkbox
        checked={false}
        indeterminate
        disabled
        onCheckedChange={() => {}}
        label="Disabled, some"
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const terms = canvas.getByRole('checkbox', { name: 'I accept the terms (required)' })
    await expect(terms).toHaveAttribute('aria-invalid', 'true')
    const disabled = canvas.getByRole('checkbox', { name: 'Disabled' })
    await expect(disabled).toBeDisabled()
    await userEvent.click(disabled)
    await expect(disabled).not.toBeChecked()
  },
}

/** Keyboard focus: the ring shows around the box, and the state layer. */
export const Focus: Story = {
  render: () => <Controlled label="Focus me" />,
  play: async ({ canvasElement }) => {
    const box = within(canvasElement).getByRole('checkbox', { name: 'Focus me' })
    await userEvent.tab()
    await expect(box).toHaveFocus()
    const indicator = canvasElement.querySelector('[data-part="indicator"]')!
    await expect(getComputedStyle(indicator).outlineStyle).toBe('solid')
  },
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => <SelectAll />,
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('checkbox', { name: 'All fruit' }),
    ).toBePartiallyChecked()
  },
}

/** Right to left: the box comes first, on the right. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl">
      <Controlled label="أرسل لي بريدًا" initial />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const box = canvas.getByRole('checkbox', { name: 'أرسل لي بريدًا' })
    const text = canvas.getByText('أرسل لي بريدًا')
    await expect(box.getBoundingClientRect().left).toBeGreaterThan(
      text.getBoundingClientRect().left,
    )
    await expect(box).toBeChecked()
  },
}
