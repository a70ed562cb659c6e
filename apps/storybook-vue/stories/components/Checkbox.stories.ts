import { computed, ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { Checkbox } from '@metal/ui/vue'

/**
 * A Material 3 checkbox drawn by Metal (the native input underneath is hidden), with an optional
 * `label`, `indeterminate`, `invalid` and `disabled`. It is controlled: `v-model` is the checked
 * state (`modelValue` + `update:modelValue`, the React view's `checked` + `onCheckedChange`).
 *
 * ```vue
 * <Checkbox v-model="all" :indeterminate="some" aria-label="Select all" />
 * ```
 */
const meta = {
  title: 'Controls/Checkbox',
  component: Checkbox,
  args: { modelValue: false, label: 'Email me updates' },
} satisfies Meta<typeof Checkbox>

export default meta
type Story = StoryObj<typeof meta>

/** `v-model`: clicking the box or its label, or Space, flips the bound value. */
export const VModel: Story = {
  render: () => ({
    components: { Checkbox },
    setup: () => ({ updates: ref(false) }),
    template: `
      <Checkbox v-model="updates" label="Email me updates" />
      <p data-testid="value">updates: {{ updates }}</p>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const box = canvas.getByRole('checkbox', { name: 'Email me updates' })
    await userEvent.click(box)
    await expect(box).toBeChecked()
    await expect(canvas.getByTestId('value')).toHaveTextContent('updates: true')
    await userEvent.click(canvas.getByText('Email me updates'))
    await expect(box).not.toBeChecked()
    await userEvent.keyboard(' ')
    await expect(canvas.getByTestId('value')).toHaveTextContent('updates: true')
  },
}

/** Select all: indeterminate while some items are checked; checking it checks every one. */
export const States: Story = {
  render: () => ({
    components: { Checkbox },
    setup() {
      const items = ref([true, false, false])
      const all = computed(() => items.value.every(Boolean))
      const some = computed(() => items.value.some(Boolean) && !all.value)
      const setAll = (on: boolean) => (items.value = items.value.map(() => on))
      return { items, all, some, setAll }
    },
    template: `
      <div style="display: grid; gap: 8px">
        <Checkbox :model-value="all" :indeterminate="some" label="Select all"
          @update:model-value="setAll" />
        <Checkbox v-for="(on, i) in items" :key="i" v-model="items[i]" :label="'Item ' + (i + 1)" />
        <Checkbox :model-value="false" label="Required, not ticked" invalid required />
        <Checkbox :model-value="true" label="Disabled" disabled />
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const all = canvas.getByRole('checkbox', { name: 'Select all' })
    await expect(all).toHaveProperty('indeterminate', true)
    await userEvent.click(all)
    await expect(all).toBeChecked()
    await expect(canvas.getByRole('checkbox', { name: 'Item 3' })).toBeChecked()
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Item 2' }))
    await expect(all).toHaveProperty('indeterminate', true)
    await expect(canvas.getByRole('checkbox', { name: 'Disabled' })).toBeDisabled()
  },
}
