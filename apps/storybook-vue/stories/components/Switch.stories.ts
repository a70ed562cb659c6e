import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { Switch } from '@metal/ui/vue'

/**
 * A Material 3 switch (`role="switch"`), optionally with icons in the handle. It is controlled:
 * `v-model` is the on state.
 *
 * ```vue
 * <Switch v-model="live" label="Live updates" icons />
 * ```
 */
const meta = {
  title: 'Controls/Switch',
  component: Switch,
  args: { modelValue: true, label: 'Live updates' },
} satisfies Meta<typeof Switch>

export default meta
type Story = StoryObj<typeof meta>

/** `v-model`, with and without icons, and disabled. */
export const IconsAndDisabled: Story = {
  render: () => ({
    components: { Switch },
    setup: () => ({ live: ref(true), wifi: ref(false) }),
    template: `
      <div style="display: grid; gap: 16px; justify-items: start">
        <Switch v-model="live" label="Live updates" />
        <Switch v-model="wifi" label="Wi-Fi" icons />
        <Switch :model-value="true" label="Locked on" disabled />
        <p data-testid="value">live: {{ live }}, wifi: {{ wifi }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const live = canvas.getByRole('switch', { name: 'Live updates' })
    await expect(live).toBeChecked()
    await userEvent.click(live)
    await expect(live).not.toBeChecked()
    const wifi = canvas.getByRole('switch', { name: 'Wi-Fi' })
    await userEvent.click(wifi)
    await expect(wifi).toBeChecked()
    await expect(canvas.getByTestId('value')).toHaveTextContent('live: false, wifi: true')
    await expect(canvas.getByRole('switch', { name: 'Locked on' })).toBeDisabled()
  },
}
