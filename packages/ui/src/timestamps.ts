import { serverTimestamp, type DocumentData } from '@metal/core'
import { invalid } from './data-table/dataTable.check.js'

/**
 * Fields a bound component stamps with the server's time whenever it writes, so a table can
 * sort "newest first" and show when a row last changed without the app writing them itself.
 */
export interface WriteTimestamps {
  /** Set to the server's time when a document is created, e.g. `'createdAt'`. */
  createdAt?: string
  /** Set to the server's time when a document is created or changed, e.g. `'updatedAt'`. */
  updatedAt?: string
}

const FIELD = /^[^.~*/[\]]+$/

/** Checks a `timestamps` option: field names without dots, when given. */
export function checkTimestamps(call: string, value: unknown): WriteTimestamps | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(call, 'timestamps', 'an object { createdAt?, updatedAt? }', value)
  }
  for (const key of Object.keys(value)) {
    if (key !== 'createdAt' && key !== 'updatedAt') {
      throw invalid(call, 'timestamps', 'an object with createdAt and updatedAt only', key)
    }
    const field = (value as Record<string, unknown>)[key]
    if (field !== undefined && (typeof field !== 'string' || !FIELD.test(field))) {
      throw invalid(call, `timestamps.${key}`, 'a top-level field name', field)
    }
  }
  return value as WriteTimestamps
}

/** `data` of a new document with its creation and update stamps added. */
export function stampCreated(
  timestamps: WriteTimestamps | undefined,
  data: DocumentData,
): DocumentData {
  if (!timestamps) return data
  const stamped: DocumentData = { ...data }
  if (timestamps.createdAt) stamped[timestamps.createdAt] = serverTimestamp()
  if (timestamps.updatedAt) stamped[timestamps.updatedAt] = serverTimestamp()
  return stamped
}

/** An update of an existing document with its update stamp added. */
export function stampUpdated(
  timestamps: WriteTimestamps | undefined,
  change: DocumentData,
): DocumentData {
  if (!timestamps?.updatedAt) return change
  return { ...change, [timestamps.updatedAt]: serverTimestamp() }
}
