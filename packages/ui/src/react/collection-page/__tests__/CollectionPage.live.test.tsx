import { afterEach, describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Metal } from '@metal/core'
import { closeClients, renderPage, seed, world } from './world.js'

afterEach(() => closeClients())

const row = (id: string) =>
  document.querySelector<HTMLElement>(`[data-row-id="${id}"]`) as HTMLElement
const rowCount = () => document.querySelectorAll('[role="row"][data-row-id]').length
const pendingNote = () =>
  document.querySelector('[data-scope="collection-page"][data-part="pending"]')?.textContent
/** What another client hears of `userId` in the room. */
const heard = (metal: Metal, userId: string) =>
  metal.presence('tasks').members.find((m) => m.userId === userId)

describe('<CollectionPage> pending marks', () => {
  it('marks rows whose writes wait for the backend, and counts them in the header', async () => {
    const user = userEvent.setup()
    const metal = world()()
    await seed(metal)
    renderPage(metal, { bulkActions: [{ label: 'Set status', field: 'status' }] })
    await waitFor(() => expect(rowCount()).toBe(3))
    expect(pendingNote()).toBe('')
    await screen.findByText('3 items')

    metal.disableNetwork()
    await user.click(within(row('t1')).getByRole('checkbox'))
    await user.click(within(row('t3')).getByRole('checkbox'))
    await user.click(screen.getByRole('button', { name: 'Set status' }))
    await user.click(screen.getByRole('combobox', { name: /Value/ }))
    await user.click(screen.getByRole('option', { name: 'done' }))
    await user.click(screen.getByRole('button', { name: 'Apply' }))

    await waitFor(() => expect(pendingNote()).toBe('2 rows not yet saved'))
    expect(screen.getByText('3 items')).toBeTruthy() // the count read before going offline
    expect(within(row('t1')).getByRole('img', { name: 'Saving: not yet confirmed' })).toBeTruthy()
    expect(within(row('t2')).queryByRole('img')).toBeNull()
    expect(within(row('t1')).getByText('done')).toBeTruthy() // shown at once, optimistically

    await act(async () => metal.enableNetwork())
    await waitFor(() => expect(pendingNote()).toBe(''))
    expect(within(row('t1')).queryByRole('img')).toBeNull()
  })

  it('reports a save refused after its dialog was closed', async () => {
    const user = userEvent.setup()
    const client = world({
      rules: ({ op, auth }) => op !== 'update' || auth?.userId === 'admin',
    })
    const metal = client()
    await seed(metal)
    renderPage(metal)
    await waitFor(() => expect(rowCount()).toBe(3))

    metal.disableNetwork()
    await user.click(screen.getByRole('button', { name: 'Edit Fix bug' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit Task' })
    const title = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveProperty('value', 'Fix bug'))
    await user.type(title, '!')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(pendingNote()).toBe('1 row not yet saved'))
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()

    await act(async () => metal.enableNetwork())
    const alert = await screen.findByText(/^Not saved: /)
    expect(alert.textContent).toBe(
      "Not saved: update of 'tasks/t2' is not allowed without signing in",
    )
    await waitFor(() => expect(within(row('t2')).getByText('Fix bug')).toBeTruthy()) // rolled back
  })
})

describe('<CollectionPage> presence', () => {
  it('shows who else is on the page and marks the rows they edit', async () => {
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    ada
      .presence('tasks')
      .track({ userId: 'ada', metadata: { name: 'Ada Lovelace', editing: 't2' } })
    renderPage(metal, { presence: { userId: 'me', name: 'Grace Hopper' } })
    await waitFor(() => expect(rowCount()).toBe(3))

    const viewers = await screen.findByRole('list', { name: 'Also on this page' })
    expect(within(viewers).getByRole('img', { name: 'Ada Lovelace' }).textContent).toBe('AL')
    const mark = await within(row('t2')).findByRole('img', { name: 'Ada Lovelace is editing' })
    expect(mark.textContent).toBe('AL')
    expect(within(row('t1')).queryByRole('img')).toBeNull()

    act(() =>
      ada
        .presence('tasks')
        .track({ userId: 'ada', metadata: { name: 'Ada Lovelace', editing: null } }),
    )
    await waitFor(() => expect(within(row('t2')).queryByRole('img')).toBeNull())
  })

  it('tracks this user with the document being edited, and keeps tracking after the form closes', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    ada.presence('tasks').subscribe(() => {})
    renderPage(metal, { presence: { userId: 'me', name: 'Grace Hopper' } })
    await waitFor(() =>
      expect(heard(ada, 'me')?.metadata).toEqual({ name: 'Grace Hopper', editing: null }),
    )

    await user.click(await screen.findByRole('button', { name: 'Edit Ship it' }))
    await waitFor(() => expect(heard(ada, 'me')?.metadata.editing).toBe('t3'))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(heard(ada, 'me')?.metadata.editing).toBe(null))
    // Closing the form withdrew nothing: a tick later, this user is still in the room.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(heard(ada, 'me')).toBeTruthy()
  })

  it("names the other editor in the edit form's banner when they change the document", async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    ada
      .presence('tasks')
      .track({ userId: 'ada', metadata: { name: 'Ada Lovelace', editing: 't2' } })
    renderPage(metal, { presence: { userId: 'me', name: 'Grace Hopper' } })
    await waitFor(() => expect(rowCount()).toBe(3))
    await within(row('t2')).findByRole('img', { name: /is editing/ })

    await user.click(screen.getByRole('button', { name: 'Edit Fix bug' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit Task' })
    const title = await within(dialog).findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveProperty('value', 'Fix bug'))
    await user.type(title, '!')
    await act(() => ada.db().collection('tasks').doc('t2').update({ title: 'Fix that bug' }))

    const banner = await within(dialog).findByText(/changed this document/)
    expect(banner.textContent).toBe('Ada Lovelace changed this document while you were editing it.')
  })
})
