import { MetalError } from '../errors.js'

// The policy every framework binding shares, decided once: what is retried, what stays on
// screen while a query changes, how results are shared between renders, and page sizes. The
// React and Vue adapters spread these and add only reactivity.

/** Failure codes a retry cannot fix: a refused permission, a bad query, a missing document. */
export const PERMANENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid-argument',
  'not-found',
  'already-exists',
  'permission-denied',
  'unauthenticated',
  'failed-precondition',
])

/** True for a failure that retrying cannot fix (see {@link PERMANENT_ERROR_CODES}). */
export function isPermanent(error: unknown): boolean {
  return error instanceof MetalError && PERMANENT_ERROR_CODES.has(error.code)
}

/** How many times a live query retries a transient failure. */
export const MAX_RETRIES = 3

/**
 * Retry policy of live queries: up to 3 retries, none for failures that retrying cannot fix
 * (a denied permission, a bad query).
 */
export function retryTransient(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && !isPermanent(error)
}

/**
 * Placeholder data of a query whose inputs changed: the previous result, shown until the new
 * one arrives (TanStack's `keepPreviousData`, without depending on TanStack).
 */
export function keepPreviousData<D>(previous: D | undefined): D | undefined {
  return previous
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)

/**
 * Structural sharing for Metal results: like TanStack's default it keeps the previous object
 * where nothing changed (so `select` and memoised views skip work), but frozen objects (rows and
 * document data, which the store already shares when unchanged) are compared by identity and
 * never copied, so a changed row stays the frozen row with its `hasPendingWrites`.
 */
export function shareResults(previous: unknown, next: unknown): unknown {
  if (previous === next || Object.isFrozen(next) || Object.isFrozen(previous)) return next
  const arrays = Array.isArray(previous) && Array.isArray(next)
  if (!arrays && !(isPlainObject(previous) && isPlainObject(next))) return next
  const before = previous as Record<string, unknown>
  const after = next as Record<string, unknown>
  const keys = Object.keys(after)
  let same = keys.length === Object.keys(before).length
  const out: Record<string, unknown> = arrays ? ([] as unknown as Record<string, unknown>) : {}
  for (const key of keys) {
    const value = shareResults(before[key], after[key])
    out[key] = value
    if (value !== before[key] || !(key in before)) same = false
  }
  return same ? previous : out
}

/**
 * Query defaults of every live entry: the subscription keeps it fresh (`staleTime: Infinity`),
 * Metal handles being offline (`networkMode: 'always'`), lasting failures are not retried, and
 * results are shared with {@link shareResults}.
 */
export const LIVE_QUERY_DEFAULTS = {
  staleTime: Infinity,
  networkMode: 'always',
  retry: retryTransient,
  structuralSharing: shareResults,
} as const

/** Rows per page of a paginated query when no `pageSize` is given. */
export const DEFAULT_PAGE_SIZE = 20

/** Mutation defaults: Metal queues writes while offline, so mutations run at once. */
export const MUTATION_DEFAULTS = { networkMode: 'always' } as const
