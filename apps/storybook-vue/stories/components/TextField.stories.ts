import { computed, ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { TextField } from '@metal/ui/vue'

/**
 * A Material 3 text field, outlined or filled, with a floating label, supporting text, an error
 * message (`aria-invalid`, `aria-describedby`), a character counter, a leading icon, or several
 * lines. `v-model` is the text.
 *
 * ```vue
 * <TextField v-model="name" label="Name" :error="nameError" @blur="validate" />
 * ```
 */
const meta = {
  title: 'Controls/TextField',
  component: TextField,
  args: { label: 'Name', modelValue: '', supportingText: 'As it appears on your badge' },
  argTypes: { variant: { control: 'inline-radio', options: ['outlined', 'filled'] } },
} satisfies Meta<typeof TextField>

export default meta
type Story = StoryObj<typeof meta>

/** `v-model` and a validation message that follows the text. */
export const Outlined: Story = {
  render: () => ({
    components: { TextField },
    setup() {
      const name = ref('')
      const touched = ref(false)
      const error = computed(() => (touched.value && !name.value.trim() ? 'Required' : null))
      return { name, touched, error }
    },
    template: `
      <div style="display: grid; gap: 16px; max-width: 360px">
        <TextField v-model="name" label="Name" supporting-text="As it appears on your badge"
          :error="error" required @blur="touched = true" />
        <p data-testid="value">name: {{ name }}</p>
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: /Name/ })
    await userEvent.click(input)
    await userEvent.tab()
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(input).toHaveAccessibleDescription(/Required/)
    await userEvent.type(input, 'Ada')
    await expect(canvas.getByTestId('value')).toHaveTextContent('name: Ada')
    await expect(input).not.toHaveAttribute('aria-invalid', 'true')
  },
}

/** Filled, with a counter, a leading icon and several lines. */
export const Filled: Story = {
  render: () => ({
    components: { TextField },
    setup: () => ({ bio: ref('Writes the first programs'), search: ref('') }),
    template: `
      <div style="display: grid; gap: 16px; max-width: 360px">
        <TextField v-model="search" label="Search" variant="filled" leading-icon="search" />
        <TextField v-model="bio" label="Bio" variant="filled" multiline :rows="3" :max-length="80" />
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const bio = canvas.getByRole('textbox', { name: 'Bio' })
    await expect(bio.tagName).toBe('TEXTAREA')
    await expect(canvasElement).toHaveTextContent('25/80')
    await userEvent.type(bio, '!')
    await expect(canvasElement).toHaveTextContent('26/80')
  },
}
