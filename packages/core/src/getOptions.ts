import { describe, invalidArgument } from './errors.js'
import type { GetSource } from './client/store.js'

export type { GetSource } from './client/store.js'

/** Options of `get()` on documents and queries (Firestore's `GetOptions`). */
export interface GetOptions {
  /**
   * Where to read: `'default'` asks the backend, or reads the local cache while offline; `'server'` only asks the backend (`unavailable` offline); `'cache'` only reads the
   * local cache (a document it does not hold fails `unavailable`).
   * @default 'default'
   */
  source?: GetSource
}

const SOURCES: readonly unknown[] = ['default', 'server', 'cache']

/** The checked `source` of `get(options)`. */
export function getSource(call: string, options: unknown): GetSource {
  if (options === undefined) return 'default'
  if (typeof options !== 'object' || options === null)
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  const { source = 'default' } = options as GetOptions
  if (!SOURCES.includes(source))
    throw invalidArgument(
      call,
      `option 'source' must be 'default', 'server' or 'cache', got ${describe(source)}`,
    )
  return source
}
