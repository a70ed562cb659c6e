import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Select } from '@metal/ui/vue'

const STATUSES = [
  { value: 'todo', label: 'To do' },
  { value: 'doing', label: 'In progress' },
  { value: 'done', label: 'Done' },
]

/**
 * A Material 3 select: a combobox that opens a listbox in the top layer, with arrow keys, Home,
 * End, typeahead and Enter. `v-model` is the picked value.
 *
 * ```vue
 * <Select v-model="status" label="Status" :options="[{ value: 'todo', label: 'To do' }]" />
 * ```
 */
const meta = {
  title: 'Controls/Select',
  component: Select,
  args: { label: 'Status', options: STATUSES, modelValue: 'todo' },
} satisfies Meta<typeof Select>

export default meta
type Story = StoryObj<typeof meta>

/** Clicking opens the list; a click picks; the keyboard moves and picks too. */
export const Open: Story = {
  render: () => ({
    components: { Select },
    setup: () => ({ status: ref('todo'), options: STATUSES }),
    template: `
      <div style="max-width: 280px; min-height: 260px">
        <Select v-model="status" label="Status" :options="options" />
        <p data-testid="value">status: {{ status }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    const combo = canvas.getByRole('combobox', { name: 'Status' })
    await userEvent.click(combo)
    await userEvent.click(await body.findByRole('option', { name: 'Done' }))
    await expect(canvas.getByTestId('value')).toHaveTextContent('status: done')
    await waitFor(() => expect(combo).toHaveAttribute('aria-expanded', 'false'))
    await expect(combo).toHaveTextContent('Done')

    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(combo).toHaveAttribute('aria-expanded', 'true'))
    await userEvent.keyboard('{Home}{Enter}')
    await expect(canvas.getByTestId('value')).toHaveTextContent('status: todo')
    await waitFor(() => expect(combo).toHaveAttribute('aria-expanded', 'false'))
    // Left open for its picture (scripts/screenshots.mjs).
    await userEvent.click(combo)
    await expect(await body.findByRole('option', { name: 'To do' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
  },
}

/** An error message under the field, announced as its description. */
export const WithError: Story = {
  render: () => ({
    components: { Select },
    setup: () => ({ status: ref<string | null>(null), options: STATUSES }),
    template: `
      <div style="max-width: 280px">
        <Select v-model="status" label="Status" :options="options" required error="Pick a status" />
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const combo = within(canvasElement).getByRole('combobox', { name: /Status/ })
    await expect(combo).toHaveAttribute('aria-invalid', 'true')
    await expect(combo).toHaveAccessibleDescription(/Pick a status/)
  },
}
