import type { QuerySpec, StoredDoc } from '@metal/core/engine'
import type { SqlExecutor } from './driver.js'

/** A `metal_docs` row as queries select it. */
export interface DocRow {
  id: string
  data: Record<string, unknown>
  version: number | string
  update_time: number | string
}

/** The stored document of a row. */
export function toDoc(row: DocRow): StoredDoc {
  return {
    id: row.id,
    data: row.data,
    version: Number(row.version),
    updateTime: Number(row.update_time),
  }
}

/** Candidates of a query: at least every document of the collection that matches it. */
export async function scanRows(
  db: SqlExecutor,
  projectId: string,
  query: QuerySpec,
): Promise<StoredDoc[]> {
  const rows = await db.query<DocRow>(
    `select id, data, version, update_time from metal_docs where project = $1 and collection = $2`,
    [projectId, query.collection],
  )
  return rows.map(toDoc)
}
