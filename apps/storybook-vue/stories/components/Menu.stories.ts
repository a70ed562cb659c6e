import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { MenuItem } from '@metal/ui'
import { Button, Menu } from '@metal/ui/vue'

/**
 * A Material 3 menu in the top layer: roving focus, arrow keys, Home, End, typeahead, checkable
 * items and dividers. The `trigger` scoped slot renders the button, with the props to bind.
 *
 * ```vue
 * <Menu label="Actions" :items="items">
 *   <template #trigger="props"><IconButton icon="moreVert" label="More" v-bind="props" /></template>
 * </Menu>
 * ```
 */
const meta = {
  title: 'Controls/Menu',
  component: Menu,
  args: { label: 'Actions', items: [] },
} satisfies Meta<typeof Menu>

export default meta
type Story = StoryObj<typeof meta>

/** Open it, pick an action with the keyboard, toggle a checkable item with a click. */
export const Open: Story = {
  render: () => ({
    components: { Button, Menu },
    setup() {
      const last = ref('nothing')
      const wrap = ref(false)
      const items = (): MenuItem[] => [
        { id: 'edit', label: 'Edit', icon: 'edit', onSelect: () => (last.value = 'edit') },
        { id: 'copy', label: 'Duplicate', onSelect: () => (last.value = 'duplicate') },
        { type: 'divider' },
        {
          id: 'wrap',
          label: 'Wrap text',
          checked: wrap.value,
          onSelect: () => (wrap.value = !wrap.value),
        },
        { id: 'delete', label: 'Delete', icon: 'delete', disabled: true, onSelect: () => {} },
      ]
      return { last, wrap, items }
    },
    template: `
      <div style="min-height: 280px">
        <Menu label="Actions" :items="items()">
          <template #trigger="props">
            <Button variant="outlined" trailing-icon="arrowDropDown" v-bind="props">Actions</Button>
          </template>
        </Menu>
        <p data-testid="value">last: {{ last }}, wrap: {{ wrap }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const body = within(document.body)
    const trigger = canvas.getByRole('button', { name: 'Actions' })
    await userEvent.click(trigger)
    await expect(await body.findByRole('menu', { name: 'Actions' })).toBeVisible()
    await waitFor(() => expect(body.getByRole('menuitem', { name: 'Edit' })).toHaveFocus())
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(canvas.getByTestId('value')).toHaveTextContent('last: duplicate')
    await waitFor(() => expect(trigger).toHaveAttribute('aria-expanded', 'false'))
    await expect(trigger).toHaveFocus()

    await userEvent.click(trigger)
    await userEvent.click(await body.findByRole('menuitemcheckbox', { name: 'Wrap text' }))
    await expect(canvas.getByTestId('value')).toHaveTextContent('wrap: true')
    // Left open for its picture (scripts/screenshots.mjs).
    await userEvent.click(trigger)
    await expect(await body.findByRole('menuitemcheckbox', { name: 'Wrap text' })).toHaveAttribute(
      'aria-checked',
      'true',
    )
    await expect(body.getByRole('menuitem', { name: 'Delete' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
  },
}
