import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { RadioGroup } from '@metal/ui/vue'

const OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'urgent', label: 'Urgent', disabled: true },
]

/**
 * A Material 3 radio group: one Tab stop, arrow keys that move and pick (Left/Right follow the
 * text direction), Home and End; disabled options are skipped. `v-model` is the picked value.
 *
 * ```vue
 * <RadioGroup v-model="priority" label="Priority" :options="options" />
 * ```
 */
const meta = {
  title: 'Controls/RadioGroup',
  component: RadioGroup,
  args: { label: 'Priority', options: OPTIONS, modelValue: 'medium' },
} satisfies Meta<typeof RadioGroup>

export default meta
type Story = StoryObj<typeof meta>

/** Click and arrow keys pick an option; the disabled one is skipped. */
export const Click: Story = {
  render: () => ({
    components: { RadioGroup },
    setup: () => ({ priority: ref('medium'), options: OPTIONS }),
    template: `
      <RadioGroup v-model="priority" label="Priority" :options="options" />
      <p data-testid="value">priority: {{ priority }}</p>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('radiogroup', { name: 'Priority' })).toBeVisible()
    await userEvent.click(canvas.getByRole('radio', { name: 'High' }))
    await expect(canvas.getByRole('radio', { name: 'High' })).toBeChecked()
    await expect(canvas.getByTestId('value')).toHaveTextContent('priority: high')
    // Down from the last enabled option wraps to the first: Urgent is disabled.
    await userEvent.keyboard('{ArrowDown}')
    await expect(canvas.getByRole('radio', { name: 'Low' })).toBeChecked()
    await expect(canvas.getByRole('radio', { name: 'Low' })).toHaveFocus()
    await expect(canvas.getByTestId('value')).toHaveTextContent('priority: low')
  },
}
