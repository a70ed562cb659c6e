import { useRef, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Pagination } from '@metal/ui/react'

/**
 * First/previous/next/last, page numbers with ellipses, a rows-per-page select and a live
 * "1–20 of 135" label, in a labelled `<nav>`. The logic is the headless model in
 * `@metal/ui` (`initPagination`, `paginate`, `connectPagination`); this view only renders it.
 */
const meta = {
  title: 'Components/Pagination',
  component: Pagination,
  args: { total: 135, onPageChange: fn(), onPageSizeChange: fn() },
  // Each story's <nav> has a name of its own: a docs page shows them all, and landmarks of one
  // page need distinct names (axe's landmark-unique).
  render: (args, { name }) => <Pagination label={`${name} pages`} {...args} />,
  argTypes: {
    mode: { control: 'inline-radio', options: ['offset', 'cursor'] },
  },
} satisfies Meta<typeof Pagination>

export default meta
type Story = StoryObj<typeof meta>

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

function parts(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  const nav = canvas.getByRole('navigation', { name: / pages$/ })
  const inNav = within(nav)
  return {
    canvas,
    nav,
    range: () => nav.querySelector('[data-part="range"]')?.textContent,
    current: () => inNav.getByRole('button', { current: 'page' }),
    button: (name: string) => inNav.getByRole('button', { name }),
    pageNumbers: () =>
      [...nav.querySelectorAll('[data-part="page-trigger"], [data-part="ellipsis"]')].map(
        (el) => el.textContent,
      ),
  }
}

// ─── Offset pages ───────────────────────────────────────────────────────────────────────────────

/** The first page: nothing before it, so first and previous are disabled. */
export const FirstPage: Story = {
  play: async ({ canvasElement, args }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('1–20 of 135')
    await expect(p.current()).toHaveTextContent('1')
    await expect(p.button('First page')).toBeDisabled()
    await expect(p.button('Previous page')).toBeDisabled()

    await userEvent.click(p.button('Next page'))
    await expect(p.range()).toBe('21–40 of 135')
    await expect(p.current()).toHaveTextContent('2')
    await expect(p.button('Page 1')).not.toHaveAttribute('aria-current')
    await expect(args.onPageChange).toHaveBeenCalledWith(2)
  },
}

/** A page in the middle: every move is possible. */
export const MiddlePage: Story = {
  args: { defaultPage: 4 },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('61–80 of 135')
    for (const name of ['First page', 'Previous page', 'Next page', 'Last page']) {
      await expect(p.button(name)).toBeEnabled()
    }
    await userEvent.click(p.button('Previous page'))
    await expect(p.range()).toBe('41–60 of 135')
    await expect(p.current()).toHaveTextContent('3')
  },
}

/** The last page holds the remainder (121–135); next and last are disabled. */
export const LastPage: Story = {
  args: { defaultPage: 7 },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('121–135 of 135')
    await expect(p.button('Next page')).toBeDisabled()
    await expect(p.button('Last page')).toBeDisabled()
    await userEvent.click(p.button('First page'))
    await expect(p.range()).toBe('1–20 of 135')
  },
}

/** 500 pages: the list keeps its length, with an ellipsis for each run of hidden pages. */
export const ManyPages: Story = {
  args: { total: 10_000, defaultPage: 250 },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('4,981–5,000 of 10,000')
    await expect(p.pageNumbers()).toEqual(['1', '…', '249', '250', '251', '…', '500'])

    await userEvent.click(p.button('Page 251'))
    await expect(p.current()).toHaveTextContent('251')
    await expect(p.pageNumbers()).toEqual(['1', '…', '250', '251', '252', '…', '500'])

    await userEvent.click(p.button('Page 1'))
    await expect(p.pageNumbers()).toEqual(['1', '2', '3', '4', '5', '…', '500'])
  },
}

/** No rows at all. */
export const Empty: Story = {
  args: { total: 0 },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('0 of 0')
    await expect(p.button('Next page')).toBeDisabled()
    await expect(p.button('Previous page')).toBeDisabled()
  },
}

/** Picking rows per page keeps the first row that was on screen in view. */
export const RowsPerPage: Story = {
  args: { defaultPage: 3 },
  play: async ({ canvasElement, args }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('41–60 of 135')
    await userEvent.click(p.canvas.getByRole('button', { name: 'Rows per page 20' }))
    const menu = await p.canvas.findByRole('menu', { name: 'Rows per page' })
    await userEvent.click(within(menu).getByRole('menuitemcheckbox', { name: '10' }))
    await expect(args.onPageSizeChange).toHaveBeenCalledWith(10)
    await expect(p.range()).toBe('41–50 of 135')
    await expect(p.current()).toHaveTextContent('5')
  },
}

/**
 * Right to left (`dir="rtl"`): the order flips (previous is on the right), the arrows are
 * mirrored to point where they go, and the rows-per-page menu opens under its button.
 */
export const RightToLeft: Story = {
  args: { defaultPage: 3 },
  render: (args, { name }) => (
    <div dir="rtl">
      <Pagination label={`${name} pages`} {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const previous = p.button('Previous page').getBoundingClientRect()
    const next = p.button('Next page').getBoundingClientRect()
    await expect(previous.left).toBeGreaterThan(next.left)
    const icon = p.button('Next page').querySelector('svg') as SVGElement
    await expect(getComputedStyle(icon).transform).not.toBe('none')
    await userEvent.click(p.button('Next page'))
    await expect(p.range()).toBe('61–80 of 135')
  },
}

// ─── Cursor pages ───────────────────────────────────────────────────────────────────────────────

const CURSOR_ROWS = 47

/** Cursor pages, as a live query pages them: 20 at a time, the next page known to exist or not. */
function CursorDemo() {
  const [page, setPage] = useState(1)
  const onPage = Math.max(0, Math.min(20, CURSOR_ROWS - (page - 1) * 20))
  return (
    <Pagination
      label="Cursor mode pages"
      mode="cursor"
      page={page}
      onPageChange={setPage}
      hasNextPage={page * 20 < CURSOR_ROWS}
      pageItemCount={onPage}
      showPageSize={false}
    />
  )
}

/**
 * Cursor mode (`mode="cursor"`): previous and next only, "of many" until the last page shows
 * the total.
 */
export const CursorMode: Story = {
  args: { total: undefined },
  render: () => <CursorDemo />,
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.range()).toBe('1–20 of many')
    await expect(p.nav.querySelector('[data-part="page-trigger"]')).toBeNull()
    await expect(within(p.nav).queryByRole('button', { name: 'Last page' })).toBeNull()

    await userEvent.click(p.button('Next page'))
    await expect(p.range()).toBe('21–40 of many')
    await userEvent.click(p.button('Next page'))
    await expect(p.range()).toBe('41–47 of 47')
    await expect(p.button('Next page')).toBeDisabled()
    await userEvent.click(p.button('Previous page'))
    await expect(p.range()).toBe('21–40 of many')
  },
}

// ─── Keyboard and focus ─────────────────────────────────────────────────────────────────────────

const PEOPLE = Array.from({ length: 53 }, (_, i) => ({ id: i + 1, name: `Person ${i + 1}` }))

/** A table paged by the pagination; focus returns to the table after each page change. */
function TableDemo() {
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(10)
  const table = useRef<HTMLTableElement>(null)
  const rows = PEOPLE.slice((page - 1) * pageSize, page * pageSize)
  return (
    <div className="metal-demo-card">
      <table className="metal-demo-table" ref={table} tabIndex={-1} aria-label="People">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>{row.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        label="People pages"
        total={PEOPLE.length}
        page={page}
        onPageChange={setPage}
        pageSize={pageSize}
        onPageSizeChange={setPageSize}
        pageSizeOptions={[5, 10, 25]}
        focusTarget={table}
      />
    </div>
  )
}

/**
 * Keyboard only: Tab reaches the controls in order, Enter and Space press them, and after a
 * page change focus moves to the table (`focusTarget`) so the new rows are read next.
 */
export const KeyboardAndFocus: Story = {
  render: () => <TableDemo />,
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const table = p.canvas.getByRole('table', { name: 'People' })
    await expect(p.range()).toBe('1–10 of 53')

    // Tab order: rows-per-page button, then the first enabled button (first/previous are disabled).
    await userEvent.tab()
    await expect(p.canvas.getByRole('button', { name: /^Rows per page/ })).toHaveFocus()
    await userEvent.tab()
    await expect(p.button('Page 1')).toHaveFocus()
    await userEvent.tab()
    await expect(p.button('Page 2')).toHaveFocus()

    await userEvent.keyboard('{Enter}')
    await expect(p.range()).toBe('11–20 of 53')
    await expect(p.current()).toHaveTextContent('2')
    await expect(table).toHaveFocus()
    await expect(within(table).getByText('Person 11')).toBeVisible()

    p.button('Next page').focus()
    await userEvent.keyboard(' ')
    await expect(p.range()).toBe('21–30 of 53')
    await waitFor(() => expect(table).toHaveFocus())
  },
}

// ─── Theme and density ──────────────────────────────────────────────────────────────────────────

/** Dark theme (`data-metal-theme="dark"`): the current page uses the dark secondary container. */
export const Dark: Story = {
  args: { defaultPage: 2 },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    const surface = canvasElement.querySelector('[data-metal-theme]')
    await expect(surface).toHaveAttribute('data-metal-theme', 'dark')
    // --metal-sys-color-secondary-container, dark: #4a4458
    await expect(getComputedStyle(p.current()).backgroundColor).toBe('rgb(74, 68, 88)')
    await userEvent.click(p.button('Next page'))
    await expect(p.range()).toBe('41–60 of 135')
  },
}

/** Light theme, for side-by-side comparison with Dark: light secondary container. */
export const Light: Story = {
  args: { defaultPage: 2 },
  globals: { theme: 'light' },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    // --metal-sys-color-secondary-container, light: #e8def8
    await expect(getComputedStyle(p.current()).backgroundColor).toBe('rgb(232, 222, 248)')
  },
}

/** Densest setting (`data-metal-density="-4"`): 24px buttons instead of 40px. */
export const Dense: Story = {
  globals: { density: '-4' },
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.button('Next page').getBoundingClientRect().height).toBe(24)
  },
}

/** Default density: 40px buttons. */
export const DefaultDensity: Story = {
  play: async ({ canvasElement }) => {
    const p = parts(canvasElement)
    await expect(p.button('Next page').getBoundingClientRect().height).toBe(40)
  },
}
