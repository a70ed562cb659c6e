import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { DocumentReference, Metal } from '@metal/core'
import { memory } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'
import type { EntityDefinition } from '../../../form/form.types.js'
import { Form } from '../Form.js'

const opened: Metal[] = []
afterEach(() => {
  vi.restoreAllMocks()
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

const NOTE: EntityDefinition = {
  name: 'note',
  fields: [
    { name: 'title', type: 'string', label: 'Title', description: 'A short name' },
    { name: 'tags', type: 'array', label: 'Tags', item: { name: 'tag', type: 'string' } },
    { name: 'due', type: 'date', label: 'Due', storedAs: 'epoch-ms' },
    {
      name: 'size',
      type: 'enum',
      label: 'Size',
      options: ['s', 'm', 'l'],
      widget: 'radio',
    },
    { name: 'pinned', type: 'boolean', label: 'Pinned', widget: 'checkbox' },
  ],
}

describe('<Form> Material 3 controls', () => {
  it('renders no native select, checkbox or date input', () => {
    const { container } = render(<Form schema={NOTE} />)
    expect(container.querySelector('select')).toBeNull()
    expect(container.querySelector('input[type="date"]')).toBeNull()
    expect(screen.getByRole('radiogroup', { name: 'Size' })).toBeTruthy()
    expect(screen.getByRole('checkbox', { name: 'Pinned' })).toBeTruthy()
    const title = screen.getByRole('textbox', { name: /^Title/ })
    const described = (title.getAttribute('aria-describedby') ?? '').split(' ')
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'A short name',
    )
  })

  it('adds tags as chips with Enter and removes one with its button', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<Form schema={NOTE} onSubmit={onSubmit} />)
    await user.type(screen.getByRole('textbox', { name: /^Tags/ }), 'ui{Enter}docs{Enter}')
    await user.click(screen.getByRole('button', { name: 'Remove ui' }))
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]?.[0].tags).toEqual(['docs'])
  })

  it('edits a date stored as epoch milliseconds and writes only it, as a number', async () => {
    const user = userEvent.setup()
    const metal = client()
    await metal
      .db()
      .collection('notes')
      .doc('n1')
      .set({ title: 'A', due: Date.UTC(2026, 0, 5) })
    const update = vi.spyOn(DocumentReference.prototype, 'update')
    const onSubmit = vi.fn()
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <MetalProvider client={metal}>{children}</MetalProvider>
    )
    render(<Form schema={NOTE} collection="notes" docId="n1" onSubmit={onSubmit} />, { wrapper })
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Title/ })).toHaveProperty('value', 'A'),
    )
    const due = screen.getByRole('textbox', { name: /^Due/ })
    expect(due).toHaveProperty('value', '01/05/2026') // en-US order by default
    await user.clear(due)
    await user.type(due, '2026-02-01')
    await user.tab()
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(update.mock.calls[0]?.[0]).toEqual({ due: Date.UTC(2026, 1, 1) })
  })
})
