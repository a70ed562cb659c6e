import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import type { EntityDefinition } from '../../form/form.types.js'
import {
  avatarTone,
  checkCollectionPageProps,
  getBulkOptions,
  hasPendingWrites,
  initialsOf,
} from '../collectionPage.model.js'

const TASK: EntityDefinition = {
  name: 'task',
  fields: [
    { name: 'title', type: 'string' },
    { name: 'status', type: 'enum', options: ['todo', { value: 'done', label: 'Done' }] },
    { name: 'urgent', type: 'boolean' },
  ],
}
const ok = {
  collection: 'tasks',
  title: 'Tasks',
  schema: TASK,
  columns: [{ field: 'title', header: 'Title' }],
}

describe('checkCollectionPageProps', () => {
  it('returns the schema of valid props, nested collections included', () => {
    expect(checkCollectionPageProps(ok)).toBe(TASK)
    expect(checkCollectionPageProps({ ...ok, collection: 'users/u1/tasks' })).toBe(TASK)
  })

  it.each([
    [
      { collection: 'users/u1' },
      "<CollectionPage>: collection must be a collection path (odd number of segments), got 'users/u1'",
    ],
    [
      { collection: 'a//b' },
      "<CollectionPage>: collection must be a collection path (odd number of segments), got 'a//b'",
    ],
    [{ title: 3 }, '<CollectionPage>: title must be a non-empty string, got 3'],
    [
      { columns: 'title' },
      "<CollectionPage>: columns must be a non-empty array of columns, got 'title'",
    ],
    [{ schema: { name: '' } }, "<CollectionPage>: schema.name must be a non-empty string, got ''"],
    [
      { bulkActions: [{ field: 'status' }] },
      '<CollectionPage>: bulkActions[0].label must be a non-empty string, got undefined',
    ],
    [
      { bulkActions: [{ label: 'Set', field: 'title' }] },
      "<CollectionPage>: bulkActions[0].field must be an enum or boolean field of the schema, or give options, got 'title'",
    ],
  ])('throws invalid-argument naming the prop: %j', (bad, message) => {
    let thrown: unknown
    try {
      checkCollectionPageProps({ ...ok, ...bad } as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(MetalError)
    expect((thrown as MetalError).code).toBe('invalid-argument')
    expect((thrown as Error).message).toBe(message)
  })

  it('accepts a custom action, and a set-field action with its own options', () => {
    const bulkActions = [
      { label: 'Archive', run: () => {} },
      { label: 'Set title', field: 'title', options: ['a', 'b'] },
    ]
    expect(checkCollectionPageProps({ ...ok, bulkActions })).toBe(TASK)
  })
})

describe('getBulkOptions', () => {
  it("offers an enum field's options with their labels", () => {
    expect(getBulkOptions(TASK, { label: 'Set', field: 'status' })).toEqual([
      { value: 'todo', label: 'todo' },
      { value: 'done', label: 'Done' },
    ])
  })

  it('offers Yes and No for a boolean field, and given options over the schema', () => {
    expect(getBulkOptions(TASK, { label: 'Set', field: 'urgent' }).map((o) => o.value)).toEqual([
      true,
      false,
    ])
    expect(getBulkOptions(TASK, { label: 'Set', field: 'status', options: ['x'] })).toEqual([
      { value: 'x', label: 'x' },
    ])
  })
})

describe('row marks', () => {
  it('reads the non-enumerable hasPendingWrites of a bound row', () => {
    const row = Object.defineProperty({ id: 'a' }, 'hasPendingWrites', { value: true })
    expect(hasPendingWrites(row)).toBe(true)
    expect(hasPendingWrites({ ...row })).toBe(false)
    expect(hasPendingWrites(null)).toBe(false)
  })

  it('takes up to two initials, and a stable tone per user', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL')
    expect(initialsOf('grace brewster murray hopper')).toBe('GH')
    expect(initialsOf('  ')).toBe('?')
    expect(initialsOf('élodie')).toBe('É')
    expect(avatarTone('ada')).toBe(avatarTone('ada'))
    expect([0, 1, 2]).toContain(avatarTone('grace'))
  })
})
