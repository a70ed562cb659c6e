import { describe, expect, it, vi } from 'vitest'
import { connectForm } from '../form.connect.js'
import { getControlKind } from '../form.controls.js'
import { getFocusPath, initForm, transitionForm } from '../form.model.js'
import { getEditingKey, getEditingTrack, getEditors } from '../form.presence.js'
import { getChanges, toDocument } from '../form.values.js'
import type { ChipsBinding, TextBinding } from '../form.controls.js'
import type { EntityDefinition, FieldDefinition, FormEvent } from '../form.types.js'
import { checkEntity } from '../validate.js'
import { TASK } from './fixtures.js'

const field = (f: Partial<FieldDefinition>): FieldDefinition =>
  ({ name: 'x', type: 'string', ...f }) as FieldDefinition

describe('which control shows a field', () => {
  it('picks each type’s usual control, and the one a widget asks for where it fits', () => {
    expect(getControlKind(field({ type: 'enum', options: ['a'] }))).toBe('select')
    expect(getControlKind(field({ type: 'enum', options: ['a', 'b'], widget: 'radio' }))).toBe(
      'radio',
    )
    const five = ['a', 'b', 'c', 'd', 'e']
    expect(getControlKind(field({ type: 'enum', options: five, widget: 'radio' }))).toBe('select')
    expect(getControlKind(field({ type: 'boolean' }))).toBe('switch')
    expect(getControlKind(field({ type: 'boolean', widget: 'checkbox' }))).toBe('checkbox')
    const tags = field({ type: 'array', item: field({ type: 'string' }) })
    expect(getControlKind(tags)).toBe('chips')
    expect(getControlKind({ ...tags, widget: 'list' })).toBe('list')
    expect(getControlKind(field({ type: 'array', item: field({ type: 'object' }) }))).toBe('list')
    expect(getControlKind(field({ type: 'date' }))).toBe('date')
    expect(getControlKind(field({ type: 'text' }))).toBe('text')
  })

  it('refuses a widget its type cannot have, and storedAs off a date', () => {
    const entity = (f: Partial<FieldDefinition>) => ({ name: 'e', fields: [field(f)] })
    expect(() => checkEntity(entity({ type: 'number', widget: 'radio' }))).toThrow(
      "checkEntity(): field 'x' widget must be absent for a number field, got 'radio'",
    )
    expect(() => checkEntity(entity({ type: 'boolean', widget: 'chips' }))).toThrow(
      "field 'x' widget must be one of switch, checkbox for a boolean field, got 'chips'",
    )
    expect(() => checkEntity(entity({ type: 'string', storedAs: 'epoch-ms' }))).toThrow(
      "field 'x' storedAs must be 'iso-date' or 'epoch-ms' on a date field, got 'epoch-ms'",
    )
  })
})

describe('control bindings', () => {
  const send = vi.fn<(event: FormEvent) => void>()
  const api = (events: FormEvent[] = []) =>
    connectForm(events.reduce(transitionForm, initForm({ entity: TASK })), send, { id: 'f' })

  it('gives a text field its label, description, counter and error', () => {
    const entity: EntityDefinition = {
      name: 'n',
      fields: [
        {
          name: 'title',
          type: 'string',
          label: 'Title',
          description: 'Short',
          rules: { required: true, maxLength: 40 },
        },
      ],
    }
    const form = connectForm(transitionForm(initForm({ entity }), { type: 'SUBMIT' }), send, {
      id: 'f',
    })
    expect(form.getFieldControl('title')).toMatchObject({
      kind: 'text',
      id: 'f-field-title',
      label: 'Title',
      supportingText: 'Short',
      maxLength: 40,
      required: true,
      error: 'Title is required',
      value: '',
    })
  })

  it('converts a number field’s text, and marks a pick touched', () => {
    send.mockClear()
    const estimate = api().getFieldControl('estimate') as TextBinding
    estimate.onValueChange('4.5')
    estimate.onValueChange(' ')
    const priority = api().getFieldControl('priority')
    if (priority.kind !== 'select') throw new Error('expected a select')
    priority.onValueChange('low')
    expect(send.mock.calls.map(([e]) => e)).toEqual([
      { type: 'SET_VALUE', path: 'estimate', value: 4.5 },
      { type: 'SET_VALUE', path: 'estimate', value: null },
      { type: 'SET_VALUE', path: 'priority', value: 'low' },
      { type: 'BLUR', path: 'priority' },
    ])
    expect(estimate.type).toBe('number')
  })

  it('binds string arrays to chips with maxItems', () => {
    const tags = api([{ type: 'ARRAY_ADD', path: 'tags', value: 'a' }]).getFieldControl(
      'tags',
    ) as ChipsBinding
    expect(tags).toMatchObject({ kind: 'chips', value: ['a'], maxItems: 3 })
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps = <T extends object>(props: T) => ({ ...props, normalized: true }) as T
    const form = connectForm(initForm({ entity: TASK }), send, { id: 'f', normalizeProps })
    for (const props of [
      form.getRootProps(),
      form.getInputProps('title'),
      form.getFieldProps('title'),
      form.getFieldControl('title'),
      form.getSubmitProps(),
      form.getBannerProps(),
      form.getErrorSummaryProps(),
      form.getErrorLinkProps('title'),
      form.getEditorsProps([]),
      form.getAddItemProps('tags'),
    ]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })
})

describe('error summary', () => {
  it('lists the invalid fields in form order after a failed submit, linking to each', () => {
    const send = vi.fn<(event: FormEvent) => void>()
    const state = transitionForm(initForm({ entity: TASK }), { type: 'SUBMIT' })
    const form = connectForm(state, send, { id: 'f' })
    expect(form.errorSummary.map((i) => i.path)).toEqual(['title', 'address.city'])
    expect(form.texts.errorSummary).toBe('2 fields need attention')
    expect(form.getErrorSummaryProps().hidden).toBe(false)
    const link = form.getErrorLinkProps('address.city')
    expect(link.href).toBe('#f-field-address-city')
    const preventDefault = vi.fn()
    link.onClick({ preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    expect(send).toHaveBeenCalledWith({ type: 'FOCUS', path: 'address.city' })
  })

  it('moves focus to the asked-for field, then back to the first invalid on the next submit', () => {
    let state = transitionForm(initForm({ entity: TASK }), { type: 'SUBMIT' })
    state = transitionForm(state, { type: 'FOCUS', path: 'address.city' })
    expect(getFocusPath(state)).toBe('address.city')
    expect(state.focusRequest).toBe(2)
    state = transitionForm(state, { type: 'SUBMIT' })
    expect(getFocusPath(state)).toBe('title')
  })

  it('is hidden before a submit', () => {
    const form = connectForm(initForm({ entity: TASK }), () => {}, { id: 'f' })
    expect(form.getErrorSummaryProps().hidden).toBe(true)
    expect(form.texts.errorSummary).toBeNull()
  })
})

describe('texts from the messages', () => {
  it('uses overridden messages for every visible string', () => {
    const state = initForm({
      entity: TASK,
      mode: 'edit',
      values: {},
      messages: { save: 'Speichern', othersEditing: (n) => `${n.join()} bearbeitet` },
    })
    const form = connectForm(state, () => {}, { id: 'f' })
    expect(form.texts.submit).toBe('Speichern')
    expect(form.getEditorsText(['Ada'])).toBe('Ada bearbeitet')
    expect(form.getEditorsText([])).toBe('')
  })
})

describe('dates stored as epoch milliseconds', () => {
  const entity: EntityDefinition = {
    name: 'e',
    fields: [{ name: 'due', type: 'date', storedAs: 'epoch-ms' }],
  }

  it('edits them as dates and writes them back as numbers', () => {
    const ms = Date.UTC(2026, 11, 2)
    let state = initForm({ entity, mode: 'edit', values: { due: ms } })
    expect(state.values.due).toBe('2026-12-02')
    state = transitionForm(state, { type: 'SET_VALUE', path: 'due', value: '2026-12-24' })
    expect(getChanges(state)).toEqual([{ path: 'due', value: Date.UTC(2026, 11, 24) }])
    expect(toDocument(state)).toEqual({ due: Date.UTC(2026, 11, 24) })
  })
})

describe('editing presence', () => {
  it('publishes the editing key only for a user who edits, and names the other editors', () => {
    const key = getEditingKey('tasks', 't1')
    expect(key).toBe('tasks/t1')
    expect(getEditingKey('tasks', 't1', 't1')).toBe('t1')
    expect(getEditingTrack(true, key, { userId: 'me', name: 'Me' })).toEqual({
      userId: 'me',
      metadata: { editing: 'tasks/t1', name: 'Me' },
    })
    expect(getEditingTrack(false, key, { userId: 'me' })).toBeNull()
    expect(getEditingTrack(true, key, { userId: 'me', publish: false })).toBeNull()
    expect(getEditingTrack(true, key, {})).toBeNull()
    expect(
      getEditors(
        [
          { userId: 'ada', metadata: { editing: 'tasks/t1', name: 'Ada' } },
          { userId: 'bo', metadata: { editing: 'tasks/t1' } },
          { userId: 'cy', metadata: { editing: 'tasks/t2', name: 'Cy' } },
        ],
        key,
      ),
    ).toEqual(['Ada', 'bo'])
  })
})

describe('enum choices', () => {
  it('offers an optional select an empty choice, and a required one none', () => {
    const entity: EntityDefinition = {
      name: 'e',
      fields: [
        { name: 'a', type: 'enum', label: 'A', options: ['x'] },
        { name: 'b', type: 'enum', label: 'B', options: ['x'], rules: { required: true } },
      ],
    }
    const form = connectForm(initForm({ entity }), () => {}, { id: 'f' })
    const options = (path: string) => {
      const c = form.getFieldControl(path)
      return c.kind === 'select' ? c.options.map((o) => o.value) : null
    }
    expect(options('a')).toEqual(['', 'x'])
    expect(options('b')).toEqual(['x'])
  })
})

describe('changing words', () => {
  it('rewrites the errors in the new words, and ignores the same words again', () => {
    const state = transitionForm(initForm({ entity: TASK }), { type: 'SUBMIT' })
    const german = { ...state.messages, required: (label: string) => `${label} fehlt` }
    const next = transitionForm(state, { type: 'SET_MESSAGES', messages: german })
    expect(next.errors.title).toBe('Title fehlt')
    expect(transitionForm(next, { type: 'SET_MESSAGES', messages: { ...german } })).toBe(next)
  })
})
