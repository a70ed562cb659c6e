import { screen, waitFor, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DocumentData } from '@metal/core'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type { DataTableColumn } from '../../data-table/dataTable.types.js'
import {
  bodyRows,
  columnTexts,
  grid,
  header,
  range,
  twoClients,
  type DataTableHarness,
  type Mounted,
  type NeutralDataTableProps,
} from './dataTable.harness.js'

export type { DataTableHarness, Mounted, NeutralDataTableProps } from './dataTable.harness.js'

// One behaviour suite for every data table view: each renderer's runner passes its harness.
// Everything is asserted through the DOM, as a user (or assistive technology) meets it.

interface Person {
  id: string
  name: string
  age: number
  role: string
  city: string
}

const PEOPLE: Person[] = Array.from({ length: 45 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Person ${String(i + 1).padStart(2, '0')}`,
  age: 20 + ((i * 7) % 40),
  role: i % 3 === 0 ? 'admin' : 'user',
  city: i % 2 ? 'Lima' : 'Oslo',
}))

const people: DataTableColumn<Person>[] = [
  { field: 'name', header: 'Name', editable: true, validate: (v) => (v ? null : 'Required') },
  {
    field: 'age',
    header: 'Age',
    type: 'number',
    editable: true,
    validate: (v) => (typeof v === 'number' && v > 150 ? 'Too old' : null),
  },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
  { field: 'city', header: 'City' },
]

const users: DataTableColumn[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number', editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
]

const columns = people as DataTableColumn<never>[]
const userColumns = users as DataTableColumn<never>[]
const P = 'People'
const U = 'Users'
const text = (n: number) => columnTexts(P, n)
const focused = () => document.activeElement as HTMLElement
const selectPage = () =>
  screen.getByRole('checkbox', { name: 'Select all rows on this page' }) as HTMLInputElement

/** Runs the data-table behaviour suite against one renderer's view. */
export function describeDataTableBehaviour(harness: DataTableHarness): void {
  let mounted: Mounted<NeutralDataTableProps> | undefined
  let env: ReturnType<typeof twoClients> | undefined
  afterEach(() => {
    mounted?.unmount()
    mounted = undefined
    env?.close()
    env = undefined
  })
  const render = async (props: Partial<NeutralDataTableProps>) => {
    const base = { label: P, rows: PEOPLE, columns }
    mounted = await harness.render({ ...base, ...props } as NeutralDataTableProps)
    return mounted
  }
  const renderBound = async (props: Partial<NeutralDataTableProps>) => {
    const base = { label: U, collection: 'users', columns: userColumns }
    mounted = await harness.render({ ...base, ...props } as NeutralDataTableProps, env?.mine)
    return mounted
  }

  // A busy machine types and clicks slowly: these tests take seconds, not milliseconds.
  describe(`DataTable behaviour (${harness.renderer})`, { timeout: 30_000 }, () => {
    it('moves focus by the grid keyboard map: arrows, Home/End, PageUp/PageDown, Ctrl+End', async () => {
      const user = userEvent.setup()
      await render({ defaultPageSize: 20, height: 260, rowHeight: 52 })
      await user.click(within(bodyRows(P)[0] as HTMLElement).getByText('Person 01'))
      expect(focused().getAttribute('role')).toBe('gridcell')
      await user.keyboard('{ArrowRight}')
      expect(focused().textContent).toBe(String(PEOPLE[0]?.age))
      await user.keyboard('{End}')
      expect(focused().textContent).toBe('Oslo')
      await user.keyboard('{Home}')
      expect(focused().textContent).toBe('Person 01')
      await user.keyboard('{PageDown}') // 260 / 52 - 1 = 4 rows
      expect(focused().textContent).toBe('Person 05')
      await user.keyboard('{ArrowDown}{PageUp}')
      expect(focused().textContent).toBe('Person 02')
      await user.keyboard('{Control>}{End}{/Control}')
      expect(focused().textContent).toBe('Lima')
      expect(focused().closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('21')
      await user.keyboard('{Control>}{Home}{/Control}{ArrowUp}')
      expect(focused()).toBe(header(P, 'Name'))
      const stops = within(grid(P))
        .getAllByRole('gridcell')
        .concat(within(grid(P)).getAllByRole('columnheader'))
        .filter((cell) => cell.tabIndex === 0)
      expect(stops).toEqual([focused()])
    })

    it('edits with Enter or F2, cancels with Escape, and selects with Space', async () => {
      const user = userEvent.setup()
      const onCellEdit = vi.fn()
      const onSelectionChange = vi.fn()
      await render({ defaultPageSize: 5, selectable: true, onCellEdit, onSelectionChange })
      await user.click(within(bodyRows(P)[0] as HTMLElement).getByText('Person 01'))
      await user.keyboard('{Enter}')
      const editor = within(grid(P)).getByRole('textbox', { name: 'Name' }) as HTMLInputElement
      expect(editor.value).toBe('Person 01')
      await user.keyboard('x{Escape}')
      expect(within(grid(P)).queryByRole('textbox')).toBeNull()
      expect(focused().textContent).toBe('Person 01')
      await user.keyboard('{ArrowRight}{F2}')
      expect(within(grid(P)).getByRole('textbox', { name: 'Age' })).toBeTruthy()
      await user.keyboard('{Escape}')
      expect(onCellEdit).not.toHaveBeenCalled()
      expect(text(0)[0]).toBe('Person 01')
      await user.keyboard(' ')
      expect(bodyRows(P)[0]?.getAttribute('aria-selected')).toBe('true')
      expect(onSelectionChange).toHaveBeenLastCalledWith({ all: false, ids: ['p1'] })
      await user.keyboard('{ArrowDown} ')
      expect(screen.getByText('2 selected')).toBeTruthy()
      await user.keyboard(' ')
      expect(bodyRows(P)[1]?.getAttribute('aria-selected')).toBe('false')
      expect(screen.getByText('1 selected')).toBeTruthy()
    })

    it('keeps the selection across pages, with the header checkbox and the count', async () => {
      const user = userEvent.setup()
      const onSelectionChange = vi.fn()
      await render({ defaultPageSize: 10, selectable: true, onSelectionChange })
      expect(grid(P).getAttribute('aria-multiselectable')).toBe('true')
      expect(selectPage().checked).toBe(false)
      await user.click(screen.getByRole('checkbox', { name: 'Select row p2' }))
      expect(selectPage().indeterminate).toBe(true)
      await user.click(selectPage())
      expect(selectPage().checked).toBe(true)
      expect(bodyRows(P).every((r) => r.getAttribute('aria-selected') === 'true')).toBe(true)
      expect(screen.getByText('10 selected')).toBeTruthy()
      await user.click(screen.getByRole('button', { name: 'Page 2' }))
      expect(text(0)[0]).toBe('Person 11')
      expect(selectPage().checked).toBe(false)
      expect(selectPage().indeterminate).toBe(false)
      await user.click(screen.getByRole('checkbox', { name: 'Select row p12' }))
      await user.click(screen.getByRole('checkbox', { name: 'Select row p13' }))
      expect(screen.getByText('12 selected')).toBeTruthy()
      expect(selectPage().indeterminate).toBe(true)
      await user.click(screen.getByRole('button', { name: 'Page 1' }))
      expect(selectPage().checked).toBe(true)
      await user.click(selectPage())
      expect(screen.getByText('2 selected')).toBeTruthy()
      expect(onSelectionChange).toHaveBeenLastCalledWith({ all: false, ids: ['p12', 'p13'] })
      await user.click(selectPage())
      await user.click(screen.getByRole('button', { name: 'Select all 45 matching rows' }))
      expect(screen.getByText('45 selected')).toBeTruthy()
      await user.click(screen.getByRole('button', { name: 'Page 5' }))
      await user.click(screen.getByRole('checkbox', { name: 'Select row p41' }))
      expect(screen.getByText('44 selected')).toBeTruthy()
      expect(onSelectionChange).toHaveBeenLastCalledWith({ all: true, ids: ['p41'] })
    })

    it('refuses an invalid edit with the error shown, and writes a valid one', async () => {
      const user = userEvent.setup()
      const onCellEdit = vi.fn(() => new Promise(() => {})) // still being written
      await render({ defaultPageSize: 5, onCellEdit })
      await user.dblClick(within(bodyRows(P)[0] as HTMLElement).getByText('Person 01'))
      const editor = within(grid(P)).getByRole('textbox', { name: 'Name' })
      await user.clear(editor)
      await user.keyboard('{Enter}')
      expect(editor.getAttribute('aria-invalid')).toBe('true')
      expect(within(grid(P)).getByRole('alert').textContent).toBe('Required')
      expect(onCellEdit).not.toHaveBeenCalled()
      await user.type(editor, 'Ada{Enter}')
      expect(onCellEdit).toHaveBeenCalledWith(PEOPLE[0], 'name', 'Ada')
      expect(text(0)[0]).toBe('Ada') // shown at once
      expect(focused().textContent).toBe('Ada')
      expect(within(grid(P)).queryByRole('alert')).toBeNull()
    })

    it('rolls a rejected onCellEdit back and shows its error on the cell', async () => {
      const user = userEvent.setup()
      let reject: (error: Error) => void = () => {}
      const onCellEdit = vi.fn(() => new Promise((_, r) => (reject = r)))
      await render({ defaultPageSize: 5, onCellEdit })
      const cell = within(bodyRows(P)[0] as HTMLElement).getAllByRole('gridcell')[1] as HTMLElement
      await user.dblClick(cell)
      const editor = within(grid(P)).getByRole('textbox', { name: 'Age' })
      await user.clear(editor)
      await user.type(editor, '200{Enter}')
      expect(within(cell).getByRole('alert').textContent).toBe('Too old')
      await user.clear(editor)
      await user.type(editor, '99{Enter}')
      expect(text(1)[0]).toBe('99')
      reject(new Error('Not allowed'))
      await waitFor(() => expect(cell.getAttribute('aria-invalid')).toBe('true'))
      expect(text(1)[0]).toBe(String(PEOPLE[0]?.age))
      expect(within(cell).getByRole('alert').textContent).toBe('Not allowed')
    })

    it('sorts by a header click, descending on the next, and by a second key with Shift', async () => {
      const user = userEvent.setup()
      await render({ defaultPageSize: 50 })
      await user.click(header(P, 'Age'))
      expect(header(P, 'Age').getAttribute('aria-sort')).toBe('ascending')
      const ages = text(1).map(Number)
      expect(ages).toEqual([...ages].sort((a, b) => a - b))
      await user.click(header(P, 'Age'))
      expect(header(P, 'Age').getAttribute('aria-sort')).toBe('descending')
      expect(text(1).map(Number)).toEqual([...ages].sort((a, b) => b - a))
      await user.click(header(P, 'Role'))
      await user.keyboard('{Shift>}')
      await user.click(header(P, 'Name'))
      await user.click(header(P, 'Name'))
      await user.keyboard('{/Shift}')
      expect(header(P, 'Role').getAttribute('aria-sort')).toBe('ascending')
      expect(header(P, 'Name').getAttribute('data-sort-index')).toBe('2')
      const admins = text(0).slice(0, 15)
      expect(
        text(2)
          .slice(0, 15)
          .every((r) => r === 'admin'),
      ).toBe(true)
      expect(admins).toEqual([...admins].sort().reverse())
    })

    it('quick-searches and filters by column, back on page 1 with the count on the button', async () => {
      const user = userEvent.setup()
      await render({ defaultPageSize: 10 })
      await user.click(screen.getByRole('button', { name: 'Page 2' }))
      await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'person 1')
      expect(text(0)).toEqual(Array.from({ length: 10 }, (_, i) => `Person 1${i}`))
      expect(range()).toBe('1–10 of 10')
      await user.clear(screen.getByRole('searchbox', { name: 'Search' }))
      await user.click(screen.getByRole('button', { name: 'Filters' }))
      await user.type(screen.getByRole('spinbutton', { name: 'Age from' }), '55')
      await user.click(screen.getByRole('checkbox', { name: 'admin' }))
      const matching = PEOPLE.filter((p) => p.age >= 55 && p.role === 'admin')
      expect(text(0)).toEqual(matching.map((p) => p.name))
      expect(grid(P).getAttribute('aria-rowcount')).toBe(String(matching.length + 1))
      expect(screen.getByRole('button', { name: 'Filters (2 active)' })).toBeTruthy()
      await user.click(screen.getByRole('button', { name: 'Clear filters' }))
      expect(range()).toBe('1–10 of 45')
    })

    it('pages by offset with a total, and by cursor with "of many"', async () => {
      const user = userEvent.setup()
      const view = await render({ defaultPageSize: 20 })
      expect(range()).toBe('1–20 of 45')
      await user.click(screen.getByRole('button', { name: 'Page 3' }))
      expect(bodyRows(P)).toHaveLength(5)
      expect(bodyRows(P)[0]?.getAttribute('aria-rowindex')).toBe('42')
      expect(text(0)[0]).toBe('Person 41')
      view.unmount()
      await render({ defaultPageSize: 20, pagingMode: 'cursor' })
      expect(range()).toBe('1–20 of many')
      expect(grid(P).getAttribute('aria-rowcount')).toBe('-1')
      await user.click(screen.getByRole('button', { name: 'Next page' }))
      await user.click(screen.getByRole('button', { name: 'Next page' }))
      expect(range()).toBe('41–45 of 45')
      expect(text(0)[0]).toBe('Person 41')
    })

    it('shows the empty state, the loading state, and the error state with Retry', async () => {
      const user = userEvent.setup()
      const onRetry = vi.fn()
      const view = await render({ rows: [], loading: true })
      expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy()
      expect(screen.queryByRole('status')).toBeNull()
      await view.rerender({ label: P, rows: [], columns })
      expect(screen.getByRole('status').textContent).toContain('No rows')
      await view.rerender({ label: P, rows: [], columns, error: new Error('Offline'), onRetry })
      const alert = screen.getByRole('alert')
      expect(alert.textContent).toContain('Offline')
      await user.click(within(alert).getByRole('button', { name: 'Retry' }))
      expect(onRetry).toHaveBeenCalledTimes(1)
    })

    describe('bound to a Metal collection', () => {
      it('pages a live query with a live total, sorting and filtering through Metal', async () => {
        env = twoClients()
        await env.seed(25)
        const user = userEvent.setup()
        await renderBound({ defaultPageSize: 10 })
        expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy()
        await waitFor(() => expect(range()).toBe('1–10 of 25'))
        await user.click(header(U, 'Age'))
        await user.click(header(U, 'Age'))
        await waitFor(() => expect(columnTexts(U, 0)[0]).toBe('User 25'))
        await user.click(screen.getByRole('button', { name: 'Page 2' }))
        await waitFor(() => expect(columnTexts(U, 0)[0]).toBe('User 15'))
        await user.click(screen.getByRole('button', { name: 'Filters' }))
        await user.type(screen.getByRole('spinbutton', { name: 'Age to' }), '30')
        await waitFor(() => expect(range()).toBe('1–10 of 10'))
        expect(columnTexts(U, 1)[0]).toBe('30')
      })

      it('follows a new query prop: other rows and another total, and all without one', async () => {
        env = twoClients()
        await env.seed(6)
        const base = { label: U, collection: 'users', columns: userColumns }
        const role =
          (value: string): DataTableBaseQuery<DocumentData> =>
          (users) =>
            users.where('role', '==', value)
        const view = await renderBound({ query: role('admin') })
        await waitFor(() => expect(range()).toBe('1–3 of 3'))
        expect(columnTexts(U, 0)).toEqual(['User 01', 'User 03', 'User 05'])
        await view.rerender({ ...base, query: role('user') })
        await waitFor(() => expect(columnTexts(U, 0)).toEqual(['User 02', 'User 04', 'User 06']))
        expect(range()).toBe('1–3 of 3')
        await view.rerender(base)
        await waitFor(() => expect(range()).toBe('1–6 of 6'))
      })

      it('shows another client’s writes live and highlights the changed row', async () => {
        env = twoClients()
        await env.seed(3)
        await renderBound({})
        await waitFor(() => expect(columnTexts(U, 0)).toEqual(['User 01', 'User 02', 'User 03']))
        await env.other.db().collection('users').doc('u02').update({ name: 'Grace' })
        await waitFor(() => expect(columnTexts(U, 0)[1]).toBe('Grace'))
        await waitFor(() => expect(bodyRows(U)[1]?.hasAttribute('data-changed')).toBe(true))
        expect(bodyRows(U)[0]?.hasAttribute('data-changed')).toBe(false)
        await env.other
          .db()
          .collection('users')
          .doc('u04')
          .set({ name: 'Zed', age: 9, role: 'user' })
        await waitFor(() => expect(range()).toBe('1–4 of 4'))
      })

      it('writes an edit back, and rolls a refused one back with the error on the cell', async () => {
        env = twoClients()
        await env.seed(2)
        const user = userEvent.setup()
        await renderBound({})
        await waitFor(() => expect(columnTexts(U, 1)).toEqual(['21', '22']))
        await user.dblClick(within(bodyRows(U)[0] as HTMLElement).getByText('21'))
        await user.clear(within(grid(U)).getByRole('textbox', { name: 'Age' }))
        await user.keyboard('40{Enter}')
        expect(columnTexts(U, 1)[0]).toBe('40')
        await waitFor(async () => {
          const snap = await env?.other.db().collection('users').doc('u01').get()
          expect(snap?.data()?.age).toBe(40)
        })
        env.refuseWrites()
        const cell = within(bodyRows(U)[1] as HTMLElement).getAllByRole(
          'gridcell',
        )[1] as HTMLElement
        await user.dblClick(cell)
        await user.clear(within(grid(U)).getByRole('textbox', { name: 'Age' }))
        await user.keyboard('99{Enter}')
        await waitFor(() =>
          expect(within(cell).getByRole('alert').textContent).toContain('not allowed'),
        )
        expect(cell.getAttribute('aria-invalid')).toBe('true')
        await waitFor(() => expect(columnTexts(U, 1)[1]).toBe('22'))
      })

      it('pages with cursors and no total: "of many" until the last page', async () => {
        env = twoClients()
        await env.seed(12)
        const user = userEvent.setup()
        await renderBound({ pagingMode: 'cursor', defaultPageSize: 5 })
        await waitFor(() => expect(range()).toBe('1–5 of many'))
        await user.click(screen.getByRole('button', { name: 'Next page' }))
        await waitFor(() => expect(columnTexts(U, 0)[0]).toBe('User 06'))
        await user.click(screen.getByRole('button', { name: 'Next page' }))
        await waitFor(() => expect(range()).toBe('11–12 of 12'))
        expect(columnTexts(U, 0)).toEqual(['User 11', 'User 12'])
      })

      it('shows the error state when the query is refused', async () => {
        env = twoClients()
        env.refuseListens()
        await renderBound({})
        await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not allowed'))
        expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
      })
    })
  })
}
