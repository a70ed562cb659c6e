import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  DOCUMENT_ID,
  and,
  compileQuery,
  or,
  runQuery,
  where,
  type BoundSpec,
  type Filter,
  type OrderSpec,
  type QuerySpec,
  type StoredDoc,
  type WhereFilterOp,
} from '@metal/core/engine'
import { databases, freshPostgres, type TestDatabase } from './databases.js'
import { migrate } from '../sql/schema.js'
import type { SqlDriver } from '../sql/driver.js'
import { scanDocsTraced } from '../sql/query.js'
import { storable, storableString } from '../sql/sqlFilter.js'

// The contract of scanDocs, checked on random documents and random queries: the engine over the
// candidates gives exactly what the engine over the whole collection gives. Runs on PGlite, on
// PostgreSQL and on a PostgreSQL database whose default collation is ICU en-US (where 'a' < 'B'),
// so SQL that forgot `collate "C"` fails.

const url = process.env.DATABASE_URL
const NUM_RUNS = 150

/** A PostgreSQL database whose default collation is not byte order. */
const icuDatabase = {
  name: 'PostgreSQL (ICU en-US collation)',
  create: () =>
    freshPostgres(
      `template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
    ),
}

// ─── Generators ─────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const NUMBERS = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, 2, 10, 0.1 + 0.2, 0.3, 1e21, -1e21, 1e-7, 5e-324, -5e-324,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2,
]
// Byte order vs UTF-16 order ('\uFFFF' < '\u{10000}' only by code point), ICU order vs bytes
// ('a' / 'B', 'é' / 'f'), combining marks, quotes and backslashes.
// prettier-ignore
const STRINGS = [
  '', 'a', 'A', 'B', 'b', 'ab', 'f', 'é', 'e\u0301', '\uFFFF', '\uE000', '\u{1F600}', '\u{10000}',
  'a\u{1F600}', 'a\uFFFF', '日本', "'", '"', '\\', '0', '10', '9', 'null', 'true',
]
// prettier-ignore
const IDS = ['a', 'b', 'A', 'B', 'é', 'f', '\u{1F600}', '\uFFFF', '\uE000', 'a1', 'a10', 'a2', "it's"]
// prettier-ignore
const OPS: WhereFilterOp[] = [
  '==', '!=', '<', '<=', '>', '>=', 'in', 'not-in', 'array-contains', 'array-contains-any',
]
const FIELDS = ['a', 'b', 'c', 'n.a', 'n.0', DOCUMENT_ID]

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(...STRINGS),
  fc.string({ unit: 'binary', maxLength: 4 }).filter(storableString),
)

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.array(tie('value'), { maxLength: 3 }), weight: 1 },
    {
      arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'x'), tie('value'), { maxKeys: 2 }),
      weight: 1,
    },
  ),
}))

const nested = fc.oneof(
  fc.record({ a: value, b: value, '0': value }, { requiredKeys: [] }),
  fc.array(value, { maxLength: 3 }),
  scalar,
)

/** `arb` with probability `p`, else undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
  const weight = Math.round(p * 10)
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 10 - weight },
    { arbitrary: arb, weight },
  )
}

/** Drops the keys whose value is undefined (missing fields). */
const present = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

const data = fc
  .record({
    a: sometimes(value, 0.85),
    b: sometimes(value, 0.85),
    c: sometimes(value, 0.5),
    n: sometimes(nested, 0.6),
  })
  .map(present)

const docs = fc
  .uniqueArray(
    fc.record({
      id: fc.oneof(fc.constantFrom(...IDS), fc.string({ minLength: 1, maxLength: 3 })),
      data,
    }),
    { selector: (d) => d.id, minLength: 2, maxLength: 14 },
  )
  .map((list) => list.filter((d) => !d.id.includes('/') && storableString(d.id)))

type Doc = { id: string; data: Record<string, unknown> }

/** True when no array directly holds an array: where() refuses other operands (Firestore). */
const flat = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.every((e) => !Array.isArray(e) && flat(e))
    : typeof v === 'object' && v !== null
      ? Object.values(v).every(flat)
      : true

/** Queries whose operands are often values that occur in `list`. */
function queries(list: readonly Doc[], scalarsOnly: boolean): fc.Arbitrary<QuerySpec[]> {
  const seen = list.flatMap((d) => {
    const n = d.data.n as Record<string, unknown> | undefined
    return [d.data.a, d.data.b, d.data.c, n?.a, n?.['0']].filter((v) => v !== undefined)
  })
  // Values no database can store are refused by where() itself (invalid-argument).
  const operand = (
    seen.length > 0
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...seen), weight: 3 },
          { arbitrary: value, weight: 1 },
        )
      : value
  )
    .filter(storable)
    .filter(flat)
  const nonNull = operand.filter((v) => v !== null)
  const id = fc.oneof(
    fc.constantFrom(...IDS, ...list.map((d) => d.id)),
    fc.constantFrom('a0', 'zz'),
  )
  const many = (of: fc.Arbitrary<unknown>, max: number) =>
    fc.array(of, { minLength: 1, maxLength: max })

  const fields = scalarsOnly ? ['a', 'b', DOCUMENT_ID] : FIELDS
  const leaf: fc.Arbitrary<Filter> = fc
    .tuple(fc.constantFrom(...fields), fc.constantFrom(...OPS))
    .filter(([f, op]) => f !== DOCUMENT_ID || !op.startsWith('array'))
    .chain(([field, op]) => {
      const single = field === DOCUMENT_ID ? id : op === '==' || op === '!=' ? operand : nonNull
      const list =
        field === DOCUMENT_ID
          ? many(id, 4)
          : many(
              op === 'array-contains-any' ? operand.filter((v) => !Array.isArray(v)) : operand,
              4,
            )
      const arg = op === 'in' || op === 'not-in' || op === 'array-contains-any' ? list : single
      return arg.map((v) => where(field, op, v))
    })
  const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small' },
      { arbitrary: leaf, weight: 3 },
      fc.array(tie('filter'), { maxLength: 3 }).map((fs) => and(...fs)),
      fc.array(tie('filter'), { maxLength: 3 }).map((fs) => or(...fs)),
    ),
  }))
  const orderBy: fc.Arbitrary<OrderSpec[]> = fc.uniqueArray(
    fc.record({
      field: fc.constantFrom(...fields),
      direction: fc.constantFrom('asc' as const, 'desc' as const),
    }),
    { selector: (o) => o.field, maxLength: 3 },
  )
  const spec = orderBy.chain((order) => {
    const cursorValue = (o: OrderSpec) => (o.field === DOCUMENT_ID ? id : operand)
    const bound: fc.Arbitrary<BoundSpec | undefined> =
      order.length === 0
        ? fc.constant(undefined)
        : sometimes(
            fc.record(
              {
                values: fc
                  .integer({ min: 1, max: order.length })
                  .chain((n) => fc.tuple(...order.slice(0, n).map(cursorValue))),
                id,
                inclusive: fc.boolean(),
              },
              { requiredKeys: ['values', 'inclusive'] },
            ),
            0.3,
          )
    return fc
      .record({
        filter: sometimes(scalarsOnly ? leaf : filter, 0.7),
        limit: sometimes(fc.integer({ min: 0, max: 6 }), 0.5),
        limitType:
          order.length > 0
            ? fc.constantFrom('first' as const, 'last' as const)
            : fc.constant('first' as const),
        offset: sometimes(fc.integer({ min: 1, max: 3 }), 0.3),
        startAt: bound,
        endAt: bound,
      })
      .map((rest): QuerySpec => ({ collection: 'c', orderBy: order, ...present(rest) }))
  })
  return fc.array(spec, { minLength: 1, maxLength: 4 })
}

const scalarDocs = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom(...IDS),
    data: fc
      .record({
        // Mostly strings, where byte, UTF-16 and collation orders disagree.
        a: sometimes(fc.oneof({ arbitrary: fc.constantFrom(...STRINGS), weight: 3 }, scalar), 0.9),
        b: sometimes(fc.constantFrom(0, 1, 'x', 'X', null, true), 0.9),
      })
      .map(present),
  }),
  { selector: (d) => d.id, minLength: 2, maxLength: 12 },
)

// ─── Harness ────────────────────────────────────────────────────────────────────────────────────

/** Replaces every row with `list` in project p / collection c, plus decoys elsewhere. */
async function load(db: SqlDriver, list: readonly Doc[]): Promise<void> {
  await db.query(`delete from metal_docs`)
  const decoy = { data: { a: 1, b: 'x' }, version: 1, update_time: 1 }
  const rows = list.flatMap((d, i) => [
    { project: 'p', collection: 'c', id: d.id, data: d.data, version: i + 1, update_time: 9 + i },
    // The same ids in another collection and another project, matching almost anything.
    { ...decoy, project: 'p', collection: 'other', id: d.id },
    { ...decoy, project: 'q', collection: 'c', id: d.id },
  ])
  await db.query(
    `insert into metal_docs (project, collection, id, data, version, update_time)
     select * from jsonb_to_recordset($1::jsonb)
       as t(project text, collection text, id text, data jsonb, version bigint, update_time bigint)`,
    [JSON.stringify(rows)],
  )
}

async function allDocs(db: SqlDriver): Promise<StoredDoc[]> {
  const rows = await db.query<StoredDoc & { update_time: number }>(
    `select id, data, version, update_time from metal_docs where project = 'p' and collection = 'c'`,
  )
  return rows.map(({ id, data, version, update_time }) => ({
    id,
    data,
    version: Number(version),
    updateTime: Number(update_time),
  }))
}

/** What the queries of one property did: how many had results, how scanDocs read them. */
interface Stats {
  queries: number
  nonEmpty: number
  /** Fewer candidates than documents in the collection. */
  narrowed: number
  all: number
  limit: number
  fallback: number
}

const newStats = (): Stats => ({
  queries: 0,
  nonEmpty: 0,
  narrowed: 0,
  all: 0,
  limit: 0,
  fallback: 0,
})

async function check(
  db: SqlDriver,
  list: readonly Doc[],
  specs: readonly QuerySpec[],
  stats: Stats,
): Promise<void> {
  await load(db, list)
  const stored = await allDocs(db)
  const byId = new Map(stored.map((d) => [d.id, d]))
  for (const spec of specs) {
    const query = compileQuery(spec)
    const { docs: candidates, mode } = await scanDocsTraced(db, 'p', spec)
    expect(new Set(candidates.map((d) => d.id)).size).toBe(candidates.length)
    for (const d of candidates) expect(d).toEqual(byId.get(d.id))
    const expected = runQuery(query, stored)
    expect(runQuery(query, candidates)).toEqual(expected)
    // The stored documents answer like the documents as written (-0, big and tiny numbers).
    expect(runQuery(query, list).map((d) => d.id)).toEqual(expected.map((d) => d.id))
    stats.queries++
    stats[mode]++
    if (expected.length > 0) stats.nonEmpty++
    if (candidates.length < stored.length) stats.narrowed++
  }
}

const all = url ? [...databases, icuDatabase] : databases

describe.each(all)('scanDocs on $name', ({ name, create }) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await create()
    await migrate(database.driver)
  })
  afterAll(async () => {
    await database.drop()
  })

  it('returns candidates the engine turns into exactly the collection query result', async () => {
    const stats = newStats()
    await fc.assert(
      fc.asyncProperty(
        docs.chain((list) => fc.tuple(fc.constant(list), queries(list, false))),
        async ([list, specs]) => check(database.driver, list, specs, stats),
      ),
      { numRuns: NUM_RUNS },
    )
    console.log(`[sqlQuery] ${name}, all value types: ${JSON.stringify(stats)}`)
    // The generators are worth something: many queries have results, SQL narrows most.
    expect(stats.nonEmpty).toBeGreaterThan(stats.queries / 4)
    expect(stats.narrowed).toBeGreaterThan(stats.queries / 2)
  })

  it('keeps exact results when ORDER BY and LIMIT run in SQL (scalar documents)', async () => {
    const stats = newStats()
    await fc.assert(
      fc.asyncProperty(
        scalarDocs.chain((list) =>
          fc.tuple(
            fc.constant(list),
            queries(list, true).map((qs) => qs.map((q) => ({ ...q, limit: q.limit || 3 }))),
          ),
        ),
        async ([list, specs]) => check(database.driver, list, specs, stats),
      ),
      { numRuns: NUM_RUNS },
    )
    console.log(`[sqlQuery] ${name}, ORDER BY + LIMIT: ${JSON.stringify(stats)}`)
    expect(stats.nonEmpty).toBeGreaterThan(stats.queries * 0.4)
    expect(stats.limit).toBeGreaterThan(stats.queries * 0.9)
  })
})
