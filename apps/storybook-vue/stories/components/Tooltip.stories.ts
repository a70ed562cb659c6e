import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Button, IconButton, Tooltip } from '@metal/ui/vue'

/**
 * A plain Material 3 tooltip: shown on hover and keyboard focus of the element in its default
 * slot, hidden on Escape, placed in the top layer. `content` describes the child
 * (`aria-describedby`).
 *
 * ```vue
 * <Tooltip content="Export as CSV"><Button @click="exportCsv">Export</Button></Tooltip>
 * ```
 */
const meta = {
  title: 'Controls/Tooltip',
  component: Tooltip,
  args: { content: 'Export as CSV' },
} satisfies Meta<typeof Tooltip>

export default meta
type Story = StoryObj<typeof meta>

/** Keyboard focus shows the tip and describes the button; Escape hides it. */
export const Focus: Story = {
  render: () => ({
    components: { Button, IconButton, Tooltip },
    template: `
      <div style="display: flex; gap: 16px; padding-block-start: 48px">
        <Tooltip content="Export as CSV"><Button variant="tonal">Export</Button></Tooltip>
        <Tooltip content="Reload the rows"><IconButton icon="refresh" label="Refresh" /></Tooltip>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const button = canvas.getByRole('button', { name: 'Export' })
    await userEvent.tab()
    await expect(button).toHaveFocus()
    const tip = await within(document.body).findByRole('tooltip')
    await waitFor(() => expect(tip).toBeVisible())
    await expect(tip).toHaveTextContent('Export as CSV')
    await expect(button).toHaveAccessibleDescription('Export as CSV')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(within(document.body).queryByRole('tooltip')).toBeNull())
  },
}
