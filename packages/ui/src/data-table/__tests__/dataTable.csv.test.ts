import { afterEach, describe, expect, it, vi } from 'vitest'
import { Metal, Query } from '@metal/core'
import { initDataTable, updateDataTable } from '../dataTable.model.js'
import {
  dataTableCsv,
  dataTableCsvBlob,
  toCsvField,
  type DataTableCsvOptions,
  type DataTableCsvSource,
} from '../dataTable.csv.js'
import type { DataTableColumn, DataTableEvent, DataTableState } from '../dataTable.types.js'

interface User {
  id: string
  name: string
  age: number
  role: string
  joined: number
  active: boolean
}

const columns: DataTableColumn<User>[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number' },
  {
    field: 'role',
    header: 'Role',
    type: 'enum',
    options: [
      { value: 'admin', label: 'Admin, full' },
      { value: 'user', label: 'User' },
    ],
  },
  { field: 'joined', header: 'Joined', type: 'date' },
  { field: 'active', header: 'Active', type: 'boolean' },
  { id: 'initials', header: 'Initials', type: 'custom', format: (_, row) => row.name.slice(0, 2) },
]

/** Names that need quoting: a comma, a quote, a line break (CRLF and LF). */
function nameOf(i: number): string {
  const n = String(i).padStart(4, '0')
  if (i % 97 === 0) return `Doe, "J" ${n}\r\nsecond line`
  if (i % 89 === 0) return `Line\nbreak ${n}`
  return `User ${n}`
}

function user(i: number): User {
  return {
    id: `u${String(i).padStart(4, '0')}`,
    name: nameOf(i),
    age: 1000 + (i % 37) * 10,
    role: i % 3 === 0 ? 'admin' : 'user',
    joined: Date.UTC(2024, 0, 1 + (i % 28)),
    active: i % 2 === 0,
  }
}

function state(...events: DataTableEvent[]): DataTableState<User> {
  return events.reduce(updateDataTable, initDataTable<User>({ columns, pageSize: 20 }))
}

async function collect<Row>(
  s: DataTableState<Row>,
  source: DataTableCsvSource<Row>,
  options?: DataTableCsvOptions,
): Promise<string[]> {
  const chunks: string[] = []
  for await (const chunk of dataTableCsv(s, source, options)) chunks.push(chunk)
  return chunks
}

/** A plain RFC 4180 reader, to check that what was written reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === '"' && field === '') {
      // A quoted field runs to the first quote that is not part of a doubled pair.
      let j = i + 1
      while (!(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1
      field = text.slice(i + 1, j).replaceAll('""', '"')
      i = j + 1
      continue
    }
    if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else field += c
    i++
  }
  return records
}

const HEADER = ['Name', 'Age', 'Role', 'Joined', 'Active', 'Initials']

describe('CSV fields', () => {
  it('quotes only fields holding a comma, quote or line break, doubling quotes', () => {
    expect(toCsvField('plain')).toBe('plain')
    expect(toCsvField('a,b')).toBe('"a,b"')
    expect(toCsvField('say "hi"')).toBe('"say ""hi"""')
    expect(toCsvField('two\nlines')).toBe('"two\nlines"')
    expect(toCsvField('cr\rhere')).toBe('"cr\rhere"')
    expect(toCsvField('')).toBe('')
  })
})

describe('dataTableCsv over unbound rows', () => {
  const rows = [user(97), user(2), user(3), user(89), user(6)]

  it('exports every matching row in the sort order, not only the page, with CRLF records', async () => {
    const s = updateDataTable(state({ type: 'TOGGLE_SORT', columnId: 'age' }), {
      type: 'SET_PAGE_SIZE',
      pageSize: 1,
    })
    const text = (await collect(s, { rows })).join('')
    expect(text.endsWith('\r\n')).toBe(true)
    const records = parseCsv(text)
    expect(records[0]).toEqual(HEADER)
    const byAge = [...rows].sort((a, b) => a.age - b.age)
    expect(records.slice(1).map((r) => r[0])).toEqual(byAge.map((u) => u.name))
  })

  it('writes values as the cells show them by default', async () => {
    const text = (await collect(state(), { rows: [user(97)] })).join('')
    expect(text).toBe(
      'Name,Age,Role,Joined,Active,Initials\r\n' +
        '"Doe, ""J"" 0097\r\nsecond line","1,230",User,"Jan 14, 2024",No,Do\r\n',
    )
  })

  it('writes stored values with values: raw (custom columns stay formatted)', async () => {
    const text = (await collect(state(), { rows: [user(6)] }, { values: 'raw' })).join('')
    expect(parseCsv(text)[1]).toEqual([
      'User 0006',
      '1060',
      'admin',
      '2024-01-07T00:00:00.000Z',
      'true',
      'Us',
    ])
  })

  it('keeps to the visible columns in their order, and to the filters and search', async () => {
    const s = state(
      { type: 'SET_COLUMN_VISIBLE', columnId: 'age', visible: false },
      { type: 'SET_COLUMN_VISIBLE', columnId: 'initials', visible: false },
      { type: 'SET_FILTER', columnId: 'role', filter: { kind: 'set', values: ['admin'] } },
      { type: 'SET_SEARCH', search: 'user' },
    )
    const records = parseCsv((await collect(s, { rows })).join(''))
    expect(records).toEqual([
      ['Name', 'Role', 'Joined', 'Active'],
      ['User 0003', 'Admin, full', 'Jan 4, 2024', 'No'],
      ['User 0006', 'Admin, full', 'Jan 7, 2024', 'Yes'],
    ])
  })

  it('yields the header, then a chunk per pageSize rows', async () => {
    const chunks = await collect(state(), { rows }, { pageSize: 2 })
    expect(chunks.map((c) => parseCsv(c).length)).toEqual([1, 2, 2, 1])
  })

  it('omits the header with header: false', async () => {
    const chunks = await collect(state(), { rows: [user(2)] }, { header: false })
    expect(chunks).toEqual(['User 0002,"1,020",User,"Jan 3, 2024",Yes,Us\r\n'])
  })

  it('rejects a bad pageSize, naming it', async () => {
    await expect(collect(state(), { rows }, { pageSize: 0 })).rejects.toThrow(
      'dataTableCsv(): pageSize must be a positive integer, got 0',
    )
  })

  it('collects into a text/csv Blob', async () => {
    const blob = await dataTableCsvBlob(dataTableCsv(state(), { rows: [user(2)] }))
    expect(blob.type).toBe('text/csv;charset=utf-8')
    expect(await blob.text()).toBe(
      'Name,Age,Role,Joined,Active,Initials\r\nUser 0002,"1,020",User,"Jan 3, 2024",Yes,Us\r\n',
    )
  })
})

describe('dataTableCsv over a Metal collection', () => {
  const N = 1200
  const users = Array.from({ length: N }, (_, i) => user(i + 1))
  let metal: Metal

  async function seed() {
    metal = new Metal()
    const batch = metal.db().batch()
    for (const { id, ...data } of users) batch.set(metal.db().collection('users').doc(id), data)
    await batch.commit()
    return metal.db().collection('users')
  }
  afterEach(() => {
    vi.restoreAllMocks()
    metal?.close()
  })

  it('reads every row in cursor pages of pageSize, never more at once', async () => {
    const collection = await seed()
    const get = vi.spyOn(Query.prototype, 'get')
    const chunks = await collect(state(), { collection }, { pageSize: 500 })
    expect(chunks.map((c) => parseCsv(c).length)).toEqual([1, 500, 500, 200])
    const reads = await Promise.all(get.mock.results.map((r) => r.value))
    expect(reads.map((snap: { docs: unknown[] }) => snap.docs.length)).toEqual([500, 500, 200])
    const records = parseCsv(chunks.join(''))
    expect(records[0]).toEqual(HEADER)
    expect(records.slice(1).map((r) => r[0])).toEqual(users.map((u) => u.name))
    expect(records[97]?.[0]).toBe('Doe, "J" 0097\r\nsecond line')
    expect(records[89]?.[0]).toBe('Line\nbreak 0089')
  })

  it('reads the next page only when the next chunk is asked for', async () => {
    const collection = await seed()
    const get = vi.spyOn(Query.prototype, 'get')
    const csv = dataTableCsv(state(), { collection }, { pageSize: 500 })
    await csv.next() // header
    await csv.next() // rows 1–500
    expect(get).toHaveBeenCalledTimes(1)
    await csv.return()
    expect(get).toHaveBeenCalledTimes(1)
  })

  it("follows the table's filters and multi-key sort over the base query, ties included", async () => {
    const collection = await seed()
    const s = state(
      {
        type: 'SET_SORTING',
        sorting: [
          { id: 'age', direction: 'desc' },
          { id: 'name', direction: 'asc' },
        ],
      },
      { type: 'SET_FILTER', columnId: 'active', filter: { kind: 'equals', value: true } },
      { type: 'SET_COLUMN_VISIBLE', columnId: 'initials', visible: false },
    )
    const chunks = await collect(
      s,
      { collection, query: (c) => c.where('role', '==', 'admin') },
      { pageSize: 50, values: 'raw' },
    )
    const expected = users
      .filter((u) => u.role === 'admin' && u.active)
      .sort((a, b) => b.age - a.age || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    expect(expected.length).toBe(200)
    expect(chunks.length).toBe(1 + 4)
    expect(parseCsv(chunks.join(''))).toEqual([
      ['Name', 'Age', 'Role', 'Joined', 'Active'],
      ...expected.map((u) => [
        u.name,
        String(u.age),
        'admin',
        new Date(u.joined).toISOString(),
        'true',
      ]),
    ])
  })

  it('gives only the header when nothing matches', async () => {
    const collection = await seed()
    const s = state({ type: 'SET_SEARCH', search: 'nobody' })
    expect(await collect(s, { collection })).toEqual(['Name,Age,Role,Joined,Active,Initials\r\n'])
  })
})
