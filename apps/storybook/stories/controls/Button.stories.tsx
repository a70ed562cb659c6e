import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { Button } from '@metal/ui/react'
import { plays } from './Button.shared.js'

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
  play: plays.Default,
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
  play: plays.Variants,
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
  play: plays.Focus,
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
  play: plays.Keyboard,
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
  play: plays.Dark,
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
  play: plays.RightToLeft,
}
