import {
  liveQueryRegistry,
  type AbortSignalLike,
  type QueryClientLike,
} from './liveQueryRegistry.js'
import { metalQueryKey } from './queryKey.js'
import { LIVE, resolveQuery, type MetalQueryBuilder } from './queryOptions.js'
import type { Metal } from '../metal.js'
import type { DocumentData } from '../types.js'

/**
 * Options for a live count of a query's result (`number`), fed by `subscribeCount()`: spread
 * into `useQuery`, or pass to `queryClient.prefetchQuery`. The backend keeps the count as
 * documents are written, so no row is read or held to show a total. Its key is the query's key
 * marked `{ count: true }`, so it never shares a cache entry with the rows.
 */
export function metalCountOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string,
  build?: MetalQueryBuilder<T>,
  call = 'metalCountOptions()',
) {
  const query = resolveQuery(call, metal, collection, build)
  const queryKey = metalQueryKey(metal.projectId, query.spec, { count: true })
  const entry = () =>
    liveQueryRegistry(client).entry<number>(queryKey, (next, error) =>
      query.subscribeCount(next, error),
    )
  entry()
  return {
    ...LIVE,
    queryKey,
    queryFn: ({ signal }: { signal?: AbortSignalLike }) => entry().fetch(signal),
  }
}
