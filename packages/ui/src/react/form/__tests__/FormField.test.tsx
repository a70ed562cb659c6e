import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Metal } from '@metal/core'
import { memory } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'
import type { EntityDefinition } from '../../../form/form.types.js'
import { Form } from '../Form.js'

const opened: Metal[] = []
afterEach(() => {
  for (const metal of opened.splice(0)) metal.close()
})

function client() {
  const metal = new Metal({
    backend: memory({ presenceChannel: false }),
    projectId: 'test',
    auth: { persistence: false },
    sync: { storage: false },
    watchBrowserNetwork: false,
  })
  opened.push(metal)
  return metal
}

const LIST: EntityDefinition = {
  name: 'list',
  fields: [
    {
      name: 'tags',
      type: 'array',
      label: 'Tags',
      widget: 'list',
      item: { name: 'tag', type: 'string', label: 'Tag', rules: { required: true } },
    },
  ],
}

describe('<Form> fields', () => {
  it('adds, reorders and removes array items', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<Form schema={LIST} onSubmit={onSubmit} />)
    await user.click(screen.getByRole('button', { name: 'Add Tag' }))
    await user.type(screen.getByRole('textbox', { name: 'Tag 1' }), 'a')
    await user.click(screen.getByRole('button', { name: 'Add Tag' }))
    await user.type(screen.getByRole('textbox', { name: 'Tag 2' }), 'b')
    await user.click(screen.getByRole('button', { name: 'Add Tag' }))
    await user.type(screen.getByRole('textbox', { name: 'Tag 3' }), 'c')

    await user.click(screen.getByRole('button', { name: 'Move Tag 3 up' }))
    await user.click(screen.getByRole('button', { name: 'Remove Tag 1' }))
    expect(screen.getByRole('button', { name: 'Move Tag 1 up' })).toHaveProperty('disabled', true)
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ tags: ['c', 'b'] })
  })

  it('focuses an empty array item that is required', async () => {
    const user = userEvent.setup()
    render(<Form schema={LIST} />)
    await user.click(screen.getByRole('button', { name: 'Add Tag' }))
    await user.click(screen.getByRole('button', { name: 'Create' }))
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tag 1' }))
    expect(screen.getByText('Tag is required')).toBeTruthy()
  })

  it('shows an unbound onSubmit’s rejection as the error state', async () => {
    const user = userEvent.setup()
    render(<Form schema={LIST} onSubmit={() => Promise.reject(new Error('offline'))} />)
    await user.click(screen.getByRole('button', { name: 'Create' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save: offline')
  })

  it('picks a related document by searching its label, and stores its id', async () => {
    const user = userEvent.setup()
    const metal = client()
    const users = metal.db().collection('users')
    await users.doc('u1').set({ name: 'Ada Lovelace' })
    await users.doc('u2').set({ name: 'Alan Turing' })
    await users.doc('u3').set({ name: 'Grace Hopper' })
    const TASK: EntityDefinition = {
      name: 'task',
      fields: [
        {
          name: 'assignee',
          type: 'relation',
          label: 'Assignee',
          relation: { collection: 'users', labelField: 'name' },
          rules: { required: true },
        },
      ],
    }
    const onSubmit = vi.fn()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <MetalProvider client={metal}>{children}</MetalProvider>
    )
    render(<Form schema={TASK} collection="tasks" onSubmit={onSubmit} />, { wrapper })

    const box = screen.getByRole('combobox', { name: 'Assignee' })
    await user.type(box, 'A')
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'Ada Lovelace',
        'Alan Turing',
      ]),
    )
    expect(box.getAttribute('aria-expanded')).toBe('true')
    await user.keyboard('{ArrowDown}{Enter}')
    expect(box).toHaveProperty('value', 'Alan Turing')
    expect(box.getAttribute('aria-expanded')).toBe('false')

    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    const id = onSubmit.mock.calls[0]?.[1].id as string
    expect((await metal.db().collection('tasks').doc(id).get()).data()).toEqual({
      assignee: 'u2',
    })
  })
})
