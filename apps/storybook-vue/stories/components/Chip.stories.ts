import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { Chip, ChipInput } from '@metal/ui/vue'

/**
 * Material 3 chips: a filter chip toggles (`selected`, `aria-pressed`), an assist chip runs an
 * action (`@click`), an input chip can be removed (`@remove`, with its own remove button).
 *
 * ```vue
 * <Chip label="Mine" :selected="mine" @click="mine = !mine" />
 * <Chip v-for="name in people" :key="name" :label="name" @remove="drop(name)" />
 * ```
 *
 * `ChipInput` edits a list of strings as chips: `v-model` is the list; Enter or a comma adds,
 * Backspace in the empty field removes the last one.
 */
const meta = {
  title: 'Controls/Chip',
  component: Chip,
  args: { label: 'Assigned to me', selected: false },
} satisfies Meta<typeof Chip>

export default meta
type Story = StoryObj<typeof meta>

/** A filter chip toggles; an input chip's remove button drops it. */
export const ChipKinds: Story = {
  render: () => ({
    components: { Chip },
    setup() {
      const mine = ref(false)
      const people = ref(['Ada Lovelace', 'Grace Hopper'])
      const refreshed = ref(0)
      const drop = (name: string) => (people.value = people.value.filter((p) => p !== name))
      return { mine, people, refreshed, drop }
    },
    template: `
      <div style="display: flex; flex-wrap: wrap; gap: 8px; align-items: center">
        <Chip label="Assigned to me" :selected="mine" @click="mine = !mine" />
        <Chip label="Refresh" icon="refresh" @click="refreshed++" />
        <Chip v-for="name in people" :key="name" :label="name" @remove="drop(name)" />
        <Chip label="Archived" :selected="false" disabled />
      </div>
      <p data-testid="refreshed">refreshed {{ refreshed }} times</p>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const mine = canvas.getByRole('button', { name: 'Assigned to me' })
    await expect(mine).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(mine)
    await expect(mine).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(canvas.getByRole('button', { name: 'Refresh' }))
    await expect(canvas.getByTestId('refreshed')).toHaveTextContent('refreshed 1 times')
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Ada Lovelace' }))
    await expect(canvas.queryByText('Ada Lovelace')).toBeNull()
    await expect(canvas.getByText('Grace Hopper')).toBeVisible()
  },
}

/** `ChipInput`: typing and Enter or a comma add chips to the `v-model` list; Backspace removes. */
export const Input: Story = {
  render: () => ({
    components: { ChipInput },
    setup: () => ({ tags: ref(['backend']) }),
    template: `
      <div style="max-width: 420px">
        <ChipInput v-model="tags" label="Tags" :max-items="5" />
        <p data-testid="tags">{{ tags.join(' | ') }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Tags' })
    await userEvent.type(input, 'frontend{Enter}docs,')
    await expect(canvas.getByTestId('tags')).toHaveTextContent('backend | frontend | docs')
    await userEvent.keyboard('{Backspace}')
    await expect(canvas.getByTestId('tags')).toHaveTextContent(/^backend \| frontend$/)
    await userEvent.click(canvas.getByRole('button', { name: 'Remove backend' }))
    await expect(canvas.getByTestId('tags')).toHaveTextContent(/^frontend$/)
  },
}
