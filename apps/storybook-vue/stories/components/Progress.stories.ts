import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Button, CircularProgress, LinearProgress } from '@metal/ui/vue'

/**
 * Material 3 progress indicators, linear and circular (`role="progressbar"`): determinate with a
 * `value` from 0 to 1, or indeterminate without one. `label` is the accessible name.
 *
 * ```vue
 * <LinearProgress label="Uploading" :value="0.4" />
 * <CircularProgress label="Loading" />
 * ```
 */
const meta = {
  title: 'Controls/Progress',
  component: LinearProgress,
  args: { label: 'Uploading', value: 0.4 },
  argTypes: { value: { control: { type: 'range', min: 0, max: 1, step: 0.05 } } },
} satisfies Meta<typeof LinearProgress>

export default meta
type Story = StoryObj<typeof meta>

/** Determinate: the value is announced as a percentage and drawn to scale; it follows a ref. */
export const Determinate: Story = {
  render: () => ({
    components: { Button, CircularProgress, LinearProgress },
    setup: () => ({ value: ref(0.4) }),
    template: `
      <div style="display: grid; gap: 24px; max-width: 480px">
        <LinearProgress label="Uploading" :value="value" />
        <CircularProgress label="Saving" :value="value" />
        <div><Button variant="tonal" @click="value = Math.min(1, value + 0.3)">More</Button></div>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const bar = canvas.getByRole('progressbar', { name: 'Uploading' })
    await expect(bar).toHaveAttribute('aria-valuenow', '40')
    await expect(canvas.getByRole('progressbar', { name: 'Saving' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    )
    await userEvent.click(canvas.getByRole('button', { name: 'More' }))
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '70'))
  },
}

/** Indeterminate: no value, an animation, and no `aria-valuenow`. */
export const Indeterminate: Story = {
  render: () => ({
    components: { CircularProgress, LinearProgress },
    template: `
      <div style="display: grid; gap: 24px; max-width: 480px">
        <LinearProgress label="Loading tasks" />
        <CircularProgress label="Loading" :size="32" />
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('progressbar', { name: 'Loading tasks' })).not.toHaveAttribute(
      'aria-valuenow',
    )
    const circle = canvas.getByRole('progressbar', { name: 'Loading' })
    await expect(circle.getBoundingClientRect().width).toBe(32)
  },
}
