import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { Chip, ChipInput, type ChipInputProps } from '@metal/ui/react'

/**
 * Material 3 chips. `<Chip>`: an assist chip (`onClick`), a filter chip (`selected`, with a
 * check) or a plain value, each optionally with a remove button. `<ChipInput>`: input chips in a
 * field frame — Enter or a comma adds the trimmed text (no duplicates), Backspace in the empty
 * input removes the last chip, every chip's remove button is reachable with Tab, and changes
 * are announced. The logic is `connectChip` / `connectChipInput`.
 */
const meta = {
  title: 'Controls/Chips',
  component: ChipInput,
  args: { label: 'Tags', value: ['urgent', 'backend'], onValueChange: fn() },
  argTypes: { variant: { control: 'inline-radio', options: ['outlined', 'filled'] } },
  render: (args) => <Controlled {...args} />,
} satisfies Meta<typeof ChipInput>

export default meta
type Story = StoryObj<typeof meta>

function Controlled(props: ChipInputProps) {
  const [value, setValue] = useState(props.value)
  return (
    <div style={{ maxWidth: 420 }}>
      <ChipInput
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

const labels = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-scope="chip"][data-part="label"]')].map((el) => el.textContent)

/** Type and press Enter or a comma to add; Backspace removes the last chip. */
export const Input: Story = {
  args: { supportingText: 'Enter or comma adds a tag', placeholder: 'Add a tag' },
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Tags' })
    await userEvent.type(input, '  frontend {Enter}')
    await expect(labels(canvasElement)).toEqual(['urgent', 'backend', 'frontend'])
    await userEvent.type(input, 'docs,')
    await expect(args.onValueChange).toHaveBeenLastCalledWith([
      'urgent',
      'backend',
      'frontend',
      'docs',
    ])
    await userEvent.type(input, 'urgent{Enter}')
    await expect(labels(canvasElement)).toHaveLength(4)
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'urgent is already there',
    )
    await userEvent.clear(input)
    await userEvent.keyboard('{Backspace}')
    await expect(labels(canvasElement)).toEqual(['urgent', 'backend', 'frontend'])
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Remove backend' }))
    await expect(labels(canvasElement)).toEqual(['urgent', 'frontend'])
    await expect(input).toHaveFocus()
  },
}

/** At most three chips, in the filled field. */
export const MaxItems: Story = {
  args: { variant: 'filled', maxItems: 3, value: ['a', 'b'] },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Tags' })
    await userEvent.type(input, 'c{Enter}d{Enter}')
    await expect(labels(canvasElement)).toEqual(['a', 'b', 'c'])
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Only 3 items allowed',
    )
  },
}

/** Assist and filter chips, and a removable one. */
export const ChipKinds: Story = {
  render: () => <Kinds />,
  play: async ({ canvasElement }) => {
    const c = within(canvasElement)
    const mine = c.getByRole('button', { name: 'Assigned to me' })
    await expect(mine).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(mine)
    await expect(mine).toHaveAttribute('aria-pressed', 'true')
    await expect(mine.querySelector('[data-icon="check"]')).not.toBeNull()
    await userEvent.click(c.getByRole('button', { name: 'Remove Ada Lovelace' }))
    await expect(c.queryByText('Ada Lovelace')).toBeNull()
  },
}

function Kinds() {
  const [mine, setMine] = useState(false)
  const [person, setPerson] = useState(true)
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <Chip label="Search help" icon="search" onClick={() => {}} />
      <Chip label="Assigned to me" selected={mine} onClick={() => setMine(!mine)} />
      <Chip label="Done" selected onClick={() => {}} />
      {person ? <Chip label="Ada Lovelace" onRemove={() => setPerson(false)} /> : null}
    </div>
  )
}

/** Dark theme: a selected filter chip uses the dark secondary container. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => <Kinds />,
  play: async ({ canvasElement }) => {
    const done = within(canvasElement).getByRole('button', { name: 'Done' })
    const root = done.closest('[data-part="root"]') as HTMLElement
    await expect(getComputedStyle(root).backgroundColor).toBe('rgb(74, 68, 88)')
  },
}

/** Right to left: chips run from the right, the remove button at each chip's left end. */
export const RightToLeft: Story = {
  args: { label: 'وسوم', value: ['أحمر', 'أزرق'] },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <Controlled {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const [first, second] = [
      ...canvasElement.querySelectorAll('[data-scope="chip"][data-part="root"]'),
    ].map((el) => el.getBoundingClientRect())
    await expect(first!.left).toBeGreaterThan(second!.left)
    const remove = within(canvasElement)
      .getByRole('button', { name: 'Remove أحمر' })
      .getBoundingClientRect()
    await expect(remove.left).toBeLessThan(first!.left + first!.width / 2)
  },
}
