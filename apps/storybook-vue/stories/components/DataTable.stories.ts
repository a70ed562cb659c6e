import { ref, type ConcreteComponent } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chip, DataTable, type DataTableProps } from '@metal/ui/vue'
import { closeDemoClients } from '../support/clients.js'
import {
  USERS,
  columns,
  loadUsers,
  usersTableParts as parts,
  type User,
  type UsersLoaded,
} from '../support/users.js'

/**
 * A Material 3 data table over the same headless model as the React view: sorting, filters,
 * paging, selection across pages, keyboard navigation and cell editing, virtual rows for long
 * pages. Two-way state is `v-model` (`v-model:page`, `v-model:sorting`, `v-model:selection`…);
 * custom cells are scoped slots (`#cell-<field>`). Unbound it takes `rows`; bound it takes a
 * `collection` (and `query`) and stays live through `@metal/vue`.
 *
 * ```vue
 * <DataTable label="Users" :rows="users" :columns="columns" v-model:page="page" />
 * <DataTable label="Users" collection="users" :columns="columns" selectable
 *   v-model:selection="selection" @row-activate="(user) => open(user.id)">
 *   <template #cell-role="{ text }"><Chip :label="text" /></template>
 * </DataTable>
 * ```
 */
const meta = {
  title: 'Components/DataTable',
  // Generic over its rows: the props table reads the component, the args are typed by User rows.
  component: DataTable as unknown as ConcreteComponent<DataTableProps<User>>,
  args: { label: 'Users', columns },
} satisfies Meta<DataTableProps<User>>

export default meta
type Story = StoryObj<typeof meta>

/** Unbound rows: clicking a header twice sorts descending; `v-model:page` follows the pager. */
export const Sorting: Story = {
  render: () => ({
    components: { DataTable },
    setup: () => ({ rows: USERS, columns, page: ref(1) }),
    template: `
      <DataTable label="Users" :rows="rows" :columns="columns" selectable v-model:page="page" />
      <p data-testid="page">page {{ page }}</p>`,
  }),
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await userEvent.click(p.header('Name'))
    await userEvent.click(p.header('Name'))
    await expect(p.header('Name')).toHaveAttribute('aria-sort', 'descending')
    await expect(p.firstCells()[0]).toBe('User 135')
    await userEvent.click(p.canvas.getByRole('button', { name: 'Next page' }))
    await expect(p.canvas.getByTestId('page')).toHaveTextContent('page 2')
  },
}

/** Bound to a collection: another user renames a row and it changes in place; a cell slot. */
export const BoundAndLive: Story = {
  loaders: [loadUsers],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { name, viewMode }) => ({
    components: { Chip, DataTable },
    // A docs page shows every story at once: each grid gets a name of its own there.
    setup: () => ({ columns, label: viewMode === 'docs' ? `Users (${name})` : 'Users' }),
    template: `
      <DataTable :label="label" collection="users" :columns="columns">
        <template #cell-role="{ text }"><Chip :label="text" /></template>
      </DataTable>`,
  }),
  play: async ({ canvasElement, loaded }) => {
    const p = parts(canvasElement)
    await waitFor(() => expect(p.firstCells()[0]).toBe('User 001'))
    await expect(
      within(p.grid()).getAllByText('viewer')[0]!.closest('[data-scope="chip"]'),
    ).not.toBeNull()
    await (loaded as UsersLoaded).otherUser
      .db()
      .collection('users')
      .doc('u001')
      .update({ name: 'Grace' })
    await waitFor(() => expect(p.firstCells()[0]).toBe('Grace'))
  },
}
