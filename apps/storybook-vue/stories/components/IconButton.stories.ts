import { reactive } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { fn } from 'storybook/test'
import { IconButton, type IconButtonProps } from '@metal/ui/vue'
import { plays } from '../../../storybook/stories/controls/IconButton.shared.js'

/** `@click` falls through to the `<button>`: a listener arg, for the play function to count. */
type ClickArgs = { onClick: () => void }

/**
 * Material 3 icon buttons: standard, filled, tonal and outlined, medium (40 px) or small (32 px).
 * With `selected` they are toggles (`aria-pressed`). `label` is the accessible name.
 *
 * ```vue
 * <IconButton icon="pin" label="Pin" :selected="pinned" @click="pinned = !pinned" />
 * ```
 */
const meta = {
  title: 'Controls/IconButton',
  component: IconButton,
  args: { icon: 'delete', label: 'Delete', onClick: fn() },
  argTypes: {
    variant: { control: 'inline-radio', options: ['standard', 'filled', 'tonal', 'outlined'] },
    size: { control: 'inline-radio', options: ['small', 'medium'] },
  },
  render: (args) => ({
    components: { IconButton },
    setup: () => ({ args }),
    template: '<IconButton v-bind="args" />',
  }),
} satisfies Meta<IconButtonProps & ClickArgs>

export default meta
type Story = StoryObj<typeof meta>

/** One icon button, named by its label. */
export const Default: Story = {
  play: plays.Default,
}

/** Every variant and size; the pins are toggles. */
export const VariantsAndToggles: Story = {
  render: () => ({
    components: { IconButton },
    setup: () => ({
      variants: ['standard', 'filled', 'tonal', 'outlined'],
      sizes: ['medium', 'small'],
      pinned: reactive<Record<string, boolean>>({}),
    }),
    template: `
      <div style="display: grid; gap: 12px">
        <div v-for="size in sizes" :key="size" style="display: flex; gap: 12px; align-items: center">
          <IconButton v-for="variant in variants" :key="variant" icon="edit"
            :label="'Edit (' + variant + ', ' + size + ')'" :variant="variant" :size="size" />
          <IconButton v-for="variant in variants" :key="'pin-' + variant" icon="pin"
            :label="'Pin (' + variant + ', ' + size + ')'" :variant="variant" :size="size"
            :selected="pinned[variant + size] ?? false"
            @click="pinned[variant + size] = !pinned[variant + size]" />
          <IconButton icon="delete" :label="'Delete (' + size + ', disabled)'" :size="size" disabled />
        </div>
      </div>`,
  }),
  play: plays.VariantsAndToggles,
}
