// The behaviour of a form, written once and run against the React and the Vue views. Tests speak
// only DOM (Testing Library, user-event); each runner maps the neutral props to its framework.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { z } from 'zod'
import { DocumentReference, type Metal } from '@metal/core'
import type {
  EntityDefinition,
  FieldChange,
  FormMessages,
  FormValues,
} from '../../form/form.types.js'
import type { StandardSchema } from '../../form/validate.js'
import { metalWorld, type MetalWorld } from './metalWorld.js'

/**
 * A form's props in React's names. The Vue form takes the same names: `onSubmit`,
 * `onSaveError` and `onCancel` are function props there too (bound as `@submit`, `@save-error`,
 * `@cancel`), since the form awaits or reads them.
 */
export interface NeutralFormProps {
  schema: EntityDefinition
  collection?: string
  docId?: string | null
  onSubmit?: (values: FormValues, info: { id?: string; changes: FieldChange[] }) => unknown
  onSaveError?: (error: Error) => void
  onCancel?: () => void
  validator?: StandardSchema
  defaultValues?: FormValues
  presence?: {
    room?: string
    userId?: string
    name?: string
    editingKey?: string
    publish?: boolean
  }
  resettable?: boolean
  messages?: Partial<FormMessages>
  submitLabel?: string
}

/** A mounted form. */
export interface MountedForm {
  unmount(): void
}

/** How a runner mounts its framework's `<Form>`. */
export interface FormHarness {
  renderer: 'react' | 'vue'
  /** Mounts the form into document.body, behind a Metal provider of `metal` when given. */
  render(props: NeutralFormProps, metal?: Metal): Promise<MountedForm>
  /** Runs something that changes the view from outside (another client's write) and settles. */
  act(fn: () => Promise<unknown> | void): Promise<void>
}

const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    { name: 'estimate', type: 'number', label: 'Estimate', rules: { min: 0 } },
    { name: 'done', type: 'boolean', label: 'Done' },
    {
      name: 'address',
      type: 'object',
      label: 'Address',
      fields: [{ name: 'city', type: 'string', label: 'City', rules: { required: true } }],
    },
  ],
}
const STORED = { title: 'Write docs', estimate: 3, done: false, address: { city: 'Oslo' } }

const input = (name: string) => screen.getByRole('textbox', { name: new RegExp(`^${name}`) })
const submitButton = () => screen.getByRole('button', { name: /^(Save|Create|Saving…)$/ })
const form = () => screen.getByRole('form', { name: 'Task' })
const status = () =>
  within(form())
    .getAllByRole('status')
    .find((s) => s.getAttribute('aria-live'))
const errorOf = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .find((text) => text !== undefined)

/** Runs the form behaviour suite against one renderer. */
export function describeFormBehaviour(harness: FormHarness): void {
  describe(`Form behaviour (${harness.renderer})`, () => {
    let world: MetalWorld | null = null
    const live = () => (world ??= metalWorld())
    afterEach(() => {
      vi.restoreAllMocks()
      world?.close()
      world = null
    })

    it('shows a field’s error once it is left, tied to it by aria-invalid and aria-describedby', async () => {
      const user = userEvent.setup()
      await harness.render({ schema: TASK })
      expect(input('Title').hasAttribute('aria-invalid')).toBe(false)
      await user.click(input('Title'))
      await user.tab()
      expect(input('Title').getAttribute('aria-invalid')).toBe('true')
      expect(errorOf(input('Title'))).toBe('Title is required')
      await user.type(input('Title'), 'ab')
      expect(errorOf(input('Title'))).toBe('Title must have at least 3 characters')
      await user.type(input('Title'), 'c')
      expect(input('Title').hasAttribute('aria-invalid')).toBe(false)
      expect(input('City').hasAttribute('aria-invalid')).toBe(false) // never left
    })

    it('moves focus to the first invalid field on submit, lists the errors, submits nothing', async () => {
      const user = userEvent.setup()
      const onSubmit = vi.fn()
      await harness.render({ schema: TASK, onSubmit })
      await user.type(input('City'), 'Oslo')
      await user.click(submitButton())
      expect(document.activeElement).toBe(input('Title'))
      expect(input('Title').getAttribute('aria-invalid')).toBe('true')
      expect(form().getAttribute('data-status')).toBe('invalid')
      expect(status()?.textContent).toBe('Please fix the errors below.')
      const summary = screen.getByRole('region', { name: '1 field needs attention' })
      expect(within(summary).getByRole('link').textContent).toBe('Title')
      expect(onSubmit).not.toHaveBeenCalled()
    })

    it('submits the values, says so, and starts a new one', async () => {
      const user = userEvent.setup()
      const onSubmit = vi.fn()
      await harness.render({ schema: TASK, onSubmit })
      await user.type(input('Title'), 'Write docs')
      await user.type(screen.getByRole('spinbutton', { name: 'Estimate' }), '3')
      await user.click(screen.getByRole('switch', { name: 'Done' }))
      await user.type(input('City'), 'Oslo')
      await user.click(submitButton())
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
      expect(onSubmit.mock.calls[0]?.[0]).toEqual({
        title: 'Write docs',
        estimate: 3,
        done: true,
        address: { city: 'Oslo' },
      })
      await waitFor(() => expect(status()?.textContent).toBe('Saved'))
      expect(input('Title')).toHaveProperty('value', '')
    })

    it('shows the saving state while the submit is pending', async () => {
      const user = userEvent.setup()
      let finish: () => void = () => {}
      const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
      await harness.render({ schema: TASK, onSubmit, defaultValues: STORED })
      await user.click(submitButton())
      await waitFor(() => expect(submitButton().textContent).toBe('Saving…'))
      expect(submitButton()).toHaveProperty('disabled', true)
      expect(form().getAttribute('aria-busy')).toBe('true')
      expect(status()?.textContent).toBe('Saving…')
      await harness.act(() => finish())
      await waitFor(() => expect(status()?.textContent).toBe('Saved'))
      expect(submitButton()).toHaveProperty('disabled', false)
      expect(form().hasAttribute('aria-busy')).toBe(false)
    })

    it('shows a rejected submit’s error, keeps the edits and reports the error', async () => {
      const user = userEvent.setup()
      const onSaveError = vi.fn()
      const onSubmit = () => Promise.reject(new Error('offline'))
      await harness.render({ schema: TASK, onSubmit, onSaveError })
      await user.type(input('Title'), 'Write docs')
      await user.type(input('City'), 'Oslo')
      await user.click(submitButton())
      expect((await screen.findByRole('alert')).textContent).toBe('Could not save: offline')
      expect(input('Title')).toHaveProperty('value', 'Write docs')
      expect(submitButton()).toHaveProperty('disabled', false)
      expect(onSaveError).toHaveBeenCalledTimes(1)
      expect(onSaveError.mock.calls[0]?.[0].message).toBe('offline')
    })

    it('shows a validator’s errors (zod 4, Standard Schema) and focuses the first', async () => {
      const user = userEvent.setup()
      const onSubmit = vi.fn()
      const validator = z.object({
        title: z.string().refine((t) => t !== 'Taken', 'That title is taken'),
      })
      await harness.render({ schema: TASK, onSubmit, validator })
      await user.type(input('Title'), 'Taken')
      await user.type(input('City'), 'Oslo')
      await user.click(submitButton())
      await waitFor(() => expect(document.activeElement).toBe(input('Title')))
      expect(errorOf(input('Title'))).toBe('That title is taken')
      expect(onSubmit).not.toHaveBeenCalled()
    })

    it('resets the values to those it started from, once something changed', async () => {
      const user = userEvent.setup()
      await harness.render({ schema: TASK, resettable: true, defaultValues: { title: 'Draft' } })
      const reset = () => screen.getByRole('button', { name: 'Reset' })
      expect(reset()).toHaveProperty('disabled', true)
      await user.type(input('Title'), '!')
      expect(reset()).toHaveProperty('disabled', false)
      await user.click(reset())
      expect(input('Title')).toHaveProperty('value', 'Draft')
      expect(reset()).toHaveProperty('disabled', true)
    })

    it('bound to a collection, adds a document to Metal and hands over its id', async () => {
      const user = userEvent.setup()
      const metal = live().client()
      const onSubmit = vi.fn()
      await harness.render({ schema: TASK, collection: 'tasks', onSubmit }, metal)
      await user.type(input('Title'), 'Write docs')
      await user.type(input('City'), 'Oslo')
      await user.click(submitButton())
      await waitFor(() => expect(onSubmit).toHaveBeenCalled())
      const id = onSubmit.mock.calls[0]?.[1].id as string
      const stored = await metal.db().collection('tasks').doc(id).get()
      expect(stored.data()).toEqual({ title: 'Write docs', done: false, address: { city: 'Oslo' } })
    })

    it('bound to a document, pre-fills it and updates only the changed fields', async () => {
      const user = userEvent.setup()
      const metal = live().client()
      await metal.db().collection('tasks').doc('t1').set(STORED)
      const update = vi.spyOn(DocumentReference.prototype, 'update')
      const onSubmit = vi.fn()
      await harness.render({ schema: TASK, collection: 'tasks', docId: 't1', onSubmit }, metal)
      await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
      await user.clear(input('City'))
      await user.type(input('City'), 'Bergen')
      await user.click(submitButton())
      await waitFor(() => expect(onSubmit).toHaveBeenCalled())
      expect(update.mock.calls[0]?.[0]).toEqual({ 'address.city': 'Bergen' })
      expect(onSubmit.mock.calls[0]?.[1]).toMatchObject({ id: 't1' })
      const stored = await live().client().db().collection('tasks').doc('t1').get()
      expect(stored.data()).toEqual({ ...STORED, address: { city: 'Bergen' } })
    })

    it('names the other editor when they change the document; Reload takes their version', async () => {
      const user = userEvent.setup()
      const metal = live().client()
      const ada = live().client()
      await metal.db().collection('tasks').doc('t1').set(STORED)
      ada.presence().track({ userId: 'ada', metadata: { editing: 'tasks/t1', name: 'Ada' } })
      await harness.render(
        { schema: TASK, collection: 'tasks', docId: 't1', presence: { userId: 'me' } },
        metal,
      )
      await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
      expect((await screen.findByText(/also editing/)).textContent).toBe(
        'Ada is also editing this document.',
      )
      await user.type(input('Title'), '!')

      await harness.act(() => ada.db().collection('tasks').doc('t1').update({ title: 'Theirs' }))
      const banner = await screen.findByRole('alert')
      expect(banner.textContent).toMatch(/^Ada changed this document while you were editing it\./)
      expect(input('Title')).toHaveProperty('value', 'Write docs!') // not overwritten
      await user.click(within(banner).getByRole('button', { name: 'Reload' }))
      expect(input('Title')).toHaveProperty('value', 'Theirs')
      expect(screen.queryByRole('alert')).toBeNull()
    })

    it('Keep mine dismisses the banner and saves the edit over theirs', async () => {
      const user = userEvent.setup()
      const metal = live().client()
      const other = live().client()
      await metal.db().collection('tasks').doc('t1').set(STORED)
      await harness.render({ schema: TASK, collection: 'tasks', docId: 't1' }, metal)
      await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
      await user.clear(input('Title'))
      await user.type(input('Title'), 'Mine')
      await harness.act(() =>
        other
          .db()
          .collection('tasks')
          .doc('t1')
          .update({ title: 'Theirs', 'address.city': 'Rome' }),
      )
      const banner = await screen.findByRole('alert')
      expect(banner.textContent).toMatch(/changed by someone else/)
      await user.click(within(banner).getByRole('button', { name: 'Keep mine' }))
      expect(screen.queryByRole('alert')).toBeNull()
      expect(input('City')).toHaveProperty('value', 'Rome') // theirs, where I made no change
      await user.click(submitButton())
      await waitFor(async () => {
        const stored = await other.db().collection('tasks').doc('t1').get()
        expect(stored.data()).toEqual({ ...STORED, title: 'Mine', address: { city: 'Rome' } })
      })
    })

    it('takes a remote change in silently while the user has not edited', async () => {
      const metal = live().client()
      await metal.db().collection('tasks').doc('t1').set(STORED)
      await harness.render({ schema: TASK, collection: 'tasks', docId: 't1' }, metal)
      await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Write docs'))
      await harness.act(() =>
        live().client().db().collection('tasks').doc('t1').update({ title: 'Renamed' }),
      )
      await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Renamed'))
      expect(screen.queryByRole('alert')).toBeNull()
    })

    it('says so when the document does not exist', async () => {
      await harness.render({ schema: TASK, collection: 'tasks', docId: 'missing' }, live().client())
      expect((await screen.findByRole('alert')).textContent).toMatch(/no document 'missing'/)
    })
  })
}
