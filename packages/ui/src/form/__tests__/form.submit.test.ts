import { describe, expect, it, vi } from 'vitest'
import { FieldValue } from '@metal/core'
import { initForm, transitionForm } from '../form.model.js'
import { submitForm } from '../form.submit.js'
import { getUpdatePayload, saveFormDocument } from '../form.save.js'
import type { FormEvent, FormState } from '../form.types.js'
import type { StandardSchema } from '../validate.js'
import { TASK } from './fixtures.js'

/** A store like a view's: the state and a send that applies events to it. */
function store(state: FormState) {
  const box = { state }
  const send = vi.fn((event: FormEvent) => {
    box.state = transitionForm(box.state, event)
  })
  return { box, send, getState: () => box.state }
}

const filled = (mode: 'create' | 'edit' = 'create') =>
  initForm({
    entity: TASK,
    mode,
    values: { title: 'Ship', address: { city: 'Oslo', zip: '' } },
  })

const refuse: StandardSchema = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: () => ({ issues: [{ message: 'Taken', path: ['title'] }] }),
  },
}

describe('submitForm', () => {
  it('stops at the rules: nothing saved, focus asked for the first invalid field', async () => {
    const { box, send, getState } = store(initForm({ entity: TASK }))
    const save = vi.fn()
    expect(await submitForm({ getState, send, save })).toBe('invalid')
    expect(save).not.toHaveBeenCalled()
    expect(box.state.status).toBe('invalid')
    expect(box.state.focusRequest).toBe(1)
  })

  it('stops at the validator with its errors at their paths', async () => {
    const { box, send, getState } = store(filled())
    const save = vi.fn()
    expect(await submitForm({ getState, send, save, validator: refuse })).toBe('invalid')
    expect(save).not.toHaveBeenCalled()
    expect(box.state.schemaErrors).toEqual({ title: 'Taken' })
  })

  it('saves the values, the document and the changes, then succeeds', async () => {
    const { box, send, getState } = store(filled('edit'))
    send({ type: 'SET_VALUE', path: 'title', value: 'Ship it' })
    const save = vi.fn()
    expect(await submitForm({ getState, send, save })).toBe('saved')
    expect(save.mock.calls[0]?.[0]).toMatchObject({
      document: { title: 'Ship it', address: { city: 'Oslo' } },
      changes: [{ path: 'title', value: 'Ship it' }],
    })
    expect(box.state.status).toBe('success')
  })

  it('keeps the values on a failed save and hands the error to onSaveError', async () => {
    const { box, send, getState } = store(filled())
    const onSaveError = vi.fn()
    const outcome = await submitForm({
      getState,
      send,
      save: () => Promise.reject(new Error('offline')),
      onSaveError,
    })
    expect(outcome).toBe('failed')
    expect(box.state).toMatchObject({ status: 'error', submitError: 'offline' })
    expect(box.state.values.title).toBe('Ship')
    expect(onSaveError.mock.calls[0]?.[0].message).toBe('offline')
  })

  it('ignores a submit while one is saving', async () => {
    const { send, getState } = store(transitionForm(filled(), { type: 'SUBMIT' }))
    expect(await submitForm({ getState, send })).toBe('ignored')
  })

  it('names a bad argument', async () => {
    await expect(submitForm({ getState: 1 as never, send: () => {} })).rejects.toThrow(
      'submitForm(): getState must be a function, got 1',
    )
  })
})

describe('saving a form’s document', () => {
  it('turns changes into an update: dotted paths, arrays whole, cleared fields deleted', () => {
    const payload = getUpdatePayload([
      { path: 'address.city', value: 'Rome' },
      { path: 'tags', value: ['a', 'b'] },
      { path: 'estimate', value: undefined },
    ])
    expect(payload['address.city']).toBe('Rome')
    expect(payload.tags).toEqual(['a', 'b'])
    expect(payload.estimate).toBeInstanceOf(FieldValue)
    expect((payload.estimate as FieldValue).kind).toBe('delete')
  })

  it('adds a new document and updates only the changed fields of an existing one', async () => {
    const writer = { add: vi.fn(async () => 'new1'), update: vi.fn(async () => 't1') }
    const info = { values: {}, document: { title: 'A' }, changes: [{ path: 'title', value: 'A' }] }
    expect(await saveFormDocument(writer, info)).toBe('new1')
    expect(writer.add).toHaveBeenCalledWith({ title: 'A' })
    expect(await saveFormDocument(writer, info, { docId: 't1' })).toBe('t1')
    expect(writer.update).toHaveBeenCalledWith('t1', { title: 'A' })
    await saveFormDocument(writer, { ...info, changes: [] }, { docId: 't1' })
    expect(writer.update).toHaveBeenCalledTimes(1) // nothing changed, nothing written
  })

  it('stamps creation and update times when asked', async () => {
    const writer = {
      add: vi.fn(async (_data: object) => 'n'),
      update: vi.fn(async (_id: string, _data: object) => 't1'),
    }
    const info = { values: {}, document: { title: 'A' }, changes: [{ path: 'title', value: 'B' }] }
    const timestamps = { createdAt: 'createdAt', updatedAt: 'updatedAt' }
    await saveFormDocument(writer, info, { timestamps })
    expect(Object.keys(writer.add.mock.calls[0]?.[0] ?? {})).toEqual([
      'title',
      'createdAt',
      'updatedAt',
    ])
    await saveFormDocument(writer, info, { docId: 't1', timestamps })
    expect(Object.keys(writer.update.mock.calls[0]?.[1] ?? {})).toEqual(['title', 'updatedAt'])
  })

  it('names a bad writer', async () => {
    await expect(
      saveFormDocument(null as never, { values: {}, document: {}, changes: [] }),
    ).rejects.toThrow('saveFormDocument(): writer must be an object with add and update, got null')
  })
})
