import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { ICONS, type IconName } from '@metal/ui'
import { Icon } from '@metal/ui/vue'

/**
 * The built-in icons, drawn in the current text colour at `size` pixels. Decorative
 * (`aria-hidden`): the control around an icon carries the accessible name. Icons that point
 * along the line of text (chevrons, first/last page) are mirrored inside `dir="rtl"`.
 *
 * ```vue
 * <Icon name="add" :size="18" />
 * ```
 */
const meta = {
  title: 'Controls/Icon',
  component: Icon,
  args: { name: 'add', size: 24 },
  argTypes: { name: { control: 'select', options: Object.keys(ICONS) } },
} satisfies Meta<typeof Icon>

export default meta
type Story = StoryObj<typeof meta>

/** One icon: an `<svg>` of the given size, hidden from assistive technology. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector('svg[data-icon="add"]')!
    await expect(svg).toHaveAttribute('aria-hidden', 'true')
    await expect(svg.getBoundingClientRect().width).toBe(24)
  },
}

/** Every built-in icon, named beside it; directional ones flip in right-to-left text. */
export const Gallery: Story = {
  render: () => ({
    components: { Icon },
    setup: () => ({ names: Object.keys(ICONS) as IconName[] }),
    template: `
      <div v-for="dir in ['ltr', 'rtl']" :key="dir" :dir="dir" :data-testid="dir"
        style="display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-block-end: 16px">
        <span v-for="name in names" :key="name" style="display: flex; gap: 8px; align-items: center">
          <Icon :name="name" :size="20" /><code>{{ name }}</code>
        </span>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const ltr = within(canvasElement).getByTestId('ltr')
    await expect(ltr.querySelectorAll('svg')).toHaveLength(Object.keys(ICONS).length)
    const chevron = (id: string) =>
      getComputedStyle(
        within(canvasElement).getByTestId(id).querySelector('[data-icon="chevronRight"]')!,
      ).transform
    await expect(chevron('ltr')).toBe('none')
    await expect(chevron('rtl')).not.toBe('none')
  },
}
