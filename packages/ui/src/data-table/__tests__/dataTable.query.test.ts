import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Metal } from '@metal/core'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import { applyDataTableQuery, dataTableQuery } from '../dataTable.query.js'
import type { DataTableColumn, DataTableEvent, DataTableState } from '../dataTable.types.js'

interface User {
  name: string
  age: number
  role: string
  joined: number
  active: boolean
  address: { city: string }
}

const columns: DataTableColumn<User>[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number' },
  {
    field: 'role',
    header: 'Role',
    type: 'enum',
    options: [
      { value: 'admin', label: 'Administrator' },
      { value: 'user', label: 'User' },
    ],
  },
  { field: 'joined', header: 'Joined', type: 'date' },
  { field: 'active', header: 'Active', type: 'boolean' },
  { field: 'address.city', header: 'City' },
]

const D = (s: string) => Date.parse(s)
const USERS: Record<string, User> = {
  ada: {
    name: 'Ada',
    age: 36,
    role: 'admin',
    joined: D('2024-01-10'),
    active: true,
    address: { city: 'London' },
  },
  bob: {
    name: 'Bob',
    age: 25,
    role: 'user',
    joined: D('2024-03-02'),
    active: false,
    address: { city: 'Paris' },
  },
  cyd: {
    name: 'Cyd',
    age: 41,
    role: 'user',
    joined: D('2024-02-20'),
    active: true,
    address: { city: 'Lima' },
  },
  dee: {
    name: 'Dee',
    age: 25,
    role: 'admin',
    joined: D('2023-12-31'),
    active: true,
    address: { city: 'Oslo' },
  },
  eve: {
    name: 'Eve',
    age: 52,
    role: 'user',
    joined: D('2024-05-05'),
    active: true,
    address: { city: 'Lyon' },
  },
}

let metal: Metal
beforeEach(async () => {
  metal = new Metal()
  const batch = metal.db().batch()
  for (const [id, user] of Object.entries(USERS))
    batch.set(metal.db().collection('users').doc(id), user)
  await batch.commit()
})
afterEach(() => metal.close())

function state(...events: DataTableEvent[]): DataTableState<User> {
  return events.reduce(updateDataTable, initDataTable<User>({ columns, pageSize: 100 }))
}

async function ids(s: DataTableState<User>, options?: { page?: boolean }): Promise<string[]> {
  const users = metal.db().collection<User>('users')
  const snap = await applyDataTableQuery(users, s, options).get()
  return snap.docs.map((d) => d.id)
}

const filter = (columnId: string, f: object): DataTableEvent =>
  ({ type: 'SET_FILTER', columnId, filter: f }) as DataTableEvent

describe('bound-mode query translation (against an embedded Metal)', () => {
  it('orders by each sort key in turn', async () => {
    const s = state({
      type: 'SET_SORTING',
      sorting: [
        { id: 'age', direction: 'asc' },
        { id: 'name', direction: 'desc' },
      ],
    })
    expect(await ids(s)).toEqual(['dee', 'bob', 'ada', 'cyd', 'eve'])
  })

  it('sorts by a dotted field', async () => {
    expect(await ids(state({ type: 'TOGGLE_SORT', columnId: 'address.city' }))).toEqual([
      'cyd',
      'ada',
      'eve',
      'dee',
      'bob',
    ])
  })

  it('filters a number range, both ends inclusive', async () => {
    expect(await ids(state(filter('age', { kind: 'range', min: 30, max: 41 })))).toEqual([
      'ada',
      'cyd',
    ])
    expect(await ids(state(filter('age', { kind: 'range', min: 41 })))).toEqual(['cyd', 'eve'])
  })

  it('filters an enum set with in', async () => {
    expect(await ids(state(filter('role', { kind: 'set', values: ['admin'] })))).toEqual([
      'ada',
      'dee',
    ])
  })

  it('filters a date range over epoch milliseconds', async () => {
    const s = state(
      filter('joined', { kind: 'dateRange', from: D('2024-01-01'), to: D('2024-02-20') }),
    )
    expect(await ids(s)).toEqual(['ada', 'cyd'])
  })

  it('filters a boolean', async () => {
    expect(await ids(state(filter('active', { kind: 'equals', value: false })))).toEqual(['bob'])
  })

  it('matches text by prefix (what a Metal query can answer), on dotted fields too', async () => {
    // Unsorted, rows come ordered by the range-filtered field (Firestore's implicit order).
    expect(await ids(state(filter('address.city', { kind: 'contains', text: 'L' })))).toEqual([
      'cyd',
      'ada',
      'eve',
    ])
  })

  it('combines filters and sorting', async () => {
    const s = state(
      filter('active', { kind: 'equals', value: true }),
      filter('role', { kind: 'set', values: ['user'] }),
      { type: 'TOGGLE_SORT', columnId: 'age' },
      { type: 'TOGGLE_SORT', columnId: 'age' },
    )
    expect(await ids(s)).toEqual(['eve', 'cyd'])
  })

  it('quick-searches text prefixes and enum labels as one OR', async () => {
    expect(await ids(state({ type: 'SET_SEARCH', search: 'Ly' }))).toEqual(['eve'])
    // "istr" is inside the label "Administrator": every admin matches.
    expect(await ids(state({ type: 'SET_SEARCH', search: 'istr' }))).toEqual(['ada', 'dee'])
    expect(await ids(state({ type: 'SET_SEARCH', search: 'zzz' }))).toEqual([])
  })

  it('pages with offset and limit, or not at all when told', async () => {
    const base = initDataTable<User>({
      columns,
      pageSize: 2,
      page: 2,
      sorting: [{ id: 'name', direction: 'asc' }],
    })
    expect(await ids(base)).toEqual(['cyd', 'dee'])
    expect(await ids(base, { page: false })).toEqual(['ada', 'bob', 'cyd', 'dee', 'eve'])
  })

  it('narrows a base query given as a builder', async () => {
    const build = dataTableQuery<User, User>(
      state({ type: 'TOGGLE_SORT', columnId: 'name' }),
      (users) => users.where('age', '<', 40),
    )
    const snap = await build(metal.db().collection<User>('users')).get()
    expect(snap.docs.map((d) => d.id)).toEqual(['ada', 'bob', 'dee'])
  })

  it('gives the same rows as the live query stays live', async () => {
    const users = metal.db().collection<User>('users')
    const q = applyDataTableQuery(users, state(filter('age', { kind: 'range', min: 40 })))
    const seen: string[][] = []
    const stop = q.subscribe((_, snap) => seen.push(snap.docs.map((d) => d.id)))
    await users.doc('bob').update({ age: 60 })
    await new Promise((r) => setTimeout(r, 0))
    stop()
    expect(seen.at(-1)).toEqual(['cyd', 'eve', 'bob']) // ordered by age, the filtered field
  })
})
