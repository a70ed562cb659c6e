import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import type { DataTableColumn } from '@metal/ui'
import { DataTable } from '@metal/ui/react'
import { closeDemoClients, demoBackend, demoClient } from './support/demoClients.js'

interface User {
  id: string
  name: string
  email: string
  age: number
  role: string
  active: boolean
  joined: number
  address: { city: string }
}

const CITIES = ['Lima', 'Oslo', 'Pune', 'Kyoto', 'Accra']
const ROLES = ['admin', 'editor', 'viewer']
const USERS: User[] = Array.from({ length: 135 }, (_, i) => ({
  id: `u${String(i + 1).padStart(3, '0')}`,
  name: `User ${String(i + 1).padStart(3, '0')}`,
  email: `user${i + 1}@example.com`,
  age: 18 + ((i * 7) % 50),
  role: ROLES[i % 3] as string,
  active: i % 4 !== 0,
  joined: Date.UTC(2024, i % 12, 1 + (i % 28)),
  address: { city: CITIES[i % 5] as string },
}))

const columns: DataTableColumn<User>[] = [
  {
    field: 'name',
    header: 'Name',
    width: 140,
    editable: true,
    validate: (v) => (v ? null : 'Required'),
  },
  { field: 'email', header: 'Email', width: 220 },
  { field: 'age', header: 'Age', type: 'number', width: 90, editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ROLES, width: 110, editable: true },
  { field: 'active', header: 'Active', type: 'boolean', width: 100 },
  { field: 'joined', header: 'Joined', type: 'date', width: 140 },
  { field: 'address.city', header: 'City', width: 120 },
]

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
 * densities (36/52/68 px). The default height fits a page (at most 25 rows). See the
 * **Keyboard** story for the full keyboard map (one Tab stop; Enter or Space sorts a header;
 * Ctrl+Arrow resizes; Alt+ArrowDown opens the column menu; Space selects a row).
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

const parts = (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement)
  const grid = () => canvas.getByRole('grid', { name: 'Users' })
  return {
    canvas,
    grid,
    header: (name: string) => within(grid()).getByRole('columnheader', { name: new RegExp(name) }),
    firstCells: () =>
      within(grid())
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelectorAll('[data-part="cell-value"]')[0]?.textContent),
  }
}

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

interface Loaded {
  metal: Metal
  otherUser: Metal
}

/**
 * Bound to a Metal collection: sorting, filtering and paging run as Metal queries and the
 * table stays live. A second client on the same embedded backend plays another user.
 */
export const BoundAndLive: Story = {
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const otherUser = demoClient(id, { backend })
      const batch = metal.db().batch()
      for (const { id: docId, ...user } of USERS.slice(0, 40)) {
        batch.set(metal.db().collection('users').doc(docId), user)
      }
      await batch.commit()
      return { metal, otherUser }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (args, { loaded, name, viewMode }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
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
    await (loaded as Loaded).otherUser
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
    const users = (loaded as Loaded).otherUser.db().collection('users')
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

const active = () => document.activeElement as HTMLElement

/**
 * The keyboard of the WAI-ARIA grid, as in MUI X. The grid is **one Tab stop**: the focused cell
 * (`tabIndex` 0); the scroll container, resize handles and menu buttons are out of the tab order.
 *
 * | Where           | Key                                   | Does                                           |
 * | --------------- | ------------------------------------- | ---------------------------------------------- |
 * | anywhere        | Arrow keys (flipped right-to-left)    | move focus one cell                            |
 * | anywhere        | Home / End, Ctrl+Home / Ctrl+End      | first / last cell of the row / of the page     |
 * | anywhere        | PageUp / PageDown                     | move by a screenful of rows                    |
 * | column header   | Enter or Space                        | sort (asc, desc, none); Shift adds a sort key  |
 * | column header   | Ctrl+ArrowRight / Ctrl+ArrowLeft      | widen / narrow the column by 10 px (Shift: 50) |
 * | column header   | Alt+ArrowDown, Shift+F10, ContextMenu | open the column menu                           |
 * | checkbox header | Enter or Space                        | select or clear the rows of the page           |
 * | cell            | Space                                 | toggle the row's selection                     |
 * | cell            | Shift+Space                           | select the row, keeping the others             |
 * | cell            | Shift+ArrowUp / Shift+ArrowDown       | extend the selection to the next row           |
 * | cell            | Ctrl+A / Cmd+A                        | select every matching row                      |
 * | cell            | Enter or F2                           | edit an editable cell (Enter opens a row)      |
 * | cell            | Escape                                | cancel the edit, then clear the selection      |
 */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const grid = p.grid()
    await expect(grid).toHaveAttribute('tabindex', '-1')
    const toolbar = canvasElement.querySelector('[data-part="toolbar"]') as HTMLElement
    const toolbarStops = [
      ...toolbar.querySelectorAll<HTMLElement>('input, button, summary, [tabindex]'),
    ].filter((el) => el.tabIndex >= 0 && !el.hasAttribute('disabled') && el.checkVisibility())
    // From the last stop before the grid, Tab enters the grid on its one stop (the first cell)…
    const firstCell = within(grid).getAllByRole('columnheader')[0] as HTMLElement
    ;(toolbarStops[toolbarStops.length - 1] as HTMLElement).focus()
    await userEvent.tab()
    await expect(active()).toBe(firstCell)
    // …and the next Tab leaves it: no stop on the scroller, the handles or the menu buttons.
    await userEvent.tab()
    await expect(grid.contains(active())).toBe(false)
    await expect(active().closest('nav')).not.toBeNull()
    await userEvent.tab({ shift: true })
    await expect(active()).toBe(firstCell)
    await userEvent.keyboard('{ArrowRight}')
    await expect(active()).toBe(p.header('Name'))

    // Header: Space sorts, Ctrl+ArrowRight widens, Alt+ArrowDown opens the column menu.
    await userEvent.keyboard(' ')
    await expect(p.header('Name')).toHaveAttribute('aria-sort', 'ascending')
    await userEvent.keyboard('{Enter}')
    await expect(p.header('Name')).toHaveAttribute('aria-sort', 'descending')
    await userEvent.keyboard('{Control>}{ArrowRight}{/Control}')
    await expect(p.canvas.getByRole('separator', { name: 'Resize Name' })).toHaveAttribute(
      'aria-valuenow',
      '150',
    )
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}')
    const menu = await p.canvas.findByRole('menu', { name: 'Name column menu' })
    await expect(menu).toBeVisible()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(p.canvas.queryByRole('menu')).not.toBeInTheDocument())

    // Cells: Space selects, Shift+ArrowDown extends, Escape clears, Ctrl+A selects all matching.
    p.header('Name').focus()
    await userEvent.keyboard('{ArrowDown} ')
    const rows = () => within(p.grid()).getAllByRole('row').slice(1)
    await expect(rows()[0]).toHaveAttribute('aria-selected', 'true')
    await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}')
    await expect(rows()[1]).toHaveAttribute('aria-selected', 'true')
    await expect(p.canvas.getByText('2 selected')).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await expect(rows()[0]).toHaveAttribute('aria-selected', 'false')
    await userEvent.keyboard('{Control>}a{/Control}')
    await expect(p.canvas.getByText('135 selected')).toBeInTheDocument()
  },
}

/**
 * Pinned columns stick to the start and end edges while the others scroll under them (a
 * shadow edge marks where); the selection column is always pinned first. Pin from a column's
 * menu, or start from a layout (`defaultLayout={{ pinned: { left: ['name'], right: ['active'] } }}`).
 */
export const Pinning: Story = {
  args: { defaultLayout: { pinned: { left: ['name'], right: ['active'] } } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const grid = p.grid()
    const name = p.header('Name')
    const activeHeader = p.header('Active')
    const x = (el: HTMLElement) => el.getBoundingClientRect().left
    const nameAt = x(name)
    const activeAt = x(activeHeader)
    const emailAt = x(p.header('Email'))
    grid.scrollLeft = 200
    await waitFor(() => expect(grid).toHaveAttribute('data-scrolled-start'))
    await expect(x(name)).toBe(nameAt)
    await expect(x(activeHeader)).toBe(activeAt)
    await expect(x(p.header('Email'))).toBeLessThan(emailAt)
    // The pinned columns come first and last in the grid's column order.
    const headers = within(grid).getAllByRole('columnheader')
    await expect(headers[1]).toBe(name)
    await expect(headers[headers.length - 1]).toBe(activeHeader)
    await expect(name).toHaveAttribute('data-pinned-edge')
    // Moving through a pinned column keeps the scrolled columns where they are.
    const nameCell = within(grid).getByText('User 001').closest('[role="gridcell"]') as HTMLElement
    await userEvent.click(nameCell)
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await expect(active().textContent).toBe('User 003')
    await expect(grid.scrollLeft).toBe(200)
    await userEvent.click(within(grid).getByRole('checkbox', { name: 'Select row u004' }))
    await expect(grid.scrollLeft).toBe(200)
    await expect(within(grid).getByRole('checkbox', { name: 'Select row u004' })).toBeChecked()
    await userEvent.click(name) // sorts by the pinned column, still scrolled
    await expect(name).toHaveAttribute('aria-sort', 'ascending')
    await expect(grid.scrollLeft).toBe(200)
  },
}

/** Rows 36, 52 or 68 px high: compact, standard or comfortable, from the toolbar's Density menu. */
export const Density: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const firstRow = () => within(p.grid()).getAllByRole('row')[1] as HTMLElement
    await expect(firstRow().getBoundingClientRect().height).toBe(52)
    await userEvent.click(p.canvas.getByRole('button', { name: 'Density' }))
    await userEvent.click(await p.canvas.findByRole('menuitemcheckbox', { name: 'Compact' }))
    await waitFor(() => expect(firstRow().getBoundingClientRect().height).toBe(36))
    await userEvent.click(p.canvas.getByRole('button', { name: 'Density' }))
    await userEvent.click(await p.canvas.findByRole('menuitemcheckbox', { name: 'Comfortable' }))
    await waitFor(() => expect(firstRow().getBoundingClientRect().height).toBe(68))
  },
}

/**
 * Each column header has a menu (its button shows on hover or focus): sort ascending or
 * descending, unsort, filter…, hide the column, pin it left or right, unpin.
 */
export const ColumnMenu: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await userEvent.click(p.canvas.getByRole('button', { name: 'Age column menu' }))
    await userEvent.click(await p.canvas.findByRole('menuitem', { name: 'Sort descending' }))
    await expect(p.header('Age')).toHaveAttribute('aria-sort', 'descending')
    await userEvent.click(p.canvas.getByRole('button', { name: 'Age column menu' }))
    await userEvent.click(await p.canvas.findByRole('menuitem', { name: 'Pin left' }))
    await expect(within(p.grid()).getAllByRole('columnheader')[1]).toBe(p.header('Age'))
    await userEvent.click(p.canvas.getByRole('button', { name: 'Age column menu' }))
    await userEvent.click(await p.canvas.findByRole('menuitem', { name: 'Filter…' }))
    const panel = await p.canvas.findByRole('dialog', { name: 'Filters' })
    await waitFor(() => expect(within(panel).getByLabelText('Age from')).toHaveFocus())
    await userEvent.keyboard('{Escape}')
    await userEvent.click(p.canvas.getByRole('button', { name: 'Email column menu' }))
    await userEvent.click(await p.canvas.findByRole('menuitem', { name: 'Hide column' }))
    await expect(
      within(p.grid()).queryByRole('columnheader', { name: /Email/ }),
    ).not.toBeInTheDocument()
  },
}

/** While rows load: a progress bar under the header and skeleton rows, no "0 of 0". */
export const LoadingState: Story = {
  args: { rows: [], loading: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('progressbar', { name: 'Loading…' })).toBeInTheDocument()
    await expect(canvasElement.querySelectorAll('[data-part="skeleton-row"]').length).toBe(5)
    await expect(canvas.queryByText(/0 of 0/)).not.toBeInTheDocument()
  },
}

/**
 * A failed load shows the error with a Retry button: a bound table runs its query again, an
 * unbound one calls `onRetry`.
 */
const onRetry = fn()
export const ErrorAndRetry: Story = {
  args: { rows: [], error: new Error('Could not load users'), onRetry },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = canvas.getByRole('alert')
    await expect(alert).toHaveTextContent('The rows could not be loaded')
    await expect(alert).toHaveTextContent('Could not load users')
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    await expect(onRetry).toHaveBeenCalledTimes(1)
  },
}

/** Right to left: columns run from the right, arrow keys follow the screen, pins mirror. */
export const RightToLeft: Story = {
  args: { defaultLayout: { pinned: { left: ['name'] } } },
  decorators: [
    (Story) => (
      <div dir="rtl">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const name = p.header('Name')
    const email = p.header('Email')
    await expect(name.getBoundingClientRect().left).toBeGreaterThan(
      email.getBoundingClientRect().left,
    )
    name.focus()
    await userEvent.keyboard('{ArrowLeft}')
    await expect(active()).toBe(email)
    await userEvent.keyboard('{ArrowRight}')
    await expect(active()).toBe(name)
    await userEvent.keyboard('{Control>}{ArrowLeft}{/Control}')
    await expect(p.canvas.getByRole('separator', { name: 'Resize Name' })).toHaveAttribute(
      'aria-valuenow',
      '150',
    )
  },
}
