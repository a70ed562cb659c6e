import type { StoredDoc } from '@metal/core/engine'

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
