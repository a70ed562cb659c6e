import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Button, ConfirmDialog, Dialog, TextField } from '@metal/ui/vue'

/**
 * A Material 3 dialog: a modal `<dialog>` (`showModal`) that takes focus and gives it back,
 * closes on Escape (and a scrim click unless `close-on-scrim` is false). `v-model:open` is its
 * state; `close(reason)` says why it closed. `title` and `actions` are slots (or a `title` prop).
 * `ConfirmDialog` asks one question (`role="alertdialog"`) and emits `confirm`.
 *
 * ```vue
 * <Dialog v-model:open="renaming" title="Rename">
 *   <TextField v-model="name" label="Name" />
 *   <template #actions="{ close }"><Button variant="text" @click="close()">Done</Button></template>
 * </Dialog>
 * ```
 */
const meta = {
  title: 'Controls/Dialog',
  component: Dialog,
  args: { open: false, title: 'Rename' },
} satisfies Meta<typeof Dialog>

export default meta
type Story = StoryObj<typeof meta>

/** Opens with focus inside; the action closes it and focus returns to the button. */
export const Basic: Story = {
  render: () => ({
    components: { Button, Dialog, TextField },
    setup: () => ({ open: ref(false), name: ref('Quarterly report'), reason: ref('none') }),
    template: `
      <Button variant="tonal" @click="open = true">Rename</Button>
      <p data-testid="value">{{ name }} (closed: {{ reason }})</p>
      <Dialog v-model:open="open" title="Rename" @close="(r) => (reason = r)">
        <TextField v-model="name" label="Name" />
        <template #actions="{ close }">
          <Button variant="text" @click="close()">Done</Button>
        </template>
      </Dialog>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    const trigger = canvas.getByRole('button', { name: 'Rename' })
    await userEvent.click(trigger)
    const dialog = await body.findByRole('dialog', { name: 'Rename' })
    await waitFor(() => expect(dialog).toBeVisible())
    const input = within(dialog).getByRole('textbox', { name: 'Name' })
    await userEvent.clear(input)
    await userEvent.type(input, 'Annual report')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(dialog).not.toBeVisible())
    await expect(canvas.getByTestId('value')).toHaveTextContent('Annual report (closed:')
    await waitFor(() => expect(trigger).toHaveFocus())
    // Left open for its picture (scripts/screenshots.mjs).
    await userEvent.click(trigger)
    await waitFor(() => expect(dialog).toBeVisible())
  },
}

/** A destructive confirmation: Cancel keeps things, Delete emits `confirm`. */
export const ConfirmDestructive: Story = {
  render: () => ({
    components: { Button, ConfirmDialog },
    setup: () => ({ asking: ref(false), deleted: ref(0) }),
    template: `
      <Button danger @click="asking = true">Delete 3 tasks</Button>
      <p data-testid="value">deleted {{ deleted }} times</p>
      <ConfirmDialog v-model:open="asking" title="Delete 3 tasks?" message="This cannot be undone."
        confirm-label="Delete" destructive @confirm="deleted++" />`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    await userEvent.click(canvas.getByRole('button', { name: 'Delete 3 tasks' }))
    const dialog = await body.findByRole('alertdialog', { name: 'Delete 3 tasks?' })
    await waitFor(() => expect(dialog).toBeVisible())
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(dialog).not.toBeVisible())
    await expect(canvas.getByTestId('value')).toHaveTextContent('deleted 0 times')
    await userEvent.click(canvas.getByRole('button', { name: 'Delete 3 tasks' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await expect(canvas.getByTestId('value')).toHaveTextContent('deleted 1 times')
    // Left open for its picture (scripts/screenshots.mjs).
    await userEvent.click(canvas.getByRole('button', { name: 'Delete 3 tasks' }))
    await waitFor(() => expect(dialog).toBeVisible())
  },
}
