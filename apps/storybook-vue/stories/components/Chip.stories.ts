import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { Chip } from '@metal/ui/vue'

/**
 * Material 3 chips: a filter chip toggles (`selected`, `aria-pressed`), an assist chip runs an
 * action (`@click`), an input chip can be removed (`@remove`, with its own remove button).
 *
 * ```vue
 * <Chip label="Mine" :selected="mine" @click="mine = !mine" />
 * <Chip v-for="name in people" :key="name" :label="name" @remove="drop(name)" />
 * ```
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
