import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { z } from 'zod'
import { DocumentReference, Metal } from '@metal/core'
import { memory, type MemoryBackendOptions } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'
import type { EntityDefinition } from '../../../form/form.types.js'
import { Form, type FormProps } from '../Form.js'

const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    { name: 'estimate', type: 'number', label: 'Estimate', rules: { min: 0 } },
    { name: 'done', type: 'boolean', label: 'Done' },
    { name: 'priority', type: 'enum', label: 'Priority', options: ['low', 'high'] },
    {
      name: 'address',
      type: 'object',
      label: 'Address',
      fields: [{ name: 'city', type: 'string', label: 'City', rules: { required: true } }],
    },
  ],
}

const opened: Metal[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const metal of opened.splice(0)) metal.close()
})

/** Clients of several users on one shared embedded backend. */
function world(options: MemoryBackendOptions = {}) {
  const backend = memory({ presenceChannel: false, ...options })
  return () => {
    const metal = new Metal({
      backend,
      projectId: 'test',
      auth: { persistence: false },
      presence: { throttleMs: 0 },
      sync: { storage: false },
      watchBrowserNetwork: false,
    })
    opened.push(metal)
    return metal
  }
}

function renderForm(metal: Metal, props: Partial<FormProps> = {}) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <MetalProvider client={metal}>{children}</MetalProvider>
  )
  return render(<Form schema={TASK} collection="tasks" {...props} />, { wrapper })
}

const input = (name: string) => screen.getByRole('textbox', { name: new RegExp(`^${name}`) })
const save = () => screen.getByRole('button', { name: /^(Save|Create)$/ })

describe('<Form> create mode', () => {
  it('adds a document with the entered values and reports success', async () => {
    const user = userEvent.setup()
    const metal = world()()
    const onSubmit = vi.fn()
    renderForm(metal, { onSubmit })
    await user.type(input('Title'), 'Write docs')
    await user.type(screen.getByRole('spinbutton', { name: 'Estimate' }), '3')
    await user.click(screen.getByRole('switch', { name: 'Done' }))
    await user.click(screen.getByRole('combobox', { name: 'Priority' }))
    await user.click(await screen.findByRole('option', { name: 'high' }))
    await user.type(input('City'), 'Oslo')
    await user.click(save())

    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    const id = onSubmit.mock.calls[0]?.[1].id as string
    const stored = await metal.db().collection('tasks').doc(id).get()
    expect(stored.data()).toEqual({
      title: 'Write docs',
      estimate: 3,
      done: true,
      priority: 'high',
      address: { city: 'Oslo' },
    })
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Saved')
    expect(input('Title')).toHaveProperty('value', '') // ready for the next one
  })

  it('moves focus to the first invalid field and ties the error to it', async () => {
    const user = userEvent.setup()
    const metal = world()()
    renderForm(metal)
    await user.type(input('City'), 'Oslo')
    await user.click(save())

    const title = input('Title')
    expect(document.activeElement).toBe(title)
    expect(title.getAttribute('aria-invalid')).toBe('true')
    const error = document.getElementById(title.getAttribute('aria-describedby') ?? '')
    expect(error?.textContent).toBe('Title is required')
    expect(input('City').hasAttribute('aria-invalid')).toBe(false)
    expect((await metal.db().collection('tasks').get()).size).toBe(0)
  })

  it('shows the validator’s (zod 4, Standard Schema) errors and focuses the first', async () => {
    const user = userEvent.setup()
    const metal = world()()
    const validator = z.object({
      title: z.string().refine((t) => t !== 'Taken', 'That title is taken'),
      address: z.object({ city: z.string() }),
    })
    renderForm(metal, { validator })
    await user.type(input('Title'), 'Taken')
    await user.type(input('City'), 'Oslo')
    await user.click(save())

    await waitFor(() => expect(document.activeElement).toBe(input('Title')))
    expect(screen.getByText('That title is taken').id).toBe(
      input('Title').getAttribute('aria-describedby'),
    )
    expect((await metal.db().collection('tasks').get()).size).toBe(0)
  })

  it('shows a server error when the backend refuses the write', async () => {
    const user = userEvent.setup()
    const metal = world({ rules: ({ op }) => op === 'get' || op === 'list' })()
    renderForm(metal)
    await user.type(input('Title'), 'Write docs')
    await user.type(input('City'), 'Oslo')
    await user.click(save())

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/^Could not save: create of 'tasks\/.*' is not allowed/)
    expect(input('Title')).toHaveProperty('value', 'Write docs') // nothing lost
    expect(save()).toHaveProperty('disabled', false)
  })

  it('hands a failed save to onSaveError as well', async () => {
    const user = userEvent.setup()
    const metal = world({ rules: ({ op }) => op === 'get' || op === 'list' })()
    const onSaveError = vi.fn()
    renderForm(metal, { onSaveError })
    await user.type(input('Title'), 'Write docs')
    await user.type(input('City'), 'Oslo')
    await user.click(save())

    await screen.findByRole('alert')
    expect(onSaveError).toHaveBeenCalledTimes(1)
    expect(onSaveError.mock.calls[0]?.[0].message).toMatch(/^create of 'tasks\/.*' is not allowed/)
  })
})

describe('<Form> edit mode', () => {
  const STORED = { title: 'Write docs', estimate: 3, done: false, address: { city: 'Oslo' } }

  async function seed(metal: Metal) {
    await metal.db().collection('tasks').doc('t1').set(STORED)
  }

  it('pre-fills from the document and updates only the changed fields', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    await seed(metal)
    const update = vi.spyOn(DocumentReference.prototype, 'update')
    const onSubmit = vi.fn()
    renderForm(metal, { docId: 't1', onSubmit })

    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    expect(input('City')).toHaveProperty('value', 'Oslo')
    await user.clear(input('Title'))
    await user.type(input('Title'), 'Ship docs')
    await user.clear(input('City'))
    await user.type(input('City'), 'Bergen')
    await user.click(save())

    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(update).toHaveBeenCalledTimes(1)
    expect(update.mock.calls[0]?.[0]).toEqual({ title: 'Ship docs', 'address.city': 'Bergen' })
    const stored = await client().db().collection('tasks').doc('t1').get()
    expect(stored.data()).toEqual({ ...STORED, title: 'Ship docs', address: { city: 'Bergen' } })
    expect(onSubmit.mock.calls[0]?.[1]).toMatchObject({ id: 't1' })
  })

  it('keeps another user’s concurrent change to a field it did not touch', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const other = client()
    await seed(metal)
    renderForm(metal, { docId: 't1' })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    await user.clear(input('Title'))
    await user.type(input('Title'), 'Ship docs')

    await act(() => other.db().collection('tasks').doc('t1').update({ estimate: 8 }))
    await screen.findByRole('button', { name: 'Keep mine' })
    await user.click(save()) // saving while the banner is up keeps the user's edits

    await waitFor(async () => {
      const stored = await other.db().collection('tasks').doc('t1').get()
      expect(stored.data()).toEqual({ ...STORED, title: 'Ship docs', estimate: 8 })
    })
  })

  it('shows who changed the document remotely; reload takes their version', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    ada.presence().track({ userId: 'ada', metadata: { editing: 'tasks/t1', name: 'Ada' } })
    renderForm(metal, { docId: 't1', presence: { userId: 'me' } })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    await waitFor(() => expect(metal.presence().members.length).toBe(2))
    await user.type(input('Title'), '!')

    await act(() => ada.db().collection('tasks').doc('t1').update({ title: 'Their title' }))
    const banner = await screen.findByText(/changed this document/)
    expect(banner.textContent).toBe('Ada changed this document while you were editing it.')
    expect(input('Title')).toHaveProperty('value', 'Write docs!') // not overwritten

    await user.click(screen.getByRole('button', { name: 'Reload' }))
    expect(input('Title')).toHaveProperty('value', 'Their title')
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull()
  })

  it('says who else is editing the document while they are, and stops when they leave', async () => {
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    renderForm(metal, { docId: 't1', presence: { userId: 'me' } })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    expect(screen.queryByText(/also editing/)).toBeNull()

    act(() =>
      ada.presence().track({ userId: 'ada', metadata: { editing: 'tasks/t1', name: 'Ada' } }),
    )
    expect((await screen.findByText(/also editing/)).textContent).toBe(
      'Ada is also editing this document.',
    )
    // Editing another document is not editing this one.
    act(() =>
      ada.presence().track({ userId: 'ada', metadata: { editing: 'tasks/t2', name: 'Ada' } }),
    )
    await waitFor(() => expect(screen.queryByText(/also editing/)).toBeNull())
  })

  it('keep mine dismisses the banner and saves my edit over theirs', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const other = client()
    await seed(metal)
    renderForm(metal, { docId: 't1' })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    await user.clear(input('Title'))
    await user.type(input('Title'), 'Mine')

    await act(() =>
      other.db().collection('tasks').doc('t1').update({ title: 'Theirs', 'address.city': 'Rome' }),
    )
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toMatch(/changed by someone else/)
    await user.click(within(banner).getByRole('button', { name: 'Keep mine' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(input('Title')).toHaveProperty('value', 'Mine')
    expect(input('City')).toHaveProperty('value', 'Rome') // theirs, where I made no change

    await user.click(save())
    await waitFor(async () => {
      const stored = await other.db().collection('tasks').doc('t1').get()
      expect(stored.data()).toEqual({ ...STORED, title: 'Mine', address: { city: 'Rome' } })
    })
  })

  it('takes a remote change in silently while the user has not edited', async () => {
    const client = world()
    const metal = client()
    await seed(metal)
    renderForm(metal, { docId: 't1' })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    await act(() => client().db().collection('tasks').doc('t1').update({ title: 'Renamed' }))
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Renamed'))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says so when the document does not exist', async () => {
    renderForm(world()(), { docId: 'missing' })
    expect((await screen.findByRole('alert')).textContent).toMatch(/no document 'missing'/)
  })

  it('with publish: false only reads the room: the owner keeps its state; editingKey names editors', async () => {
    const user = userEvent.setup()
    const client = world()
    const metal = client()
    const ada = client()
    await seed(metal)
    const mine = { userId: 'me', metadata: { editing: 't1', name: 'Me' } }
    metal.presence('page').track(mine)
    ada.presence('page').track({ userId: 'ada', metadata: { editing: 't1', name: 'Ada' } })
    ada.presence('page').subscribe(() => {})
    const view = renderForm(metal, {
      docId: 't1',
      presence: { room: 'page', userId: 'me', publish: false, editingKey: 't1' },
    })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
    await waitFor(() => expect(metal.presence('page').members.length).toBe(2))
    await user.type(input('Title'), '!')

    await act(() => ada.db().collection('tasks').doc('t1').update({ title: 'Their title' }))
    const banner = await screen.findByText(/changed this document/)
    expect(banner.textContent).toBe('Ada changed this document while you were editing it.')

    view.unmount()
    await new Promise((resolve) => setTimeout(resolve, 20)) // past a deferred withdrawal
    expect(metal.presence('page').tracked).toEqual({ ...mine, status: 'online' })
    expect(ada.presence('page').members.map((m) => m.userId)).toContain('me')
  })
})
