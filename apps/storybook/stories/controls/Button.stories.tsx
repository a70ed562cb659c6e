import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Button } from '@metal/ui/react'

/**
 * Material 3 common buttons: filled, tonal, elevated, outlined and text, as full pills with a
 * state layer (hover 8 %, focus and press 10 %) and a focus ring. `danger` switches to the error
 * colours. The props come from `connectButton` in `@metal/ui`; the view only renders them.
 */
const meta = {
  title: 'Controls/Button',
  component: Button,
  args: { children: 'Save', onClick: fn() },
  argTypes: {
    variant: {
      control: 'inline-radio',
      options: ['filled', 'tonal', 'elevated', 'outlined', 'text'],
    },
  },
} satisfies Meta<typeof Button>

export default meta
type Story = StoryObj<typeof meta>

const VARIANTS = ['filled', 'tonal', 'elevated', 'outlined', 'text'] as const

function Row({ danger, disabled }: { danger?: boolean; disabled?: boolean }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBlockEnd: 16 }}>
      {VARIANTS.map((variant) => (
        <Button key={variant} variant={variant} danger={danger} disabled={disabled}>
          {variant[0]!.toUpperCase() + variant.slice(1)}
        </Button>
      ))}
      <Button variant="filled" icon="add" danger={danger} disabled={disabled}>
        With icon
      </Button>
      <Button variant="text" trailingIcon="chevronRight" danger={danger} disabled={disabled}>
        Next
      </Button>
    </div>
  )
}

/** One button: click it, tab to it. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Save' })
    await expect(button).toHaveAttribute('type', 'button')
    await expect(button).toHaveAttribute('data-variant', 'filled')
    await userEvent.click(button)
    await expect(args.onClick).toHaveBeenCalledTimes(1)
    // Radius is a full pill: half the height or more.
    const style = getComputedStyle(button)
    await expect(parseFloat(style.borderTopLeftRadius)).toBeGreaterThanOrEqual(
      button.offsetHeight / 2,
    )
  },
}

/** Every variant, plain, danger and disabled. */
export const Variants: Story = {
  render: () => (
    <>
      <Row />
      <Row danger />
      <Row disabled />
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const filled = canvas.getAllByRole('button', { name: 'Filled' })
    await expect(filled).toHaveLength(3)
    // Danger uses the error role; disabled ones cannot be pressed.
    const [plain, danger, disabled] = filled
    await expect(getComputedStyle(danger!).backgroundColor).not.toBe(
      getComputedStyle(plain!).backgroundColor,
    )
    await expect(disabled).toBeDisabled()
    await expect(
      canvas.getAllByRole('button', { name: 'With icon' })[0]!.querySelector('svg'),
    ).toHaveAttribute('aria-hidden', 'true')
  },
}

/**
 * Keyboard focus shows the ring and the 10 % state layer (a real mouse hover shows 8 %; synthetic
 * pointer events cannot trigger `:hover`, so only focus is checked here).
 */
export const Focus: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 12 }}>
      <Button variant="outlined">First</Button>
      <Button variant="tonal">Second</Button>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const first = canvas.getByRole('button', { name: 'First' })
    await userEvent.tab()
    await expect(first).toHaveFocus()
    await expect(getComputedStyle(first).outlineStyle).toBe('solid')
    // The state layer fades in (a short transition), so wait for it to settle.
    await waitFor(() => expect(getComputedStyle(first, '::before').opacity).toBe('0.1'))
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Second' })).toHaveFocus()
    await waitFor(() => expect(getComputedStyle(first, '::before').opacity).toBe('0'))
  },
}

function Counter() {
  const [count, setCount] = useState(0)
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
      <Button variant="tonal" icon="add" onClick={() => setCount((n) => n + 1)}>
        Add one
      </Button>
      <output>{count}</output>
    </div>
  )
}

/** Space and Enter press a focused button. */
export const Keyboard: Story = {
  render: () => <Counter />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const button = canvas.getByRole('button', { name: 'Add one' })
    button.focus()
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard(' ')
    await expect(canvasElement.querySelector('output')).toHaveTextContent('2')
  },
}

/** Dark theme: every variant stays readable (axe checks the contrast). */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => (
    <>
      <Row />
      <Row danger />
    </>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('button')).toHaveLength(14)
  },
}

/** Right to left: the leading icon sits on the right, the trailing chevron points left. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl" style={{ display: 'flex', gap: 12 }}>
      <Button icon="add">جديد</Button>
      <Button variant="text" trailingIcon="chevronRight">
        التالي
      </Button>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'جديد' })
    const icon = button.querySelector('svg')!
    const label = button.querySelector('[data-part="label"]')!
    await expect(icon.getBoundingClientRect().left).toBeGreaterThan(
      label.getBoundingClientRect().left,
    )
  },
}
