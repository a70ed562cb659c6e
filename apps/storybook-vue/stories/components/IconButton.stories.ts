import { reactive } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { IconButton, type IconButtonProps } from '@metal/ui/vue'

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
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Delete' })
    await expect(button).not.toHaveAttribute('aria-pressed')
    await expect(button.offsetWidth).toBe(40)
    await expect(button.offsetHeight).toBe(40)
    await userEvent.click(button)
    await expect(args.onClick).toHaveBeenCalledTimes(1)
  },
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
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const pin = canvas.getByRole('button', { name: 'Pin (filled, medium)', pressed: false })
    const before = getComputedStyle(pin).backgroundColor
    await userEvent.click(pin)
    await expect(pin).toHaveAttribute('aria-pressed', 'true')
    await expect(getComputedStyle(pin).backgroundColor).not.toBe(before)
    await userEvent.keyboard(' ')
    await expect(pin).toHaveAttribute('aria-pressed', 'false')
    const small = canvas.getByRole('button', { name: 'Edit (tonal, small)' })
    await expect(small.offsetWidth).toBe(32)
    await expect(canvas.getByRole('button', { name: 'Delete (small, disabled)' })).toBeDisabled()
  },
}
