import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { DateField } from '@metal/ui/vue'

/**
 * A Material 3 date field: a text field that reads typed dates in the `locale`'s order, with a
 * button that opens a calendar grid (arrow keys, Page Up/Down for months, Home/End for the week).
 * `v-model` is the ISO date (`'2024-11-16'`) or null.
 *
 * ```vue
 * <DateField v-model="due" label="Due" min="2024-01-01" />
 * ```
 */
const meta = {
  title: 'Controls/DateField',
  component: DateField,
  args: { label: 'Due date', modelValue: '2024-11-16', today: '2024-11-05' },
} satisfies Meta<typeof DateField>

export default meta
type Story = StoryObj<typeof meta>

/** Typing a date sets the model; the calendar picks one with the keyboard. */
export const Calendar: Story = {
  render: () => ({
    components: { DateField },
    setup: () => ({ due: ref<string | null>('2024-11-16') }),
    template: `
      <div style="max-width: 320px; min-height: 440px">
        <DateField v-model="due" label="Due date" today="2024-11-05" />
        <p data-testid="value">due: {{ due }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    const input = canvas.getByRole('textbox', { name: 'Due date' })
    await userEvent.clear(input)
    await userEvent.type(input, '11/20/2024')
    await userEvent.tab()
    await expect(canvas.getByTestId('value')).toHaveTextContent('due: 2024-11-20')

    await userEvent.click(canvas.getByRole('button', { name: 'Choose date' }))
    await expect(await body.findByRole('grid', { name: 'November 2024' })).toBeVisible()
    await waitFor(() =>
      expect(body.getByRole('gridcell', { name: 'Wednesday, November 20, 2024' })).toHaveFocus(),
    )
    await userEvent.keyboard('{ArrowRight}{Enter}')
    await expect(canvas.getByTestId('value')).toHaveTextContent('due: 2024-11-21')
    // Left open for its picture (scripts/screenshots.mjs).
    await userEvent.click(canvas.getByRole('button', { name: 'Choose date' }))
    await expect(await body.findByRole('grid', { name: 'November 2024' })).toBeVisible()
  },
}
