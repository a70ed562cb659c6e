import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test'
import { MetalProvider } from '@metal/react'
import { DataTable } from '@metal/ui/react'
import { closeDemoClients } from './support/demoClients.js'
import {
  USERS,
  columns,
  loadUsers,
  usersTableParts,
  type User,
  type UsersLoaded,
} from './support/users.js'

/**
 * A Material 3 data table on the WAI-ARIA grid pattern: sorting (shift-click adds keys),
 * filters fitted to each column type, quick search, selection across pages, hideable and
 * resizable columns, virtualized rows, inline editing and paging through `Pagination`.
 * Unbound with `rows`, or bound to a Metal collection with `collection` + `query`, where it
 * stays live. The logic is the headless model in `@metal/ui` (`initDataTable`,
 * `updateDataTable`, `connectDataTable`); this view only renders it.
 *
 * The toolbar has quick search and icon buttons for the filter panel (a badge counts the
 * active filters), the column panel, the density menu and CSV export; each column header has
 * a menu (sort, filter…, hide, pin). Columns can be pinned to either edge; rows come in three
 * densities (36/52/68 px). The default height fits a page (at most 25 rows). See
 * **DataTable keyboard and layout › Keyboard** for the full keyboard map (one Tab stop; Enter
 * or Space sorts a header; Ctrl+Arrow resizes; Alt+ArrowDown opens the column menu; Space
 * selects a row).
 *
 * **Default sort of a bound table.** Without `defaultSorting`, a bound table shows newest first
 * on the `timestamps.createdAt` field when the `timestamps` option names one and a column shows
 * it; else descending on a `date` column named `createdAt` or `updatedAt`; else document id
 * order. It falls back to that order when the user clears every sort.
 */
const meta = {
  title: 'Components/DataTable',
  component: DataTable<User>,
  args: { label: 'Users', rows: USERS, columns, defaultPageSize: 10, selectable: true },
  // A docs page shows every story at once: there each table (and its pagination landmark) is
  // named after its story.
  render: (args, { name, viewMode }) => (
    <DataTable {...args} label={viewMode === 'docs' ? `${args.label} (${name})` : args.label} />
  ),
} satisfies Meta<typeof DataTable<User>>

export default meta
type Story = StoryObj<typeof meta>

const parts = usersTableParts

/** Unbound rows: sort by clicking a header, shift-click for a second key. */
export const Sorting: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await userEvent.click(p.header('Name'))
    await userEvent.click(p.header('Name'))
    await expect(p.header('Name')).toHaveAttribute('aria-sort', 'descending')
    await expect(p.firstCells()[0]).toBe('User 135')
  },
}

/** Select a page, then every matching row; the selection holds on other pages. */
export const SelectionAcrossPages: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await userEvent.click(p.canvas.getByRole('checkbox', { name: 'Select all rows on this page' }))
    await userEvent.click(p.canvas.getByRole('button', { name: 'Select all 135 matching rows' }))
    await expect(p.canvas.getByText('135 selected')).toBeInTheDocument()
    await userEvent.click(p.canvas.getByRole('button', { name: 'Next page' }))
    const rows = within(p.grid()).getAllByRole('row').slice(1)
    await expect(rows.every((r) => r.getAttribute('aria-selected') === 'true')).toBe(true)
  },
}

/** Arrow keys move between cells; Enter edits, Escape cancels. */
export const KeyboardAndEditing: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    p.header('Name').focus()
    await userEvent.keyboard('{ArrowDown}{Enter}')
    const editor = within(p.grid()).getByRole('textbox', { name: 'Name' })
    await userEvent.clear(editor)
    await userEvent.keyboard('{Enter}')
    await expect(editor).toHaveAttribute('aria-invalid', 'true')
    await userEvent.keyboard('{Escape}')
    await expect(p.firstCells()[0]).toBe('User 001')
  },
}

/** No rows to show. */
export const Empty: Story = { args: { rows: [] } }

/** The caller is still fetching. */
export const Loading: Story = { args: { rows: [], loading: true } }

/**
 * Bound to a Metal collection: sorting, filtering and paging run as Metal queries and the
 * table stays live. A second client on the same embedded backend plays another user.
 */
export const BoundAndLive: Story = {
  loaders: [loadUsers],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (args, { loaded, name, viewMode }) => (
    <MetalProvider client={(loaded as UsersLoaded).metal}>
      <DataTable
        {...args}
        label={viewMode === 'docs' ? `${args.label} (${name})` : args.label}
        rows={undefined as never}
        collection="users"
        columns={columns}
      />
    </MetalProvider>
  ),
  play: async ({ canvasElement, loaded }) => {
    const p = parts(canvasElement)
    await waitFor(() => expect(p.firstCells()[0]).toBe('User 001'))
    await (loaded as UsersLoaded).otherUser
      .db()
      .collection('users')
      .doc('u001')
      .update({ name: 'Grace' })
    await waitFor(() => expect(p.firstCells()[0]).toBe('Grace'))
  },
}

/**
 * `csvExport` adds "Export CSV": it downloads every row matching the filters and search, in the
 * sort order, with the shown columns, not only the page on screen. Values are written as the
 * cells show them; `csvExport={{ values: 'raw' }}` writes the stored values.
 */
export const CsvExport: Story = {
  args: { csvExport: true },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const createObjectURL = spyOn(URL, 'createObjectURL')
    // Keep the file from really downloading; the Blob handed to the link is what is checked.
    const click = spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    try {
      await userEvent.click(p.header('Age'))
      await userEvent.click(p.canvas.getByRole('button', { name: 'Export CSV' }))
      await waitFor(() => expect(click).toHaveBeenCalledTimes(1))
      const text = await (createObjectURL.mock.calls[0]?.[0] as Blob).text()
      const lines = text.split('\r\n')
      await expect(lines[0]).toBe('Name,Email,Age,Role,Active,Joined,City')
      await expect(lines).toHaveLength(1 + USERS.length + 1) // header, every row, final CRLF
      const youngest = [...USERS].sort((a, b) => a.age - b.age)[0] as User
      await expect(
        lines[1]?.startsWith(`${youngest.name},${youngest.email},${youngest.age},`),
      ).toBe(true)
    } finally {
      click.mockRestore()
      createObjectURL.mockRestore()
    }
  },
}

/**
 * Rows another user adds above the rows in view do not push them down: the table keeps the row
 * being read in place and offers a "N new rows" pill, which scrolls to the top.
 */
export const LiveNewRowsAbove: Story = {
  args: { defaultPageSize: 50, height: 320 },
  loaders: BoundAndLive.loaders,
  beforeEach: BoundAndLive.beforeEach,
  render: BoundAndLive.render,
  play: async ({ canvasElement, loaded }) => {
    const p = parts(canvasElement)
    await waitFor(() => expect(p.firstCells()[0]).toBe('User 001'))
    // The grid scrolls (its header row sticks to the top, 56 px).
    const body = p.grid()
    const row = (name: string) =>
      within(p.grid()).getByText(name).closest('[data-part="row"]') as HTMLElement
    body.scrollTop = row('User 011').offsetTop - 56
    await waitFor(() => expect(body.scrollTop).toBeGreaterThan(0))
    const top = row('User 011').getBoundingClientRect().top
    const users = (loaded as UsersLoaded).otherUser.db().collection('users')
    await users.doc('u000').set({
      name: 'User 000',
      email: 'user0@example.com',
      age: 30,
      role: 'admin',
      active: true,
      joined: Date.UTC(2024, 0, 1),
      address: { city: 'Lima' },
    })
    const pill = await p.canvas.findByRole('button', { name: '1 new row' })
    await expect(row('User 011').getBoundingClientRect().top).toBeCloseTo(top, 0)
    await userEvent.click(pill)
    await waitFor(() => expect(body.scrollTop).toBe(0))
    await expect(p.canvas.queryByRole('button', { name: /new row/ })).toBeNull()
    await expect(p.firstCells()[0]).toBe('User 000')
  },
}

const rangeLabel = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .getByRole('navigation', { name: / pages$/ })
    .querySelector('[data-part="range"]')?.textContent

/** Quick search narrows the rows, then a column filter from the Filters panel narrows them more. */
export const Filtering: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await userEvent.type(p.canvas.getByRole('searchbox', { name: 'Search' }), 'User 01')
    await waitFor(() =>
      expect(p.firstCells()).toEqual([
        'User 010',
        'User 011',
        'User 012',
        'User 013',
        'User 014',
        'User 015',
        'User 016',
        'User 017',
        'User 018',
        'User 019',
      ]),
    )
    await expect(rangeLabel(canvasElement)).toBe('1–10 of 10')
    await userEvent.click(p.canvas.getByRole('button', { name: 'Filters' }))
    await userEvent.click(p.canvas.getByRole('checkbox', { name: 'admin' }))
    await waitFor(() =>
      expect(p.firstCells()).toEqual(['User 010', 'User 013', 'User 016', 'User 019']),
    )
    await expect(rangeLabel(canvasElement)).toBe('1–4 of 4')
    await expect(p.header('Role').querySelector('[data-part="filter-indicator"]')).not.toBeNull()
    await expect(p.canvas.getByRole('button', { name: 'Filters (1 active)' })).toBeInTheDocument()
  },
}

/** Next page, a page number, then a bigger page size that keeps the first row in view. */
export const Paging: Story = {
  args: { defaultPageSize: 20 },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const nav = within(p.canvas.getByRole('navigation', { name: / pages$/ }))
    await expect(rangeLabel(canvasElement)).toBe('1–20 of 135')
    await userEvent.click(nav.getByRole('button', { name: 'Next page' }))
    await expect(rangeLabel(canvasElement)).toBe('21–40 of 135')
    await expect(nav.getByRole('button', { name: 'Page 2' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await expect(p.firstCells()[0]).toBe('User 021')
    await userEvent.click(nav.getByRole('button', { name: 'Page 4' }))
    await expect(rangeLabel(canvasElement)).toBe('61–80 of 135')
    await expect(nav.getByRole('button', { name: 'Page 4' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await expect(nav.getByRole('button', { name: 'Page 2' })).not.toHaveAttribute('aria-current')
    await expect(p.firstCells()[0]).toBe('User 061')
    await userEvent.click(nav.getByRole('button', { name: /^Rows per page/ }))
    await userEvent.click(await p.canvas.findByRole('menuitemcheckbox', { name: '50' }))
    await expect(rangeLabel(canvasElement)).toBe('51–100 of 135')
    await expect(p.firstCells()).toHaveLength(50)
    await expect(p.firstCells()[0]).toBe('User 051')
  },
}

/** Hide a column from the Columns panel; widen another with Ctrl+ArrowRight on its header. */
export const ColumnsAndResize: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const headerRow = () => within(p.grid()).getAllByRole('row')[0] as HTMLElement
    const handle = p.canvas.getByRole('separator', { name: 'Resize Name' })
    await expect(handle).toHaveAttribute('aria-valuenow', '140')
    await expect(handle).toHaveAttribute('tabindex', '-1')
    p.header('Name').focus()
    await userEvent.keyboard('{Control>}{ArrowRight}{/Control}')
    await expect(p.header('Name')).toHaveFocus()
    await expect(handle).toHaveAttribute('aria-valuenow', '150')
    await expect(headerRow().style.gridTemplateColumns).toMatch(/\b150px\b/)
    await expect(headerRow().style.gridTemplateColumns).toMatch(/\b220px\b/)
    await userEvent.click(p.canvas.getByRole('button', { name: 'Columns' }))
    await userEvent.click(p.canvas.getByRole('checkbox', { name: 'Email' }))
    await expect(
      within(p.grid()).queryByRole('columnheader', { name: /Email/ }),
    ).not.toBeInTheDocument()
    await expect(p.canvas.getByRole('checkbox', { name: 'Email' })).not.toBeChecked()
    await expect(headerRow().style.gridTemplateColumns).not.toMatch(/\b220px\b/)
    await expect(p.header('Name')).toBeInTheDocument()
  },
}

/** The caller's fetch failed: the message is announced as an alert. */
export const ErrorState: Story = {
  args: { rows: [], error: new Error('Could not load users') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not load users')
    await expect(canvas.queryByRole('status')).not.toBeInTheDocument()
  },
}
