import type { MetalRow } from './rows.js'

// A document's pending state read from the query cache, so a hook can expose it whatever its
// `select` makes of the row.

/** The part of a TanStack `QueryClient` a pending view reads. */
export interface PendingCache {
  getQueryCache(): {
    subscribe(listener: () => void): () => void
    find(filters: {
      queryKey: readonly unknown[]
      exact: true
    }): { readonly state: { readonly data?: unknown } } | undefined
  }
}

/** The pending state of the document a binding shows. */
export interface PendingView {
  /** True while the document has a write of this client that the backend has not committed. */
  readonly hasPendingWrites: boolean
  /** Calls `onChange` whenever the cache changes (the state may have); returns the unsubscribe. */
  subscribe(onChange: () => void): () => void
}

/**
 * The pending state of the live document cached under `queryKey()` (read each time, so a
 * binding whose document changes passes a getter). A document that does not exist, or is not
 * cached yet, has nothing pending.
 */
export function docPendingView(
  client: PendingCache,
  queryKey: () => readonly unknown[],
): PendingView {
  const cache = client.getQueryCache()
  return {
    get hasPendingWrites() {
      const row = cache.find({ queryKey: queryKey(), exact: true })?.state.data as
        MetalRow<unknown> | null | undefined
      return row?.hasPendingWrites === true
    },
    subscribe: (onChange) => cache.subscribe(onChange),
  }
}
