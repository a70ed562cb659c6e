import { describe, expect, it, vi } from 'vitest'
import { connectForm } from '../form.connect.js'
import { initForm, transitionForm } from '../form.model.js'
import type { FormEvent, FormState } from '../form.types.js'
import { TASK } from './fixtures.js'

function setup(events: FormEvent[] = []) {
  const state = events.reduce(transitionForm, initForm({ entity: TASK }))
  const send = vi.fn<(event: FormEvent) => void>()
  return { api: connectForm(state, send, { id: 'f' }), send, state }
}

describe('connectForm', () => {
  it('labels the form by its title and turns submit into a SUBMIT without a page load', () => {
    const { api, send } = setup()
    const root = api.getRootProps()
    expect(root).toMatchObject({ id: 'f', noValidate: true, 'aria-labelledby': 'f-title' })
    const preventDefault = vi.fn()
    root.onSubmit({ preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    expect(send).toHaveBeenCalledWith({ type: 'SUBMIT' })
  })

  it('ties a control to its label, help text and error', () => {
    const { api } = setup([{ type: 'SUBMIT' }])
    expect(api.getLabelProps('title').htmlFor).toBe('f-field-title')
    expect(api.getInputProps('title')).toMatchObject({
      id: 'f-field-title',
      type: 'text',
      'aria-invalid': 'true',
      'aria-required': 'true',
      'aria-describedby': 'f-field-title-error',
    })
    expect(api.getInputProps('description')).toMatchObject({
      'aria-describedby': 'f-field-description-description',
    })
    expect(api.getInputProps('description')).not.toHaveProperty('aria-invalid')
    expect(api.getInputProps('address.city').id).toBe('f-field-address-city')
    expect(api.firstInvalidId).toBe('f-field-title')
  })

  it('converts input values to the field’s type', () => {
    const { api, send } = setup()
    api.getInputProps('estimate').onChange({ target: { value: '4.5' } })
    api.getInputProps('estimate').onChange({ target: { value: '' } })
    api.getInputProps('done').onChange({ target: { value: 'on', checked: true } })
    expect(send.mock.calls.map(([e]) => e)).toEqual([
      { type: 'SET_VALUE', path: 'estimate', value: 4.5 },
      { type: 'SET_VALUE', path: 'estimate', value: null },
      { type: 'SET_VALUE', path: 'done', value: true },
    ])
    expect(api.getInputProps('estimate').value).toBe('')
    expect(api.getInputProps('done')).toMatchObject({ type: 'checkbox', checked: false })
    expect(api.getInputProps('due').type).toBe('date')
  })

  it('lists enum options with their labels', () => {
    expect(setup().api.getEnumOptions('priority')).toEqual([
      { value: 'low', label: 'low' },
      { value: 'medium', label: 'medium' },
      { value: 'high', label: 'High!' },
    ])
  })

  it('labels array item buttons and disables moves off the ends and adding past maxLength', () => {
    const add = (value: string): FormEvent => ({ type: 'ARRAY_ADD', path: 'tags', value })
    const { api, send } = setup([add('a'), add('b'), add('c')])
    expect(api.getMoveItemProps('tags', 0, 'up')).toMatchObject({
      'aria-label': 'Move Tag 1 up',
      disabled: true,
    })
    api.getMoveItemProps('tags', 0, 'down').onClick?.()
    expect(send).toHaveBeenCalledWith({ type: 'ARRAY_MOVE', path: 'tags', from: 0, to: 1 })
    expect(api.getRemoveItemProps('tags', 2)['aria-label']).toBe('Remove Tag 3')
    expect(api.getAddItemProps('tags').disabled).toBe(true)
  })

  it('describes a remote change and who made it', () => {
    let state: FormState = initForm({ entity: TASK, mode: 'edit', values: { title: 'A' } })
    state = transitionForm(state, { type: 'SET_VALUE', path: 'title', value: 'B' })
    state = transitionForm(state, {
      type: 'REMOTE_CHANGE',
      values: { title: 'C' },
      by: ['Ada', 'Bo'],
    })
    const api = connectForm(state, () => {}, { id: 'f' })
    expect(api.remote?.message).toBe('Ada and Bo changed this document while you were editing it.')
    expect(api.getBannerProps().role).toBe('alert')
  })

  it('disables submit and marks the form busy while saving', () => {
    const { api } = setup([
      { type: 'SET_VALUE', path: 'title', value: 'Ship' },
      { type: 'SET_VALUE', path: 'address.city', value: 'Oslo' },
      { type: 'SUBMIT' },
    ])
    expect(api.getSubmitProps()).toMatchObject({ type: 'submit', disabled: true })
    expect(api.getRootProps()['aria-busy']).toBe('true')
  })
})
