// Framework-neutral pieces the React and Vue bindings share, published as `@metal/core/bindings`.
// The policy (defaults, retry, keep-previous-data, presence ownership) lives here once; the
// framework adapters only add reactivity.
export {
  metalQueryKey,
  metalDocKey,
  converterKey,
  normaliseQuery,
  hashQueryKey,
} from './queryKey.js'
export type { MetalQueryKey, NormalisedQuery } from './queryKey.js'
export { toRow, toRows, storedData } from './rows.js'
export type { MetalRow } from './rows.js'
export { docPendingView } from './pendingView.js'
export type { PendingCache, PendingView } from './pendingView.js'
export { liveQueryRegistry } from './liveQueryRegistry.js'
export type {
  LiveEntry,
  LiveEntryOptions,
  LiveQueryRegistry,
  LiveRestart,
  AbortSignalLike,
  CachedQuery,
  LiveMerge,
  LiveSource,
  QueryCacheEvent,
  QueryClientLike,
} from './liveQueryRegistry.js'
export {
  DEFAULT_PAGE_SIZE,
  LIVE_QUERY_DEFAULTS,
  MAX_RETRIES,
  MUTATION_DEFAULTS,
  PERMANENT_ERROR_CODES,
  isPermanent,
  keepPreviousData,
  retryTransient,
  shareResults,
} from './bindingDefaults.js'
export { docArgs, isQuerySource, queryArgs, resolveDoc, resolveQuery } from './querySource.js'
export type { MetalDocSource, MetalQueryBuilder, MetalQuerySource } from './querySource.js'
export { metalQueryOptions, metalDocOptions } from './queryOptions.js'
export { metalCountOptions } from './countOptions.js'
export { metalPaginatedQueryOptions } from './paginatedQueryOptions.js'
export type {
  MetalCursor,
  MetalPageParam,
  MetalPages,
  MetalPaginationMode,
  MetalPaginationOptions,
} from './paginatedQueryOptions.js'
export { metalMutationOptions } from './mutationOptions.js'
export { runMetalWrite, metalWriters } from './writes.js'
export type { MetalWrite, MetalWriters } from './writes.js'
export { presenceTracker, presenceView, trackPresence, untrackPresence } from './presenceView.js'
export type { PresenceSnapshot, PresenceTracker, PresenceView } from './presenceView.js'
export { authView } from './authView.js'
export type { AuthSnapshot, AuthView } from './authView.js'
export { syncView } from './syncView.js'
export type { SyncSnapshot, SyncView } from './syncView.js'
export { valuesEqual } from '../engine/values.js'
