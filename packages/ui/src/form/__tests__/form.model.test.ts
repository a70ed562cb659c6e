import { describe, expect, it } from 'vitest'
import { getFieldError, getFirstInvalidPath, initForm, transitionForm } from '../form.model.js'
import { getChanges, isDirty, toDocument } from '../form.values.js'
import type { FormEvent, FormState } from '../form.types.js'
import { TASK } from './fixtures.js'

const run = (state: FormState, ...events: FormEvent[]) => events.reduce(transitionForm, state)
const set = (path: string, value: unknown): FormEvent => ({ type: 'SET_VALUE', path, value })

const STORED = {
  title: 'Write docs',
  estimate: 3,
  done: false,
  priority: 'high',
  tags: ['a', 'b', 'c'],
  address: { city: 'Oslo', zip: '01234' },
  createdAt: 1700000000000,
}

describe('initForm', () => {
  it('starts a create form from the fields’ defaults', () => {
    const state = initForm({ entity: TASK })
    expect(state.status).toBe('idle')
    expect(state.values).toMatchObject({
      title: '',
      estimate: null,
      done: false,
      priority: 'medium',
      tags: [],
      address: { city: '', zip: '' },
    })
  })

  it('keeps the fields’ defaults that the given create values leave out', () => {
    const state = initForm({ entity: TASK, values: { title: 'Plan' } })
    expect(state.values).toMatchObject({ title: 'Plan', priority: 'medium', done: false })
  })

  it('waits for the document in edit mode, then loads only the entity’s fields', () => {
    const state = initForm({ entity: TASK, mode: 'edit' })
    expect(state.status).toBe('loading')
    const loaded = transitionForm(state, { type: 'LOAD', values: STORED })
    expect(loaded.status).toBe('idle')
    expect(loaded.values.title).toBe('Write docs')
    expect(loaded.values.description).toBe('')
    expect(loaded.values).not.toHaveProperty('createdAt')
    expect(isDirty(loaded)).toBe(false)
  })

  it('rejects a bad entity and a bad mode with a MetalError', () => {
    expect(() => initForm({ entity: { name: '', fields: [] } }, '<Form>')).toThrow(
      "<Form>: schema.name must be a non-empty string, got ''",
    )
    expect(() => initForm({ entity: TASK, mode: 'view' as 'edit' })).toThrow(
      "mode must be 'create' or 'edit', got 'view'",
    )
  })
})

describe('transitionForm: values and errors', () => {
  it('shows an error only once the field was left, then follows every change', () => {
    let state = run(initForm({ entity: TASK }), set('title', 'ab'))
    expect(getFieldError(state, 'title')).toBeNull()
    state = run(state, { type: 'BLUR', path: 'title' })
    expect(getFieldError(state, 'title')).toBe('Title must have at least 3 characters')
    state = run(state, set('title', 'abc'))
    expect(getFieldError(state, 'title')).toBeNull()
  })

  it('rejects a path that names no field', () => {
    expect(() => run(initForm({ entity: TASK }), set('nope', 1))).toThrow(
      "path must name a field of 'task', got 'nope'",
    )
  })

  it('adds, removes and reorders array items, carrying their touched state along', () => {
    let state = run(
      initForm({ entity: TASK }),
      { type: 'ARRAY_ADD', path: 'tags' },
      { type: 'ARRAY_ADD', path: 'tags', value: 'b' },
      { type: 'ARRAY_ADD', path: 'tags', value: 'c' },
      { type: 'BLUR', path: 'tags.0' },
    )
    expect(state.values.tags).toEqual(['', 'b', 'c'])
    expect(getFieldError(state, 'tags.0')).toBe('Tag is required')
    state = run(state, { type: 'ARRAY_MOVE', path: 'tags', from: 0, to: 2 })
    expect(state.values.tags).toEqual(['b', 'c', ''])
    expect(getFieldError(state, 'tags.2')).toBe('Tag is required')
    state = run(state, { type: 'ARRAY_REMOVE', path: 'tags', index: 0 })
    expect(state.values.tags).toEqual(['c', ''])
    expect(getFieldError(state, 'tags.1')).toBe('Tag is required')
    expect(() => run(state, { type: 'ARRAY_REMOVE', path: 'tags', index: 5 })).toThrow(
      'index must be an index from 0 to 1, got 5',
    )
    expect(() => run(state, { type: 'ARRAY_ADD', path: 'title' })).toThrow(
      "path must name an array field, got 'title'",
    )
  })
})

describe('transitionForm: submit', () => {
  it('stays put and asks for focus on the first invalid field, in form order', () => {
    const state = run(initForm({ entity: TASK }), set('estimate', -1), { type: 'SUBMIT' })
    expect(state.status).toBe('invalid')
    expect(state.focusRequest).toBe(1)
    expect(getFirstInvalidPath(state)).toBe('title')
    expect(getFieldError(state, 'address.city')).toBe('City is required')
  })

  it('goes to submitting when the rules pass, then to success or error', () => {
    const valid = run(initForm({ entity: TASK }), set('title', 'Ship'), set('address.city', 'Oslo'))
    const submitting = run(valid, { type: 'SUBMIT' })
    expect(submitting.status).toBe('submitting')
    expect(run(submitting, { type: 'SUBMIT' })).toBe(submitting)
    const failed = run(submitting, { type: 'SUBMIT_FAILURE', message: 'permission denied' })
    expect(failed).toMatchObject({ status: 'error', submitError: 'permission denied' })
    const created = run(submitting, { type: 'SUBMIT_SUCCESS' })
    expect(created.status).toBe('success')
    expect(created.values.title).toBe('') // a create form starts over for the next one
  })

  it('shows a validator’s errors until the value at their path (or any, for form-wide) changes', () => {
    let state = run(initForm({ entity: TASK }), set('title', 'Ship'), set('address.city', 'X'), {
      type: 'SUBMIT',
    })
    state = run(state, { type: 'SUBMIT_INVALID', errors: { title: 'Taken', '': 'Form-wide' } })
    expect(state.status).toBe('invalid')
    expect(getFieldError(state, 'title')).toBe('Taken')
    state = run(state, { type: 'SUBMIT_INVALID', errors: { title: 'Taken', due: 'Bad day' } })
    state = run(state, set('title', 'Ship it'))
    expect(getFieldError(state, 'title')).toBeNull()
    expect(state.schemaErrors).toEqual({ due: 'Bad day' })
  })

  it('builds the stored document without empty fields', () => {
    const state = run(initForm({ entity: TASK }), set('title', 'Ship'), set('address.city', 'Oslo'))
    expect(toDocument(state)).toEqual({
      title: 'Ship',
      done: false,
      priority: 'medium',
      tags: [],
      address: { city: 'Oslo' },
    })
  })
})

describe('transitionForm: edit mode', () => {
  const loaded = () =>
    run(initForm({ entity: TASK, mode: 'edit' }), { type: 'LOAD', values: STORED })

  it('lists only the changed leaves as dotted paths; a cleared field is deleted', () => {
    const state = run(loaded(), set('title', 'New'), set('address.zip', ''), set('tags', ['a']))
    expect(getChanges(state)).toEqual([
      { path: 'title', value: 'New' },
      { path: 'tags', value: ['a'] },
      { path: 'address.zip', value: undefined },
    ])
  })

  it('takes a remote change in silently while nothing is edited', () => {
    const state = run(loaded(), {
      type: 'REMOTE_CHANGE',
      values: { ...STORED, estimate: 8 },
      by: ['ada'],
    })
    expect(state.remote).toBeNull()
    expect(state.values.estimate).toBe(8)
  })

  it('holds a remote change while edited; reload takes theirs', () => {
    const edited = run(loaded(), set('title', 'Mine'))
    const changed = run(edited, {
      type: 'REMOTE_CHANGE',
      values: { ...STORED, title: 'Theirs', estimate: 8 },
      by: ['ada'],
    })
    expect(changed.remote?.by).toEqual(['ada'])
    expect(changed.values.title).toBe('Mine')
    const reloaded = run(changed, { type: 'RELOAD' })
    expect(reloaded.values).toMatchObject({ title: 'Theirs', estimate: 8 })
    expect(reloaded.remote).toBeNull()
    expect(isDirty(reloaded)).toBe(false)
  })

  it('keep mine keeps my edits over theirs and their changes elsewhere', () => {
    const changed = run(loaded(), set('title', 'Mine'), {
      type: 'REMOTE_CHANGE',
      values: { ...STORED, title: 'Theirs', estimate: 8 },
    })
    const kept = run(changed, { type: 'KEEP_MINE' })
    expect(kept.values).toMatchObject({ title: 'Mine', estimate: 8 })
    expect(getChanges(kept)).toEqual([{ path: 'title', value: 'Mine' }])
  })

  it('ignores the echo of its own save and measures edits from the saved values after', () => {
    const submitting = run(loaded(), set('title', 'Mine'), { type: 'SUBMIT' })
    const echoed = run(submitting, {
      type: 'REMOTE_CHANGE',
      values: { ...STORED, title: 'Mine' },
    })
    expect(echoed).toBe(submitting)
    const saved = run(echoed, { type: 'SUBMIT_SUCCESS' })
    expect(saved.status).toBe('success')
    expect(isDirty(saved)).toBe(false)
  })

  it('clears the banner when the document changes back', () => {
    const changed = run(loaded(), set('title', 'Mine'), {
      type: 'REMOTE_CHANGE',
      values: { ...STORED, estimate: 8 },
    })
    expect(run(changed, { type: 'REMOTE_CHANGE', values: STORED }).remote).toBeNull()
  })
})

describe('transitionForm: bad events', () => {
  it('rejects an unknown event type', () => {
    expect(() => transitionForm(initForm({ entity: TASK }), { type: 'NOPE' } as never)).toThrow(
      "event.type must be a form event (SET_VALUE, BLUR, SUBMIT, …), got 'NOPE'",
    )
  })
})
