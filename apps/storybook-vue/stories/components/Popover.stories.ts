import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Popover, Switch } from '@metal/ui/vue'

/**
 * A Material 3 popover (a non-modal dialog in the top layer) anchored to an element, placed with
 * Floating UI. `v-model:open` is its state; Escape and a click outside close it and give focus
 * back to the anchor. The default slot is its content.
 *
 * ```vue
 * <button ref="filters" @click="open = !open">Filters</button>
 * <Popover v-model:open="open" :anchor="filters" label="Filter rows">…</Popover>
 * ```
 */
const meta = {
  title: 'Controls/Popover',
  component: Popover,
  args: { label: 'Filter rows', open: false, anchor: null },
} satisfies Meta<typeof Popover>

export default meta
type Story = StoryObj<typeof meta>

/** The button opens it (`v-model:open`); Escape closes it and focus returns to the button. */
export const Basic: Story = {
  render: () => ({
    components: { Popover, Switch },
    setup: () => ({ open: ref(false), anchor: ref<HTMLElement | null>(null), done: ref(true) }),
    template: `
      <div style="min-height: 240px">
        <button ref="anchor" class="metal-demo-button" type="button" aria-haspopup="dialog"
          :aria-expanded="open" @click="open = !open">Filters</button>
        <Popover v-model:open="open" :anchor="anchor" label="Filter rows">
          <div style="padding: 16px; display: grid; gap: 12px">
            <Switch v-model="done" label="Show done tasks" />
          </div>
        </Popover>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    const trigger = canvas.getByRole('button', { name: 'Filters' })
    await userEvent.click(trigger)
    const dialog = await body.findByRole('dialog', { name: 'Filter rows' })
    await waitFor(() => expect(dialog).toBeVisible())
    await expect(body.getByRole('switch', { name: 'Show done tasks' })).toBeChecked()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(body.queryByRole('dialog', { name: 'Filter rows' })).toBeNull())
    await expect(trigger).toHaveFocus()
    await userEvent.click(trigger)
    await expect(await body.findByRole('dialog', { name: 'Filter rows' })).toBeVisible()
  },
}
