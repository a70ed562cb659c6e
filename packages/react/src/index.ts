'use client'
// The hooks subscribe in effects and read context, so they run in client components only; the
// directive lets a Next.js App Router server component import them (and render them on the
// client) without a `'use client'` file of its own.
export { MetalProvider, useMetal } from './MetalProvider.js'
export type { MetalProviderProps } from './MetalProvider.js'
export { useMetalQuery } from './useMetalQuery.js'
export type { UseMetalQueryOptions } from './useMetalQuery.js'
export { useMetalCount } from './useMetalCount.js'
export type { UseMetalCountOptions } from './useMetalCount.js'
export { useSuspenseMetalQuery } from './useSuspenseMetalQuery.js'
export type { UseSuspenseMetalQueryOptions } from './useSuspenseMetalQuery.js'
export { useMetalDoc } from './useMetalDoc.js'
export type { UseMetalDocOptions, UseMetalDocResult } from './useMetalDoc.js'
export { useMetalMutation } from './useMetalMutation.js'
export type {
  MetalWriters,
  UseMetalMutationOptions,
  UseMetalMutationResult,
} from './useMetalMutation.js'
export { useMetalPaginatedQuery } from './useMetalPaginatedQuery.js'
export type { MetalPagesData, UseMetalPaginatedQueryOptions } from './useMetalPaginatedQuery.js'
export { useMetalPresence } from './useMetalPresence.js'
export type { UseMetalPresenceOptions, UseMetalPresenceResult } from './useMetalPresence.js'
export { useMetalAuth } from './useMetalAuth.js'
export type { UseMetalAuthResult } from './useMetalAuth.js'
export { useMetalSync } from './useMetalSync.js'
export type { UseMetalSyncOptions, UseMetalSyncResult } from './useMetalSync.js'
export {
  metalQueryOptions,
  metalDocOptions,
  metalPaginatedQueryOptions,
} from '@metal/core/bindings'
export type { PresenceSnapshot, SyncSnapshot } from '@metal/core/bindings'
export type {
  MetalCursor,
  MetalPageParam,
  MetalPaginationMode,
  MetalPaginationOptions,
  MetalQueryBuilder,
  MetalQuerySource,
  MetalRow,
  MetalWrite,
} from '@metal/core/bindings'
