import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { DataTable } from '../DataTable.js'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { twoClients } from './metalTestClients.js'

interface Message {
  id: string
  text: string
}

const columns: DataTableColumn<Message>[] = [{ field: 'text', header: 'Text' }]
const ROW = 52 // the table's default row height; jsdom lays nothing out, so the view uses it

let env: ReturnType<typeof twoClients>
afterEach(() => env?.close())

const grid = () => screen.getByRole('grid', { name: 'Messages' })
/** The scroll container: the grid itself (its header row sticks to the top). */
const body = () => grid()
const texts = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent)
const pill = () => screen.queryByRole('button', { name: /new rows?$/ })

/** 30 messages m10…m39, in a bound table showing them all (ordered by id). */
async function setup(props: { virtualizeAbove?: number } = {}) {
  env = twoClients()
  const docs: Record<string, { text: string }> = {}
  for (let i = 10; i < 40; i++) docs[`m${i}`] = { text: `Message ${i}` }
  await env.seed('messages', docs)
  render(
    <DataTable
      label="Messages"
      collection="messages"
      columns={columns}
      defaultPageSize={100}
      height={200}
      {...props}
    />,
    { wrapper: env.wrapper },
  )
  await waitFor(() => expect(grid().getAttribute('aria-rowcount')).toBe('31'))
}

function scrollTo(top: number) {
  body().scrollTop = top
  fireEvent.scroll(body())
}

const add = (id: string) =>
  act(() =>
    env.other
      .db()
      .collection('messages')
      .doc(id)
      .set({ text: `New ${id}` }),
  )

describe('<DataTable> live rows above the viewport', () => {
  it('keeps the row in view in place and shows "N new rows" for rows arriving above it', async () => {
    await setup()
    scrollTo(10 * ROW + 20) // Message 20 at the top, 20px of it scrolled past
    await add('m00')
    await waitFor(() => expect(texts()[0]).toBe('New m00'))
    expect(body().scrollTop).toBe(11 * ROW + 20)
    expect(pill()?.textContent).toBe('1 new row')
    await add('m01')
    await add('m02')
    await waitFor(() => expect(pill()?.textContent).toBe('3 new rows'))
    expect(body().scrollTop).toBe(13 * ROW + 20)
  })

  it('counts no rows arriving below the row in view, and moves nothing for them', async () => {
    await setup()
    scrollTo(5 * ROW)
    await add('m25a')
    await waitFor(() => expect(texts()).toHaveLength(31))
    expect(body().scrollTop).toBe(5 * ROW)
    expect(pill()).toBeNull()
  })

  it('shows rows arriving at the top as they come while scrolled to the top', async () => {
    await setup()
    await add('m00')
    await waitFor(() => expect(texts()[0]).toBe('New m00'))
    expect(body().scrollTop).toBe(0)
    expect(pill()).toBeNull()
  })

  it('scrolls to the top and clears the count when the pill is clicked', async () => {
    await setup()
    const user = userEvent.setup()
    scrollTo(8 * ROW)
    await add('m00')
    await waitFor(() => expect(pill()).not.toBeNull())
    await user.click(pill() as HTMLElement)
    expect(body().scrollTop).toBe(0)
    expect(pill()).toBeNull()
    expect(texts()[0]).toBe('New m00')
  })

  it('clears the count when the user scrolls back to the top', async () => {
    await setup()
    scrollTo(8 * ROW)
    await add('m00')
    await waitFor(() => expect(pill()).not.toBeNull())
    scrollTo(0)
    expect(pill()).toBeNull()
  })

  it('moves up by as much when rows above the viewport leave, with no pill', async () => {
    await setup()
    scrollTo(10 * ROW)
    await act(() => env.other.db().collection('messages').doc('m11').delete())
    await waitFor(() => expect(texts()).toHaveLength(29))
    expect(body().scrollTop).toBe(9 * ROW)
    expect(pill()).toBeNull()
  })

  it('anchors virtualized rows too', async () => {
    await setup({ virtualizeAbove: 10 })
    scrollTo(12 * ROW)
    await add('m00')
    await waitFor(() => expect(pill()?.textContent).toBe('1 new row'))
    expect(body().scrollTop).toBe(13 * ROW)
  })

  it('keeps the focused cell on its row when rows arrive above it', async () => {
    await setup()
    const cellOf = (text: string) =>
      within(grid()).getByText(text).closest('[role="gridcell"]') as HTMLElement
    act(() => cellOf('Message 20').focus())
    await add('m00')
    await waitFor(() => expect(texts()[0]).toBe('New m00'))
    expect(cellOf('Message 20').getAttribute('tabindex')).toBe('0')
    expect(cellOf('Message 19').getAttribute('tabindex')).toBe('-1')
  })
})
