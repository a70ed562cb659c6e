import { liveQueryRegistry, type QueryClientLike } from './liveQueryRegistry.js'
import { metalQueryKey } from './queryKey.js'
import { liveOptions, sessionRestart } from './queryOptions.js'
import { resolveQuery, type MetalQueryBuilder, type MetalQuerySource } from './querySource.js'
import type { Metal } from '../metal.js'
import type { DocumentData } from '../types.js'

/**
 * Options for a live count of a query's result (`number`), fed by `subscribeCount()`: spread
 * into `useQuery`, or pass to `queryClient.prefetchQuery`. `collection` is a path narrowed by
 * `build`, or a typed collection reference or query of `metal`. The backend keeps the count as
 * documents are written, so no row is read or held to show a total; pending local writes are
 * not counted. Its key is the query's key marked `{ count: true }`, apart from the rows.
 */
export function metalCountOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string | MetalQuerySource<T>,
  build?: MetalQueryBuilder<T>,
  call = 'metalCountOptions()',
) {
  const query = resolveQuery(call, metal, collection, build)
  const queryKey = metalQueryKey(metal.projectId, query.spec, { count: true })
  return liveOptions(queryKey, () =>
    liveQueryRegistry(client).entry<number>(
      queryKey,
      (next, error) => query.subscribeCount(next, error),
      { restart: sessionRestart(metal) },
    ),
  )
}
