import { defineComponent, ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { fn } from 'storybook/test'
import { Button, type ButtonProps } from '@metal/ui/vue'
import { plays } from '../../../storybook/stories/controls/Button.shared.js'

const VARIANTS = ['filled', 'tonal', 'elevated', 'outlined', 'text'] as const

/** A row of every variant, plus a leading and a trailing icon. */
const Row = defineComponent({
  components: { Button },
  props: { danger: Boolean, disabled: Boolean },
  setup: () => ({ variants: VARIANTS }),
  template: `
    <div style="display: flex; flex-wrap: wrap; gap: 12px; margin-block-end: 16px">
      <Button v-for="variant in variants" :key="variant" :variant="variant" :danger="danger"
        :disabled="disabled">{{ variant[0].toUpperCase() + variant.slice(1) }}</Button>
      <Button variant="filled" icon="add" :danger="danger" :disabled="disabled">With icon</Button>
      <Button variant="text" trailing-icon="chevronRight" :danger="danger" :disabled="disabled">Next</Button>
    </div>`,
})

/** `@click` falls through to the `<button>`: a listener arg, for the play function to count. */
type ClickArgs = { onClick: () => void }

/**
 * Material 3 common buttons: filled, tonal, elevated, outlined and text, as full pills with a
 * state layer (hover 8 %, focus and press 10 %) and a focus ring. `danger` switches to the error
 * colours. The default slot is the label; `@click` and other attributes reach the `<button>`.
 * The props come from `connectButton` in `@metal/ui`, as for the React view.
 *
 * ```vue
 * <Button variant="tonal" icon="add" @click="create">New task</Button>
 * ```
 */
const meta = {
  title: 'Controls/Button',
  component: Button,
  args: { onClick: fn() },
  argTypes: {
    variant: {
      control: 'inline-radio',
      options: ['filled', 'tonal', 'elevated', 'outlined', 'text'],
    },
  },
  render: (args) => ({
    components: { Button },
    setup: () => ({ args }),
    template: '<Button v-bind="args">Save</Button>',
  }),
} satisfies Meta<ButtonProps & ClickArgs>

export default meta
type Story = StoryObj<typeof meta>

/** One button: click it; the label comes from the default slot. */
export const Default: Story = {
  play: plays.Default,
}

/** Every variant, plain, danger and disabled. */
export const Variants: Story = {
  render: () => ({
    components: { Row },
    template: '<Row /><Row danger /><Row disabled />',
  }),
  play: plays.Variants,
}

/** Keyboard focus shows the ring and the 10 % state layer. */
export const Focus: Story = {
  render: () => ({
    components: { Button },
    template: `
      <div style="display: flex; gap: 12px">
        <Button variant="outlined">First</Button>
        <Button variant="tonal">Second</Button>
      </div>`,
  }),
  play: plays.Focus,
}

/** Space and Enter press a focused button; `@click` counts. */
export const Keyboard: Story = {
  render: () => ({
    components: { Button },
    setup: () => ({ count: ref(0) }),
    template: `
      <div style="display: flex; gap: 12px; align-items: center">
        <Button variant="tonal" icon="add" @click="count++">Add one</Button>
        <output>{{ count }}</output>
      </div>`,
  }),
  play: plays.Keyboard,
}

/** Dark theme: every variant stays readable (axe checks the contrast). */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => ({ components: { Row }, template: '<Row /><Row danger />' }),
  play: plays.Dark,
}

/** Right to left: the leading icon sits on the right, the trailing chevron points left. */
export const RightToLeft: Story = {
  render: () => ({
    components: { Button },
    template: `
      <div dir="rtl" style="display: flex; gap: 12px">
        <Button icon="add">جديد</Button>
        <Button variant="text" trailing-icon="chevronRight">التالي</Button>
      </div>`,
  }),
  play: plays.RightToLeft,
}
