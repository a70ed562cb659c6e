import type { MetalError } from '../errors.js'
import type { Metal } from '../metal.js'
import type { Unsubscribe } from '../types.js'

/** A subscription of a query or document: delivers snapshots, returns its unsubscribe. */
type Subscribe<S> = (next: (snapshot: S) => void, error: (error: MetalError) => void) => Unsubscribe

/**
 * Subscribes with `subscribe`, and keeps `hasPendingWrites` current. The store calls listeners
 * when data changes, not when a commit only clears the pending flag; so while the latest
 * snapshot has pending writes, each change of the client's write queue takes a fresh first
 * snapshot from a second listener on the same query (shared: nothing is sent to the backend)
 * and drops the first listener.
 */
export function followPending<S extends { readonly hasPendingWrites: boolean }>(
  metal: Metal,
  collection: string,
  subscribe: Subscribe<S>,
  next: (snapshot: S) => void,
  error: (error: MetalError) => void,
): Unsubscribe {
  const store = metal.db().collection(collection).internalStore
  let closed = false
  let unwatch: Unsubscribe | undefined
  const deliver = (snapshot: S) => {
    if (closed) return
    next(snapshot)
    if (!snapshot.hasPendingWrites) {
      unwatch?.()
      unwatch = undefined
    } else
      unwatch ??= store.onSyncEvent((event) => {
        if (event.type === 'status') return
        const before = stop
        stop = subscribe(deliver, error)
        before()
      })
  }
  let stop = subscribe(deliver, error)
  return () => {
    closed = true
    unwatch?.()
    stop()
  }
}
