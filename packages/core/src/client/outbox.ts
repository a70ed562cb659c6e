import { MetalError, isTransient } from '../errors.js'
import { OutboxStorage, type LockManagerLike } from './outboxStorage.js'
import { encodeQueue, type QueuedBatch } from './queueCodec.js'
import { pathKey } from './pathKey.js'
import type { Settled } from './conflicts.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { KeyValueStorage } from './storage.js'
import type { BackendResponses } from '../protocol/backend.js'
import type { SyncConfig } from './syncConfig.js'

/** One queued batch of writes, sent as one atomic commit; `settle` is its caller's promise. */
export interface OutboxEntry extends QueuedBatch {
  settle?: { resolve(): void; reject(error: MetalError): void; local: boolean }
}

/** What the outbox needs from the store. */
export interface OutboxHost {
  request(message: {
    type: 'commit'
    writes: Write[]
    mutationId: string
  }): Promise<BackendResponses['commit']>
  getRemote(collection: string, id: string): Promise<StoredDoc | null>
  online(): boolean
  config(collection: string): SyncConfig | undefined
  committed(entry: OutboxEntry, response: BackendResponses['commit']): void
  /** Drops the entry's local effects; `adopt` are remote states learned while settling conflicts. */
  abandoned(
    entry: OutboxEntry,
    error: MetalError | null,
    adopt: { collection: string; doc: StoredDoc }[],
    gone: { collection: string; id: string; version: number }[],
  ): void
  failed(entry: OutboxEntry, error: MetalError): void
  changed(): void
  /** Batches of a tab that closed, taken into this queue after the start (not from `load()`). */
  adopted?(entries: OutboxEntry[]): void
  /** A stored queue could not be read; it is left as it is. @default console.error */
  unreadable?(error: MetalError): void
}

export { pathKey }

const DEFAULT_MAX_RETRIES = 3

/**
 * The ordered queue of writes not yet committed. Online writes are pipelined; writes made
 * offline are replayed one batch at a time, in order, each with its mutation id (so a resend is
 * applied once), checked against the version they were made on, and conflicts settled by the
 * collection's sync strategy. Transient failures keep the write queued; permanent ones roll it
 * back.
 */
export class Outbox {
  readonly entries: OutboxEntry[] = []
  private seq = 0
  private readonly stored: OutboxStorage | null
  private readonly loaded: OutboxEntry[] = []
  private starting = true

  /**
   * Starts reading the stored queue at once (see {@link OutboxStorage}): `storageKey` is the
   * project's key, `locks` the Web Locks that tell live tabs from closed ones (without them: one
   * queue per storage).
   */
  constructor(
    private readonly host: OutboxHost,
    private readonly clientId: string,
    storage: KeyValueStorage | null,
    storageKey: string,
    locks: LockManagerLike | null = null,
  ) {
    this.stored = storage
      ? new OutboxStorage(
          storage,
          storageKey,
          clientId,
          {
            take: (entries) => this.take(entries),
            unreadable: (error) =>
              host.unreadable
                ? host.unreadable(error)
                : console.error('Metal: queued writes could not be read:', error),
          },
          locks,
        )
      : null
    void this.stored?.started.then(() => (this.starting = false))
  }

  /** True when queued writes survive a reload. */
  get persistent(): boolean {
    return this.stored !== null && !this.stored.blocked
  }

  /** Queues a batch; returns its entry. */
  add(
    writes: readonly Write[],
    bases: Map<string, StoredDoc | null | undefined>,
    offline: boolean,
  ): OutboxEntry {
    const entry: OutboxEntry = {
      id: `${this.clientId}-${++this.seq}`,
      original: writes,
      writes: [...writes],
      createdAt: Date.now(),
      bases,
      offline,
      attempts: 0,
      conflictRounds: 0,
      stalled: false,
      sending: false,
    }
    this.entries.push(entry)
    this.persist()
    return entry
  }

  /** Number of queued writes touching `collection`. */
  count(collection: string): number {
    let n = 0
    for (const e of this.entries) for (const w of e.original) if (w.collection === collection) n++
    return n
  }

  /** Sends what can be sent now. */
  pump(): void {
    if (!this.host.online()) return
    let offlineInFlight = false
    for (const entry of this.entries) {
      if (entry.stalled) break // keep order: later writes wait behind a stalled one
      if (entry.sending) {
        if (entry.offline) offlineInFlight = true
        if (offlineInFlight) break
        continue
      }
      if (entry.offline && this.entries.some((e) => e !== entry && e.sending)) break
      this.send(entry)
      if (entry.offline) break // replay offline batches one at a time
    }
  }

  /** Un-stalls every entry and sends again. */
  retry(): void {
    for (const e of this.entries) {
      e.stalled = false
      e.attempts = 0
      e.conflictRounds = 0
    }
    this.pump()
  }

  /**
   * Resolves to the batches of earlier sessions found at start (this client's stored queue, or
   * the queues of closed tabs), merged into the queue by time. Batches of tabs that close later
   * go to `host.adopted`.
   */
  async load(): Promise<OutboxEntry[]> {
    await this.stored?.started
    return this.loaded
  }

  /** Stops taking other tabs' queues and lets the last writes to storage land. */
  close(): Promise<void> {
    return this.stored?.close() ?? Promise.resolve()
  }

  /** Merges stored batches of another session into the queue and stores it. */
  private async take(stored: QueuedBatch[]): Promise<boolean> {
    const { mergeByTime } = await import('./queueDecode.js') // loaded already, to read `stored`
    const known = new Set(this.entries.map((e) => e.id))
    const fresh = stored.filter((e) => !known.has(e.id))
    mergeByTime(this.entries, fresh)
    if (this.starting) this.loaded.push(...fresh)
    else if (fresh.length) this.host.adopted?.(fresh)
    return this.store()
  }

  private remove(entry: OutboxEntry): void {
    const i = this.entries.indexOf(entry)
    if (i >= 0) this.entries.splice(i, 1)
    this.persist()
  }

  private persist(): void {
    void this.store()
  }

  /** Stores the queue as it is now (writes land in order); resolves to true once stored. */
  private store(): Promise<boolean> {
    if (!this.stored) return Promise.resolve(false)
    return this.stored.save(this.entries.length ? encodeQueue(this.entries) : null)
  }

  /** The writes to send: offline batches carry the version each document was read at. */
  private outgoing(entry: OutboxEntry): Write[] {
    if (!entry.offline) return entry.writes
    const seen = new Set<string>()
    return entry.writes.map((w) => {
      const key = pathKey(w.collection, w.id)
      if (seen.has(key) || !this.host.config(w.collection) || !entry.bases.has(key)) return w
      seen.add(key)
      const base = entry.bases.get(key)
      if (base === undefined) return w
      const precondition = base === null ? { exists: false } : { version: base.version }
      return { ...w, precondition: { ...w.precondition, ...precondition } } as Write
    })
  }

  private send(entry: OutboxEntry): void {
    entry.sending = true
    this.host.changed()
    this.host.request({ type: 'commit', writes: this.outgoing(entry), mutationId: entry.id }).then(
      (response) => {
        entry.sending = false
        this.remove(entry)
        // Later batches were made on top of this one: their base is now what it committed.
        response.docs.forEach((doc, i) => {
          const w = entry.writes[i] as Write
          const key = pathKey(w.collection, w.id)
          for (const later of this.entries) if (later.bases.has(key)) later.bases.set(key, doc)
        })
        this.host.committed(entry, response)
        entry.settle?.resolve()
        this.host.changed()
        this.pump()
      },
      (error: unknown) => {
        const e = MetalError.is(error) ? error : new MetalError('internal', String(error))
        if ((e.code === 'aborted' || e.code === 'not-found') && entry.offline) {
          // Still `sending` while settling, so no pump resends the batch as it was meanwhile.
          void this.settleConflicts(entry, e.code === 'not-found' ? e : null).finally(() => {
            entry.sending = false
            this.pump()
          })
          return
        }
        entry.sending = false
        if (isTransient(e)) {
          entry.attempts++
          const max = Math.max(
            ...entry.original.map(
              (w) => this.host.config(w.collection)?.maxRetries ?? DEFAULT_MAX_RETRIES,
            ),
          )
          if (entry.attempts > max) {
            entry.stalled = true
            this.host.failed(
              entry,
              new MetalError(
                e.code,
                `${e.message} (gave up after ${entry.attempts} attempts; the write stays queued)`,
              ),
            )
          }
          this.host.changed()
          return // the link reconnects with backoff and pumps again
        }
        this.remove(entry)
        this.host.abandoned(entry, e, [], [])
        entry.settle?.reject(e)
        this.host.changed()
        this.pump()
      },
    )
  }

  /**
   * Fetches the remote state of each stale document and rewrites the batch per the strategy.
   * `notFound`: the refusal that may stand for a remote delete; when no document of the batch
   * changed remotely it was a real one, and the batch fails with it.
   */
  private async settleConflicts(entry: OutboxEntry, notFound: MetalError | null): Promise<void> {
    entry.conflictRounds++
    let adopt: Settled['adopt'] = []
    let gone: Settled['gone'] = []
    try {
      const { maybeDeletedRemotely, settleBatch } = await import('./conflicts.js')
      if (notFound && !maybeDeletedRemotely(entry, this.host, notFound)) throw notFound
      const { next, conflicts, ...settled } = await settleBatch(entry, this.host)
      adopt = settled.adopt
      gone = settled.gone
      if (notFound && conflicts === 0) throw notFound
      const max = Math.max(
        ...entry.original.map(
          (w) => this.host.config(w.collection)?.maxRetries ?? DEFAULT_MAX_RETRIES,
        ),
      )
      if (entry.conflictRounds > max) {
        entry.stalled = true
        this.host.failed(
          entry,
          new MetalError(
            'aborted',
            `sync: conflicts kept recurring for ${entry.conflictRounds} rounds; the write stays queued`,
          ),
        )
        return
      }
      entry.writes = next
      if (next.length === 0) {
        // Every document went to the server's side: nothing to send.
        this.remove(entry)
        this.host.abandoned(entry, null, adopt, gone)
        entry.settle?.resolve()
        this.host.changed()
        return
      }
      if (adopt.length || gone.length) this.host.abandoned(entry, null, adopt, gone)
      this.persist()
    } catch (error) {
      if (!isTransient(error)) {
        this.remove(entry)
        const e = MetalError.is(error) ? error : new MetalError('internal', String(error))
        this.host.abandoned(entry, e, adopt, gone)
        entry.settle?.reject(e)
        this.host.changed()
      }
    }
  }
}
