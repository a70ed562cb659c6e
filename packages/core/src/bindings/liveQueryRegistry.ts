import { MetalError } from '../errors.js'
import { isPermanent } from './bindingDefaults.js'
import { hashQueryKey } from './queryKey.js'
import type { Unsubscribe } from '../types.js'

// ─── The TanStack Query surface this module uses ────────────────────────────────────────────
// Typed structurally so that core depends on no framework: every TanStack adapter (React, Vue,
// Solid, Svelte) hands over the same query-core QueryClient, which satisfies these shapes.

/** The part of a TanStack `Query` (a cache entry) that the registry reads. */
export interface CachedQuery {
  readonly queryKey: readonly unknown[]
  readonly state: { readonly fetchStatus: string }
  /** True while an enabled observer (a mounted hook) watches the entry. */
  isActive(): boolean
  /** Runs the entry's query function again, through TanStack's retry and error handling. */
  fetch(): Promise<unknown>
}

/** A TanStack `QueryCache` notification, as far as the registry reads it. */
export interface QueryCacheEvent {
  readonly type: string
  readonly query: CachedQuery
}

/** The part of a TanStack `QueryClient` that the registry uses. */
export interface QueryClientLike {
  getQueryCache(): {
    subscribe(listener: (event: QueryCacheEvent) => void): () => void
    find(filters: { queryKey: readonly unknown[]; exact: true }): CachedQuery | undefined
  }
  setQueryData(queryKey: readonly unknown[], updater: (cached: unknown) => unknown): unknown
}

/** The abort signal TanStack hands a query function. */
export interface AbortSignalLike {
  readonly aborted: boolean
  readonly reason?: unknown
  addEventListener(type: 'abort', listener: () => void): void
}

// ─── Entries ────────────────────────────────────────────────────────────────────────────────

/** Something live that feeds a cache entry: a Metal query or document subscription. */
export type LiveSource<V> = (
  next: (value: V) => void,
  error: (error: MetalError) => void,
) => Unsubscribe

/** Writes a value from the source into the cached data (the default replaces it). */
export type LiveMerge<V> = (cached: unknown, value: V) => unknown

/**
 * Calls `onChange` after each change of whatever a failed subscription may have been refused
 * for (the client's session); the first call, if made during the subscribe, is ignored.
 */
export type LiveRestart = (onChange: () => void) => Unsubscribe

/** How a live entry is fed: its source, how values land in the cache, and what may mend a failure. */
export interface LiveEntryOptions<V> {
  /** Writes each value into the cached data. @default replaces it */
  merge?: LiveMerge<V>
  /** Lets a failed entry try again when the session changes. @default never */
  restart?: LiveRestart
}

interface Waiter<V> {
  resolve(value: V): void
  reject(error: unknown): void
}

const replace = <V>(_: unknown, value: V): V => value

/**
 * One cache entry fed by one Metal subscription. The subscription is open while an enabled
 * observer watches the entry or a query function waits for a first result, and closes a
 * microtask after neither is true, so a component remounted within one commit keeps it.
 *
 * A failure is final: observers coming and going (a re-render, a remount) do not open the
 * subscription again. Only the query function does (a `refetch()`, TanStack's retry of a
 * transient failure, or a new observer of an entry with no data), or a change of session.
 */
export class LiveEntry<V> {
  private stop: Unsubscribe | undefined
  private value: V | undefined
  private has = false
  private wanted = false
  private dirty = false
  private closing = false
  /** The last failure, until the query function or a session change tries again. */
  private failure: MetalError | undefined
  /** A failure of a live subscription, handed to the next query function run. */
  private report: MetalError | undefined
  private stopRestart: Unsubscribe | undefined
  private readonly waiters = new Set<Waiter<V>>()
  private readonly merge: LiveMerge<V>

  /** @internal */
  constructor(
    private readonly client: QueryClientLike,
    /** The cache key this entry feeds. */ readonly key: readonly unknown[],
    private readonly source: LiveSource<V>,
    private readonly options: LiveEntryOptions<V> = {},
  ) {
    this.merge = options.merge ?? replace
  }

  /** True while a Metal subscription feeds the entry. */
  get live(): boolean {
    return this.stop !== undefined
  }

  /**
   * The query function: the current value while live, else the first value of a subscription
   * opened for it. Resolving the fetch is how the first value reaches the cache, so it is not
   * also written with `setQueryData` (it would be delivered twice).
   */
  fetch(signal?: AbortSignalLike): Promise<V> {
    const report = this.report
    this.report = undefined
    // A live subscription broke: its error reaches TanStack through this run, whose retry
    // policy decides whether to try again.
    if (report) return Promise.reject(report)
    this.failure = undefined
    this.unwatchRestart()
    if (this.stop && this.has) return Promise.resolve(this.value as V)
    return new Promise<V>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const waiter: Waiter<V> = { resolve, reject }
      this.waiters.add(waiter)
      // TanStack aborts when the last observer leaves mid-fetch; stop waiting and let go.
      signal?.addEventListener('abort', () => {
        if (!this.waiters.delete(waiter)) return
        reject(signal.reason)
        this.release()
      })
      this.open()
    })
  }

  /** @internal Called on observer changes with whether an enabled observer is left. */
  observe(wanted: boolean): void {
    this.wanted = wanted
    if (!wanted) {
      this.unwatchRestart()
      this.release()
    } else if (this.failure) this.watchRestart()
    else this.open()
  }

  /** @internal Called when the entry stops fetching: writes values that arrived meanwhile. */
  settled(): void {
    if (!this.dirty) return
    this.dirty = false
    if (this.has) this.write()
  }

  /** @internal Called when the entry leaves the cache. */
  dispose(): void {
    this.wanted = false
    this.unwatchRestart()
    const waiters = [...this.waiters]
    this.waiters.clear()
    this.close()
    for (const w of waiters)
      w.reject(new MetalError('aborted', 'the query was removed from the cache while loading'))
  }

  private open(): void {
    if (this.stop) return
    try {
      this.stop = this.source(
        (value) => this.next(value),
        (error) => this.fail(error),
      )
    } catch (error) {
      this.fail(error instanceof MetalError ? error : new MetalError('internal', String(error)))
    }
  }

  private next(value: V): void {
    this.value = value
    this.has = true
    if (this.waiters.size > 0) {
      const waiters = [...this.waiters]
      this.waiters.clear()
      for (const w of waiters) w.resolve(value)
      this.release()
      return
    }
    const query = this.client.getQueryCache().find({ queryKey: this.key, exact: true })
    if (!query) return
    // A fetch in flight would overwrite this write with the older value it resolves with, so
    // the newest value is written once the fetch has settled instead.
    if (query.state.fetchStatus !== 'idle') this.dirty = true
    else this.write()
  }

  private write(): void {
    const value = this.value as V
    this.client.setQueryData(this.key, (cached) => this.merge(cached, value))
  }

  private fail(error: MetalError): void {
    this.stop = undefined
    this.has = false
    this.value = undefined
    this.failure = error
    if (this.waiters.size > 0) {
      const waiters = [...this.waiters]
      this.waiters.clear()
      for (const w of waiters) w.reject(error)
    } else if (this.wanted) {
      // A live subscription broke while watched: run the query function again. A failure no
      // retry can mend is handed to it to reject with (no listen is sent for nothing); any
      // other resubscribes, under TanStack's retry policy.
      if (isPermanent(error)) this.report = error
      this.refetch()
    }
    if (this.wanted) this.watchRestart()
  }

  private refetch(): void {
    this.client
      .getQueryCache()
      .find({ queryKey: this.key, exact: true })
      ?.fetch()
      .catch(() => {})
  }

  /** While failed and watched, a session change runs the query function once more. */
  private watchRestart(): void {
    const restart = this.options.restart
    if (this.stopRestart || !restart) return
    let subscribing = true
    const stop = restart(() => {
      if (subscribing || !this.failure) return
      this.unwatchRestart()
      if (this.wanted) this.refetch()
    })
    subscribing = false
    this.stopRestart = stop
  }

  private unwatchRestart(): void {
    const stop = this.stopRestart
    this.stopRestart = undefined
    stop?.()
  }

  private release(): void {
    if (this.closing) return
    this.closing = true
    queueMicrotask(() => {
      this.closing = false
      if (!this.wanted && this.waiters.size === 0) this.close()
    })
  }

  private close(): void {
    const stop = this.stop
    this.stop = undefined
    this.has = false
    this.value = undefined
    this.dirty = false
    stop?.()
  }
}

// ─── Registry ───────────────────────────────────────────────────────────────────────────────

/**
 * The live entries of one QueryClient. It follows the client's query cache: an entry's Metal
 * subscription opens with the query's first enabled observer, closes after the last one is gone,
 * and the entry is dropped when TanStack removes the query (after `gcTime`). Data stays cached
 * in between, so a remount shows the last result at once and resubscribes for fresh data, even
 * with `staleTime: Infinity`.
 */
export class LiveQueryRegistry {
  private readonly entries = new Map<string, LiveEntry<unknown>>()
  private readonly hashes = new WeakMap<readonly unknown[], string>()

  /** @internal Use {@link liveQueryRegistry}, which keeps one registry per client. */
  constructor(private readonly client: QueryClientLike) {
    client.getQueryCache().subscribe((event) => this.onEvent(event))
  }

  /**
   * The entry for `key`, created on first use with `source` (the first registration wins: equal
   * keys describe the same data). `options.merge` writes each value into the cached data.
   */
  entry<V>(
    key: readonly unknown[],
    source: LiveSource<V>,
    options?: LiveEntryOptions<V>,
  ): LiveEntry<V> {
    const hash = this.hashOf(key)
    let entry = this.entries.get(hash) as LiveEntry<V> | undefined
    if (!entry) {
      entry = new LiveEntry(this.client, key, source, options)
      this.entries.set(hash, entry as LiveEntry<unknown>)
      // Observers may already watch a query whose entry was never made here (hydrated data).
      if (this.client.getQueryCache().find({ queryKey: key, exact: true })?.isActive())
        entry.observe(true)
    }
    return entry
  }

  /** True while a Metal subscription feeds `key`. */
  isLive(key: readonly unknown[]): boolean {
    return this.entries.get(this.hashOf(key))?.live ?? false
  }

  private hashOf(key: readonly unknown[]): string {
    let hash = this.hashes.get(key)
    if (hash === undefined) this.hashes.set(key, (hash = hashQueryKey(key)))
    return hash
  }

  private onEvent(event: QueryCacheEvent): void {
    const { type, query } = event
    if (type === 'added' || type === 'observerResultsUpdated' || query.queryKey[0] !== 'metal')
      return
    const hash = this.hashOf(query.queryKey)
    const entry = this.entries.get(hash)
    if (!entry) return
    if (type === 'removed') {
      this.entries.delete(hash)
      entry.dispose()
    } else if (type === 'updated') {
      if (query.state.fetchStatus === 'idle') entry.settled()
    } else {
      // observerAdded, observerRemoved, observerOptionsUpdated (enabled may have changed)
      entry.observe(query.isActive())
    }
  }
}

const registries = new WeakMap<QueryClientLike, LiveQueryRegistry>()

/** The live-query registry of a TanStack QueryClient (one per client, made on first use). */
export function liveQueryRegistry(client: QueryClientLike): LiveQueryRegistry {
  let registry = registries.get(client)
  if (!registry) registries.set(client, (registry = new LiveQueryRegistry(client)))
  return registry
}
