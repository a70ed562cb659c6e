import {
  compileQuery,
  fieldGetter,
  invalidArgument,
  parseFieldPath,
  type BoundSpec,
  type CompiledQuery,
  type QuerySpec,
  type StoredDoc,
} from '@metal/core/engine'
import type { SqlExecutor } from './driver.js'
import { GROUP_KEY } from './indexes.js'
import { toDoc, type DocRow } from './rows.js'
import {
  SqlParams,
  TYPE_ORDER,
  and,
  filterSql,
  isScalar,
  jsonType,
  or,
  sameTypeCompare,
  sqlField,
  storable,
  storableString,
  typeIn,
  type SqlField,
} from './sqlFilter.js'

// Queries as SQL. The contract is narrow: return a superset of the documents the query returns;
// the caller runs the engine (`runQuery`) over it, so results are the engine's by construction.
// SQL earns its keep by filtering (sqlFilter.ts) and, for a query with a limit, by ordering and
// cutting the candidates down to `offset + limit` rows.
//
// Why the SQL window is exact. SQL orders rows by, per sort key, (type rank, string as UTF-8
// bytes, jsonb value), then id as UTF-8 bytes in the last key's direction. For two rows whose
// values at every key are scalars this is the engine's order: ranks follow the engine's type
// order, jsonb orders numbers and booleans as the engine does, and UTF-8 byte order is code-point
// order. Arrays and maps sort differently in jsonb. Say SQL returns the first K = offset + limit
// candidates in its order, S. If |S| < K, S is every candidate, a superset of the matches. If
// every row of S matches (the engine's `matches`, which also checks cursors and that the sort
// fields exist) and holds only scalars in its sort fields, then for a in S and any other match b,
// SQL put a first (SQL reads a matching document's sort values as the engine does), and a
// comparison with a, decided at a key where a holds a scalar, comes out the same in the engine:
// S is the engine's first K matches, which is all the window needs. Otherwise
// scanDocs runs the same statement without ORDER BY and LIMIT.

const SELECT = 'select id, data, version, update_time from metal_docs'

/** How scanDocs reads a query's candidates. */
export interface ScanPlan {
  /** Selects every candidate: a superset of the query's matches. */
  readonly sql: string
  readonly params: readonly unknown[]
  /** The same with ORDER BY and LIMIT, when SQL can reproduce the query's order. */
  readonly limited?: {
    readonly sql: string
    readonly params: readonly unknown[]
    /** The LIMIT (`offset + limit`): fewer rows means every candidate was returned. */
    readonly count: number
  }
}

/** A sort key as SQL: its field (undefined when SQL cannot name it) and direction (1 or -1). */
interface SqlKey {
  readonly field: SqlField | undefined
  readonly sign: number
}

/** The rank of a jsonb value in the engine's type order. */
function rankSql(x: string): string {
  return `(case jsonb_typeof(${x}) ${TYPE_ORDER.map((t, i) => `when '${t}' then ${i}`).join(' ')} end)`
}

/** ORDER BY terms reproducing the engine's order for scalar values (see the banner). */
function orderSql(keys: readonly SqlKey[], flip: number): string {
  const terms: string[] = []
  let idDir = flip
  for (const { field, sign } of keys) {
    const dir = sign * flip > 0 ? 'asc' : 'desc'
    idDir = sign * flip
    if (field === undefined || field.kind === 'id') terms.push(`id collate "C" ${dir}`)
    else {
      const { json, text } = field
      terms.push(
        `${rankSql(json)} ${dir}`,
        `(case when jsonb_typeof(${json}) = 'string' then ${text} end) collate "C" ${dir}`,
        `${json} ${dir}`,
      )
    }
  }
  terms.push(`id collate "C" ${idDir > 0 ? 'asc' : 'desc'}`)
  return terms.join(', ')
}

/**
 * A cursor as a condition that every document on the kept side of it satisfies: the engine's
 * lexicographic comparison over (sort values…, id), unrolled as `k1 beyond v1 or (k1 = v1 and
 * (k2 beyond v2 or …))`. Exact for scalar cursor values; at an array or map value (or one jsonb
 * cannot take) it keeps every value whose type is at or beyond the value's (a superset).
 */
function boundSql(
  params: SqlParams,
  keys: readonly SqlKey[],
  bound: BoundSpec,
  side: 1 | -1,
): string {
  const idDir = (keys.length > 0 ? keys[keys.length - 1]!.sign : 1) * side
  let tail: string
  if (bound.id === undefined) tail = bound.inclusive ? 'true' : 'false'
  else if (!storableString(bound.id)) tail = 'true'
  else {
    const op = (idDir > 0 ? '>' : '<') + (bound.inclusive ? '=' : '')
    tail = `id collate "C" ${op} ${params.text(bound.id)}`
  }
  for (let i = bound.values.length - 1; i >= 0; i--) {
    const value = bound.values[i]
    const key = keys[i]
    const field = key?.field
    const dir = (key?.sign ?? 1) * side
    if (field === undefined) tail = 'true'
    else if (field.kind === 'id') {
      tail =
        typeof value === 'string' && storableString(value)
          ? or([
              `id collate "C" ${dir > 0 ? '>' : '<'} ${params.text(value)}`,
              and([`id = ${params.text(value)}`, tail]),
            ])
          : 'true'
    } else {
      const rank = TYPE_ORDER.indexOf(jsonType(value))
      const ranks = (beyond: (r: number) => boolean) =>
        TYPE_ORDER.map((_, r) => r).filter((r) => beyond(r))
      if (isScalar(value) && storable(value)) {
        tail = and([
          field.guard,
          or([
            typeIn(
              field.json,
              ranks((r) => (dir > 0 ? r > rank : r < rank)),
            ),
            sameTypeCompare(params, field, dir > 0 ? '>' : '<', value),
            and([`${field.json} = ${params.json(value)}`, tail]),
          ]),
        ])
      } else {
        tail = and([
          field.guard,
          typeIn(
            field.json,
            ranks((r) => (dir > 0 ? r >= rank : r <= rank)),
          ),
        ])
      }
    }
  }
  return tail
}

/**
 * Compiles a query on `projectId` into the statements scanDocs runs (exported for tests and
 * EXPLAIN). Every value and field path is a parameter.
 */
export function compileScan(projectId: string, query: QuerySpec): ScanPlan {
  // The driver would send an unpaired surrogate as U+FFFD: another project's or collection's name.
  for (const [what, name] of [
    ['project id', projectId],
    ['collection path', query.collection],
  ] as const) {
    if (!storableString(name)) {
      throw invalidArgument(
        'scanDocs()',
        `${what} ${JSON.stringify(name)} holds a character PostgreSQL cannot store (U+0000 or an unpaired surrogate)`,
      )
    }
  }
  const params = new SqlParams()
  // A collection group's rows come from a subquery that names each by its full path (`id`),
  // so filters, order and cursors on the id take paths; its condition reads GROUP_INDEX.
  const from = query.group ? groupFrom(params, projectId, query.collection) : undefined
  const where = from
    ? []
    : [`project = ${params.text(projectId)}`, `collection = ${params.text(query.collection)}`]
  if (query.filter) where.push(filterSql(params, query.filter))
  const keys: SqlKey[] = query.orderBy.map((o) => ({
    field: sqlField(params, o.field),
    sign: o.direction === 'desc' ? -1 : 1,
  }))
  // A document without a sort field never matches (as in Cloud Firestore).
  for (const { field } of keys) {
    if (field?.kind === 'data') where.push(and([field.guard, `${field.json} is not null`]))
  }
  if (query.startAt) where.push(boundSql(params, keys, query.startAt, 1))
  if (query.endAt) where.push(boundSql(params, keys, query.endAt, -1))
  const sql = from
    ? `select id, data, version, update_time from ${from} where ${and(where)}`
    : `${SELECT} where ${and(where)}`
  const all = params.bind(sql)
  const count = (query.limit ?? NaN) + (query.offset ?? 0)
  if (!Number.isSafeInteger(count) || keys.some((k) => k.field === undefined)) return all
  const flip = query.limitType === 'last' ? -1 : 1
  const limited = `${sql} order by ${orderSql(keys, flip)} limit ${params.add(count)}::bigint`
  return { ...all, limited: { ...params.bind(limited), count } }
}

/** The rows of a collection group, each with its full path as `id`, served by GROUP_INDEX. */
function groupFrom(params: SqlParams, projectId: string, groupId: string): string {
  return `(select collection || '/' || id as id, data, version, update_time from metal_docs
    where project = ${params.text(projectId)} and ${GROUP_KEY} = ${params.text(groupId)}) as metal_docs`
}

/** True when SQL's first rows are the engine's first rows (see the banner). */
function windowIsExact(compiled: CompiledQuery, docs: readonly StoredDoc[]): boolean {
  const getters = compiled.spec.orderBy.map((o) =>
    fieldGetter(parseFieldPath('orderBy()', o.field)),
  )
  return docs.every(
    (d) =>
      compiled.matches(d.id, d.data) &&
      getters.every((get) => {
        const v = get(d.id, d.data)
        return v === null || typeof v !== 'object'
      }),
  )
}

/** The result of {@link scanDocsTraced}: the candidates and how they were read. */
export interface TracedScan {
  readonly docs: StoredDoc[]
  /**
   * `'all'`: every row the filter keeps; `'limit'`: only the first `offset + limit` in the
   * query's order; `'fallback'`: the limited read was not exact, so every row was read.
   */
  readonly mode: 'all' | 'limit' | 'fallback'
  readonly plan: ScanPlan
}

/** {@link scanDocs}, also saying which statements ran; for tests and diagnostics. */
export async function scanDocsTraced(
  db: SqlExecutor,
  projectId: string,
  query: QuerySpec,
): Promise<TracedScan> {
  const plan = compileScan(projectId, query)
  if (plan.limited) {
    const docs = (await db.query<DocRow>(plan.limited.sql, plan.limited.params)).map(toDoc)
    if (docs.length < plan.limited.count || windowIsExact(compileQuery(query), docs)) {
      return { docs, mode: 'limit', plan }
    }
    const all = (await db.query<DocRow>(plan.sql, plan.params)).map(toDoc)
    return { docs: all, mode: 'fallback', plan }
  }
  const docs = (await db.query<DocRow>(plan.sql, plan.params)).map(toDoc)
  return { docs, mode: 'all', plan }
}

/**
 * Candidates for `query` in `projectId`: a superset of the documents the query returns (the
 * caller runs the engine's runQuery over them for exact results). Filters, cursors and, for a
 * query with a limit, the order and the window run in SQL where SQL gives the engine's answer.
 */
export async function scanDocs(
  db: SqlExecutor,
  projectId: string,
  query: QuerySpec,
): Promise<StoredDoc[]> {
  if (query.limit === 0) return []
  return (await scanDocsTraced(db, projectId, query)).docs
}
