import type { ReactNode } from 'react'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { QueryClient } from '@tanstack/react-query'
import {
  Metal,
  MetalError,
  type Backend,
  type MetalDataConverter,
  type QueryDocumentSnapshot,
} from '@metal/core'
import { memory } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'

interface User {
  id: string
  name: string
  age: number
  role: string
}

const columns: DataTableColumn<User>[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number', editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ['admin', 'user'] },
]

/** Two clients on one embedded backend; commits of `mine` can be refused. */
function setup() {
  const inner = memory({ presenceChannel: false })
  let refuse = false
  let refuseListens = false
  const gated: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request: (message) =>
          refuseListens && message.type === 'listen'
            ? Promise.reject(new MetalError('permission-denied', 'Reading users is not allowed'))
            : refuse && message.type === 'commit'
              ? Promise.reject(
                  new MetalError('permission-denied', 'Writes to users are not allowed'),
                )
              : conn.request(message),
        close: () => conn.close(),
      }
    },
  }
  const options = {
    projectId: 'test',
    watchBrowserNetwork: false,
    sync: { storage: false },
    auth: { persistence: false },
  } as const
  const mine = new Metal({ ...options, backend: gated })
  const other = new Metal({ ...options, backend: inner })
  const queryClient = new QueryClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <MetalProvider client={mine} queryClient={queryClient}>
      {children}
    </MetalProvider>
  )
  return {
    inner,
    mine,
    other,
    wrapper,
    refuseWrites: () => (refuse = true),
    refuseListens: () => (refuseListens = true),
    async seed(n: number) {
      const batch = other.db().batch()
      for (let i = 1; i <= n; i++) {
        const id = `u${String(i).padStart(2, '0')}`
        batch.set(other.db().collection('users').doc(id), {
          name: `User ${String(i).padStart(2, '0')}`,
          age: 20 + i,
          role: i % 2 ? 'admin' : 'user',
        })
      }
      await batch.commit()
    },
    close() {
      queryClient.clear()
      mine.close()
      other.close()
    },
  }
}

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const grid = () => screen.getByRole('grid', { name: 'Users' })
const bodyRows = () => within(grid()).getAllByRole('row').slice(1)
const column = (n: number) =>
  bodyRows().map((r) => within(r).getAllByRole('gridcell')[n]?.textContent)
const range = () =>
  screen.getByRole('navigation', { name: / pages$/ }).querySelector('[data-part="range"]')
    ?.textContent

describe('<DataTable> bound to a Metal collection', () => {
  it('shows loading, then a page of the live query with the total', async () => {
    env = setup()
    await env.seed(25)
    render(<DataTable label="Users" collection="users" columns={columns} defaultPageSize={10} />, {
      wrapper: env.wrapper,
    })
    expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy()
    await waitFor(() => expect(range()).toBe('1–10 of 25'))
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(grid().getAttribute('aria-rowcount')).toBe('26')
    expect(column(0)[0]).toBe('User 01')
  })

  it('keeps the total with a live count, holding only the page rows', async () => {
    env = setup()
    await env.seed(25)
    render(<DataTable label="Users" collection="users" columns={columns} defaultPageSize={10} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(range()).toBe('1–10 of 25'))
    expect(env.inner.listenerCount('test', 'users')).toBe(1) // the page, not every matching row
    expect(env.inner.aggregateListenerCount('test', 'users')).toBe(1)
    await env.other.db().collection('users').doc('u99').set({ name: 'Zed', age: 1, role: 'user' })
    await waitFor(() => expect(range()).toBe('1–10 of 26'))
    await env.other.db().collection('users').doc('u01').delete()
    await env.other.db().collection('users').doc('u02').delete()
    await waitFor(() => expect(range()).toBe('1–10 of 24'))
  })

  it('sorts, filters and pages through Metal queries, narrowing the base query', async () => {
    env = setup()
    await env.seed(25)
    const user = userEvent.setup()
    render(
      <DataTable
        label="Users"
        collection="users"
        query={(users) => users.where('role', '==', 'admin')}
        columns={columns}
        defaultPageSize={5}
      />,
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(range()).toBe('1–5 of 13'))
    await user.click(within(grid()).getByRole('columnheader', { name: /Age/ }))
    await user.click(within(grid()).getByRole('columnheader', { name: /Age/ }))
    await waitFor(() => expect(column(0)[0]).toBe('User 25'))
    await user.click(screen.getByRole('button', { name: 'Page 2' }))
    await waitFor(() => expect(column(0)[0]).toBe('User 15'))
    expect(bodyRows()[0]?.getAttribute('aria-rowindex')).toBe('7')
    await user.click(screen.getByRole('button', { name: 'Filters' }))
    await user.type(screen.getByRole('spinbutton', { name: 'Age to' }), '30')
    await waitFor(() => expect(range()).toBe('1–5 of 5'))
    expect(column(1)).toEqual(['29', '27', '25', '23', '21'])
  })

  it('updates live and highlights the row when another client writes', async () => {
    env = setup()
    await env.seed(3)
    render(<DataTable label="Users" collection="users" columns={columns} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(column(0)).toEqual(['User 01', 'User 02', 'User 03']))
    await act(() => env.other.db().collection('users').doc('u02').update({ name: 'Grace' }))
    await waitFor(() => expect(column(0)[1]).toBe('Grace'))
    // The mark follows the new content in an effect, one render later.
    await waitFor(() => expect(bodyRows()[1]?.hasAttribute('data-changed')).toBe(true))
    expect(bodyRows()[0]?.hasAttribute('data-changed')).toBe(false)
    await act(() =>
      env.other.db().collection('users').add({ name: 'User 00', age: 1, role: 'user' }),
    )
    await waitFor(() => expect(range()).toBe('1–4 of 4'))
  })

  it('ends every highlight, also when another change comes before the first one ends', async () => {
    env = setup()
    await env.seed(3)
    render(<DataTable label="Users" collection="users" columns={columns} highlightMs={150} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(column(0)).toEqual(['User 01', 'User 02', 'User 03']))
    await act(() => env.other.db().collection('users').doc('u02').update({ name: 'Grace' }))
    await waitFor(() => expect(bodyRows()[1]?.hasAttribute('data-changed')).toBe(true))
    await act(() => env.other.db().collection('users').doc('u03').update({ name: 'Ada' }))
    await waitFor(() => expect(bodyRows()[2]?.hasAttribute('data-changed')).toBe(true))
    await waitFor(() =>
      expect(bodyRows().map((row) => row.hasAttribute('data-changed'))).toEqual([
        false,
        false,
        false,
      ]),
    )
  })

  it('writes an edit back optimistically', async () => {
    env = setup()
    await env.seed(2)
    const user = userEvent.setup()
    render(<DataTable label="Users" collection="users" columns={columns} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(column(1)).toEqual(['21', '22']))
    await user.dblClick(
      within(bodyRows()[0] as HTMLElement).getAllByRole('gridcell')[1] as HTMLElement,
    )
    const editor = within(grid()).getByRole('textbox', { name: 'Age' })
    await user.clear(editor)
    await user.type(editor, '40{Enter}')
    expect(column(1)[0]).toBe('40')
    await waitFor(async () => {
      const snap = await env.other.db().collection('users').doc('u01').get()
      expect(snap.data()?.age).toBe(40)
    })
  })

  it('rolls a refused edit back and shows the error on the cell', async () => {
    env = setup()
    await env.seed(2)
    const user = userEvent.setup()
    render(<DataTable label="Users" collection="users" columns={columns} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(column(1)).toEqual(['21', '22']))
    env.refuseWrites()
    const cell = within(bodyRows()[1] as HTMLElement).getAllByRole('gridcell')[1] as HTMLElement
    await user.dblClick(cell)
    const editor = within(grid()).getByRole('textbox', { name: 'Age' })
    await user.clear(editor)
    await user.type(editor, '99{Enter}')
    await waitFor(() =>
      expect(within(cell).getByRole('alert').textContent).toContain('not allowed'),
    )
    expect(cell.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() =>
      expect(cell.querySelector('[data-part="cell-value"]')?.textContent).toBe('22'),
    )
  })

  it('pages with cursors and no total: "of many" until the last page', async () => {
    env = setup()
    await env.seed(12)
    const user = userEvent.setup()
    render(
      <DataTable
        label="Users"
        collection="users"
        columns={columns}
        pagingMode="cursor"
        defaultPageSize={5}
      />,
      { wrapper: env.wrapper },
    )
    await waitFor(() => expect(range()).toBe('1–5 of many'))
    expect(grid().getAttribute('aria-rowcount')).toBe('-1')
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(column(0)[0]).toBe('User 06'))
    expect(range()).toBe('6–10 of many')
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(range()).toBe('11–12 of 12'))
    expect(column(0)).toEqual(['User 11', 'User 12'])
  })

  // withConverter(): a base query with a converter shows the converter's models; cursor pages
  // still continue from the stored fields (the model has none of them).
  const shout = {
    toFirestore: (m: { label: string; years: number }) => ({ name: m.label, age: m.years }),
    fromFirestore: (snap: QueryDocumentSnapshot<{ name: string; age: number }>) => ({
      label: snap.data().name.toUpperCase(),
      years: snap.data().age,
    }),
  } as MetalDataConverter<{ label: string; years: number }, { name: string; age: number }>
  const modelColumns: DataTableColumn<{ id: string; label: string; years: number }>[] = [
    { field: 'label', header: 'Label' },
    { field: 'years', header: 'Years', type: 'number' },
  ]

  for (const pagingMode of ['offset', 'cursor'] as const) {
    it(`shows the models of a base query with a converter (${pagingMode} pages)`, async () => {
      env = setup()
      await env.seed(7)
      const user = userEvent.setup()
      render(
        <DataTable
          label="Users"
          collection="users"
          query={(users) => users.orderBy('age', 'desc').withConverter(shout)}
          columns={modelColumns}
          pagingMode={pagingMode}
          defaultPageSize={5}
        />,
        { wrapper: env.wrapper },
      )
      await waitFor(() => expect(column(0)[0]).toBe('USER 07'))
      expect(column(1)[0]).toBe('27')
      await waitFor(() => expect(range()).toMatch(/^1–5 of (7|many)$/))
      await user.click(screen.getByRole('button', { name: 'Next page' }))
      await waitFor(() => expect(column(0)).toEqual(['USER 02', 'USER 01']))
    })
  }

  it('shows the error state when the query fails', async () => {
    env = setup()
    env.refuseListens()
    render(<DataTable label="Users" collection="users" columns={columns} />, {
      wrapper: env.wrapper,
    })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not allowed'))
  })
})
