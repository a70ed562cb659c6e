import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen, waitFor } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { QueryClient } from '@tanstack/vue-query'
import { DocumentReference } from '@metal/core'
import { MetalPlugin } from '@metal/vue'
import type { EntityDefinition } from '../../../form/form.types.js'
import { metalWorld, type MetalWorld } from '../../../__tests__/behaviour/metalWorld.js'
import { Form } from '../Form.js'

const NOTE: EntityDefinition = {
  name: 'note',
  fields: [
    { name: 'title', type: 'string', label: 'Title', description: 'A short name' },
    { name: 'tags', type: 'array', label: 'Tags', item: { name: 'tag', type: 'string' } },
    { name: 'due', type: 'date', label: 'Due', storedAs: 'epoch-ms' },
    { name: 'size', type: 'enum', label: 'Size', options: ['s', 'm', 'l'], widget: 'radio' },
    { name: 'kind', type: 'enum', label: 'Kind', options: ['bug', 'idea'] },
    { name: 'pinned', type: 'boolean', label: 'Pinned', widget: 'checkbox' },
  ],
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

let world: MetalWorld | null = null
afterEach(() => {
  vi.restoreAllMocks()
  world?.close()
  world = null
})

describe('<FormField> controls (Vue)', () => {
  it('renders Material 3 controls, no native select or date input, help text tied to its field', () => {
    mount(Form, { props: { schema: NOTE }, attachTo: document.body })
    expect(document.querySelector('select')).toBeNull()
    expect(document.querySelector('input[type="date"]')).toBeNull()
    expect(screen.getByRole('radiogroup', { name: 'Size' })).toBeTruthy()
    expect(screen.getByRole('combobox', { name: 'Kind' })).toBeTruthy()
    expect(screen.getByRole('checkbox', { name: 'Pinned' })).toBeTruthy()
    const title = screen.getByRole('textbox', { name: /^Title/ })
    const described = (title.getAttribute('aria-describedby') ?? '').split(' ')
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'A short name',
    )
  })

  it('submits what the radio group, select, checkbox and chips were set to', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    mount(Form, { props: { schema: NOTE, onSubmit }, attachTo: document.body })
    await user.type(screen.getByRole('textbox', { name: /^Tags/ }), 'ui{Enter}docs{Enter}')
    await user.click(screen.getByRole('button', { name: 'Remove ui' }))
    await user.click(screen.getByRole('radio', { name: 'm' }))
    await user.click(screen.getByRole('combobox', { name: 'Kind' }))
    await user.click(await screen.findByRole('option', { name: 'idea' }))
    await user.click(screen.getByRole('checkbox', { name: 'Pinned' }))
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      tags: ['docs'],
      size: 'm',
      kind: 'idea',
      pinned: true,
    })
  })

  it('edits a date stored as epoch milliseconds and writes only it, as a number', async () => {
    const user = userEvent.setup()
    world = metalWorld()
    const metal = world.client()
    await metal
      .db()
      .collection('notes')
      .doc('n1')
      .set({ title: 'A', due: Date.UTC(2026, 0, 5) })
    const update = vi.spyOn(DocumentReference.prototype, 'update')
    const onSubmit = vi.fn()
    mount(Form, {
      props: { schema: NOTE, collection: 'notes', docId: 'n1', onSubmit },
      attachTo: document.body,
      global: { plugins: [[MetalPlugin, { client: metal, queryClient: new QueryClient() }]] },
    })
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Title/ })).toHaveProperty('value', 'A'),
    )
    const due = screen.getByRole('textbox', { name: /^Due/ })
    expect(due).toHaveProperty('value', '01/05/2026')
    await user.clear(due)
    await user.type(due, '2026-02-01')
    await user.tab()
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(update.mock.calls[0]?.[0]).toEqual({ due: Date.UTC(2026, 1, 1) })
  })

  it('adds, reorders and removes array items, and focuses an empty required one', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    mount(Form, { props: { schema: LIST, onSubmit }, attachTo: document.body })
    await user.click(screen.getByRole('button', { name: 'Add Tag' }))
    await user.click(screen.getByRole('button', { name: 'Create' }))
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tag 1' }))
    expect(screen.getByText('Tag is required')).toBeTruthy()
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
})
