import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { DataTable } from '@metal/ui/react'
import { USERS, columns, usersTableParts, type User } from './support/users.js'

/**
 * The data table's keyboard (one Tab stop, the WAI-ARIA grid map), pinned columns, densities,
 * the column menu, and its loading, error and right-to-left states. The same table as
 * **Components/DataTable**; its states live in the headless model and `connectDataTable`.
 */
const meta = {
  title: 'Components/DataTable keyboard and layout',
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
