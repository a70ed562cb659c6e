import { MetalError } from '../errors.js'
import { LiveView } from '../engine/liveView.js'
import { compileQuery, type QuerySpec } from '../engine/querySpec.js'
import type { DocumentCache } from './documentCache.js'
import type { Link } from './link.js'
import type { LocalDoc } from './overlay.js'

// One-time reads (`get()`), answered by the backend or by the local cache, as `source` says.
// What the backend returns is kept in the cache as recently seen, for later offline reads.

/** Where a one-time read may answer from (`get({ source })`, as in Firestore). */
export type GetSource = 'default' | 'server' | 'cache'

/** A one-time query result, and whether it came from the local cache. */
export interface OneTimeResult {
  readonly docs: LocalDoc[]
  readonly fromCache: boolean
}

/** What reads need of the connection. */
export type ReadLink = Pick<Link, 'status' | 'request'>

const useCache = (link: ReadLink, source: GetSource): boolean =>
  source === 'cache' || (source === 'default' && link.status === 'offline')

/**
 * Reads one document, with pending local writes on top. `default` asks the backend, or the
 * cache while offline (a request the connection then loses fails `unavailable`); `server` only
 * asks the backend; `cache` only looks in the cache, and fails `unavailable` for a document it
 * does not hold (a known deletion reads as not existing).
 */
export async function readDoc(
  docs: DocumentCache,
  link: ReadLink,
  collection: string,
  id: string,
  source: GetSource,
): Promise<{ doc: LocalDoc | null; fromCache: boolean }> {
  if (useCache(link, source)) {
    const known = docs.known(collection, id)
    if (known !== undefined) return { doc: known, fromCache: true }
    const why = source === 'cache' ? '' : ' (offline)'
    throw new MetalError(
      'unavailable',
      `get(): '${collection}/${id}' is not in the local cache${why}`,
    )
  }
  const before = docs.get(collection, id)?.remote
  const { doc } = await link.request({ type: 'get', collection, id })
  // No other news of it while the read was under way: the answer replaces what was cached.
  docs.remember(collection, id, doc, docs.get(collection, id)?.remote === before)
  return { doc: docs.withPending(collection, id, doc), fromCache: false }
}

/**
 * Runs a query once, with pending local writes on top; `source` as in {@link readDoc}. From the
 * cache it runs over every cached document of the collection.
 */
export async function runQuery(
  docs: DocumentCache,
  link: ReadLink,
  spec: QuerySpec,
  source: GetSource,
): Promise<OneTimeResult> {
  if (useCache(link, source)) {
    const view = new LiveView<LocalDoc>(compileQuery(spec))
    view.reset(docs.localDocs(spec.collection))
    return { docs: view.window(), fromCache: true }
  }
  const result = await link.request({ type: 'query', query: spec })
  docs.rememberAll(spec.collection, result.docs)
  // The backend already skipped `offset` documents: locally only the limit applies.
  const view = new LiveView<LocalDoc>(compileQuery({ ...spec, offset: 0 }))
  view.reset(docs.withPendingAll(spec.collection, result.docs))
  return { docs: view.window(), fromCache: false }
}
