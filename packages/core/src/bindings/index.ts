// Framework-neutral pieces the React and Vue bindings share, published as `@metal/core/bindings`.
export { metalQueryKey, metalDocKey, normaliseQuery, hashQueryKey } from './queryKey.js'
export type { MetalQueryKey, NormalisedQuery } from './queryKey.js'
export { toRow, toRows } from './rows.js'
export type { MetalRow } from './rows.js'
export { liveQueryRegistry } from './liveQueryRegistry.js'
export type {
  LiveEntry,
  LiveQueryRegistry,
  AbortSignalLike,
  CachedQuery,
  LiveMerge,
  LiveSource,
  QueryCacheEvent,
  QueryClientLike,
} from './liveQueryRegistry.js'
export {
  metalQueryOptions,
  metalDocOptions,
  metalPaginatedQueryOptions,
  resolveQuery,
  retryTransient,
} from './queryOptions.js'
export type { MetalCursor, MetalPages, MetalQueryBuilder } from './queryOptions.js'
export { runMetalWrite, metalWriters } from './writes.js'
export type { MetalWrite, MetalWriters } from './writes.js'
export { presenceView, trackPresence, untrackPresence } from './presenceView.js'
export type { PresenceSnapshot, PresenceView } from './presenceView.js'
export { syncView } from './syncView.js'
export type { SyncSnapshot, SyncView } from './syncView.js'
export { valuesEqual } from '../engine/values.js'
