import { createHash } from 'node:crypto'
import {
  DOCUMENT_ID,
  checkCollectionPath,
  describe,
  invalidArgument,
  parseFieldPath,
} from '@metal/core/engine'
import type { SqlExecutor } from './driver.js'
import { storableString } from './sqlFilter.js'

// Expression indexes on metal_docs. An index on field `a.b` of collection `users` is
//   create index … on metal_docs (project, (data #> '{a,b}'::text[])) where collection = 'users'
// which is the expression scanDocs compiles a filter on `a.b` to (`data #> $3::text[]`): a
// statement sent with parameters (node-postgres and PGlite send unnamed prepared statements) is
// planned with the parameter values as constants, so the planner matches the expression and
// proves the partial index's predicate from `collection = $2`.
//
// PostgreSQL writes the statement: `format()` quotes the index name (%I), the paths and the
// collection (%L); this file only passes them as parameters.

const CALL = 'createIndex()'

/** A row's collection group: the last segment of its collection path. */
export const GROUP_KEY = `split_part(collection, '/', -1)`

/**
 * The index collection group queries read (`db.collectionGroup('comments')` matches rows by
 * {@link GROUP_KEY}); part of the schema.
 */
export const GROUP_INDEX = `create index if not exists metal_docs_group on metal_docs (project, (${GROUP_KEY}))`

/** PostgreSQL indexes at most 32 columns; the first is the project. */
const MAX_FIELDS = 31

const invalid = (detail: string) => invalidArgument(CALL, detail)

/** The index's columns as JSON for the statement: a path's segments, or null for the id. */
function checkFields(fields: unknown): (readonly string[] | null)[] {
  if (!Array.isArray(fields) || fields.length === 0) {
    const got = Array.isArray(fields) ? 'an empty array' : typeof fields
    throw invalid(`fields must be a non-empty array of field paths, got ${got}`)
  }
  if (fields.length > MAX_FIELDS) {
    throw invalid(`an index takes at most ${MAX_FIELDS} fields, got ${fields.length}`)
  }
  const seen = new Set<string>()
  return fields.map((field: unknown, i) => {
    const segments = parseFieldPath(`${CALL} field ${i}`, field)
    const path = field as string
    if (seen.has(path)) throw invalid(`field ${i} (${describe(path)}) is listed twice`)
    seen.add(path) // parseFieldPath refused text PostgreSQL cannot store
    return path === DOCUMENT_ID ? null : segments
  })
}

/** The name of the index on `fields` of `collection`: stable, and a safe identifier. */
export function indexName(collection: string, fields: readonly string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([collection, fields]))
    .digest('hex')
  return `metal_idx_${hash.slice(0, 32)}`
}

/**
 * Checks the input of {@link createIndex} without touching a database (tools check before they
 * open one); returns each field as path segments (null: the document id).
 */
export function checkIndex(
  collection: string,
  fields: readonly string[],
): (readonly string[] | null)[] {
  checkCollectionPath(CALL, collection)
  if (!storableString(collection)) {
    throw invalid(
      `collection path ${JSON.stringify(collection)} holds a character PostgreSQL cannot store (U+0000 or an unpaired surrogate)`,
    )
  }
  return checkFields(fields)
}

/**
 * Creates (when missing) an index on `fields` of `collection`, in every project, and returns its
 * name. Queries with equality or range filters on those fields (in that order, as a B-tree
 * prefix) can then read the index instead of every document of the collection.
 * `documentId()` (`'__name__'`) indexes the id.
 *
 * Throws `invalid-argument` for a bad collection path or field path, or a field listed twice.
 * Building the index locks out writes to `metal_docs` while it runs.
 */
export async function createIndex(
  db: SqlExecutor,
  collection: string,
  fields: readonly string[],
): Promise<string> {
  const columns = checkIndex(collection, fields)
  const name = indexName(collection, fields)
  const rows = await db.query<{ statement: string }>(
    `select format(
       'create index if not exists %I on metal_docs (project, %s) where collection = %L',
       $1::text,
       (select string_agg(
                 case when jsonb_typeof(e) = 'null' then 'id'
                      else format('(data #> %L::text[])',
                                  array(select jsonb_array_elements_text(e))::text)
                 end,
                 ', ' order by n)
          from jsonb_array_elements($2::jsonb) with ordinality as t(e, n)),
       $3::text) as statement`,
    [name, JSON.stringify(columns), collection],
  )
  await db.query(rows[0]!.statement)
  return name
}
