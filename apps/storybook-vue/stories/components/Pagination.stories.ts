import { ref } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Pagination } from '@metal/ui/vue'

/**
 * Material 3 pagination: first, previous, page numbers, next and last, with a rows-per-page menu
 * and the range shown ("41–60 of 135"). `v-model:page` and `v-model:page-size` bind the state
 * (left out, it is kept inside from `default-page` / `default-page-size`); cursor mode walks
 * pages with previous and next only. Each pagination on a page needs its own `label` (the
 * `<nav>` landmark's name).
 *
 * ```vue
 * <Pagination :total="135" v-model:page="page" v-model:page-size="size" />
 * ```
 */
const meta = {
  title: 'Components/Pagination',
  component: Pagination,
  args: { total: 135, defaultPage: 1, label: 'Users pages' },
} satisfies Meta<typeof Pagination>

export default meta
type Story = StoryObj<typeof meta>

/** `v-model:page` and `v-model:page-size`: the buttons and the menu move the bound state. */
export const MiddlePage: Story = {
  render: () => ({
    components: { Pagination },
    setup: () => ({ page: ref(4), size: ref(20) }),
    template: `
      <Pagination v-model:page="page" v-model:page-size="size" :total="135" label="Tasks pages" />
      <p data-testid="value">page {{ page }}, {{ size }} a page</p>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const nav = canvas.getByRole('navigation', { name: 'Tasks pages' })
    await expect(within(nav).getByRole('button', { name: 'Page 4' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await userEvent.click(within(nav).getByRole('button', { name: 'Previous page' }))
    await expect(canvas.getByTestId('value')).toHaveTextContent('page 3, 20 a page')
    await expect(nav).toHaveTextContent('41–60 of 135')

    await userEvent.click(within(nav).getByRole('button', { name: /^Rows per page/ }))
    await userEvent.click(
      await within(document.body).findByRole('menuitemcheckbox', { name: '50' }),
    )
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('page 1, 50 a page'))
    await userEvent.click(within(nav).getByRole('button', { name: 'Last page' }))
    await expect(canvas.getByTestId('value')).toHaveTextContent('page 3, 50 a page')
    await expect(within(nav).getByRole('button', { name: 'Next page' })).toBeDisabled()
  },
}

/** Cursor mode: no total, previous and next only, `has-next-page` says when to stop. */
export const CursorMode: Story = {
  render: () => ({
    components: { Pagination },
    setup: () => ({ page: ref(1) }),
    template: `
      <Pagination v-model:page="page" mode="cursor" :has-next-page="page < 3"
        :page-item-count="20" label="Feed pages" :show-page-size="false" />
      <p data-testid="value">page {{ page }}</p>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const nav = canvas.getByRole('navigation', { name: 'Feed pages' })
    const next = within(nav).getByRole('button', { name: 'Next page' })
    await userEvent.click(next)
    await userEvent.click(next)
    await expect(canvas.getByTestId('value')).toHaveTextContent('page 3')
    await expect(next).toBeDisabled()
    await expect(within(nav).queryByRole('button', { name: 'Page 2' })).toBeNull()
  },
}
