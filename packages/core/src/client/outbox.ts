import { MetalError, isTransient } from '../errors.js'
import { FieldValue, type FieldValueKind } from '../engine/fieldValues.js'
import { pathKey } from './pathKey.js'
import type { Settled } from './conflicts.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { KeyValueStorage } from './storage.js'
import type { BackendResponses } from '../protocol/backend.js'
import type { SyncConfig } from './syncConfig.js'

/** One queued batch of writes, sent as one atomic commit. */
export interface OutboxEntry {
  /** Mutation id: the backend applies it once however often it is sent. */
  readonly id: string
  /** The writes as made (what the local overlay shows). */
  readonly original: readonly Write[]
  /** What will be sent (conflict resolution may rewrite it). */
  writes: Write[]
  readonly createdAt: number
  /** The committed state of each written document when the batch was made (path key -> doc). */
  readonly bases: Map<string, StoredDoc | null | undefined>
  /** Made while offline: checked for conflicts when replayed. */
  readonly offline: boolean
  attempts: number
  conflictRounds: number
  stalled: boolean
  sending: boolean
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
}

export { pathKey }

const DEFAULT_MAX_RETRIES = 3

function reviveSentinels(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '$metal' in value) {
    const v = value as { $metal: FieldValueKind; operand?: unknown }
    return new FieldValue(v.$metal, v.operand)
  }
  return value
}

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
  private persistChain: Promise<void> = Promise.resolve()

  constructor(
    private readonly host: OutboxHost,
    private readonly clientId: string,
    private readonly storage: KeyValueStorage | null,
    private readonly storageKey: string,
  ) {}

  /** True when queued writes survive a reload. */
  get persistent(): boolean {
    return this.storage !== null
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

  /** Loads batches persisted by an earlier session (they go first, in their order). */
  async load(): Promise<OutboxEntry[]> {
    if (!this.storage) return []
    let text: string | null | undefined
    try {
      text = await this.storage.getItem(this.storageKey)
    } catch {
      return []
    }
    if (!text) return []
    let saved: {
      id: string
      writes: Write[]
      createdAt: number
      /** `[key]`: unknown base; `[key, null]`: the document did not exist. */
      bases: ([string] | [string, StoredDoc | null])[]
      offline: boolean
    }[]
    try {
      saved = JSON.parse(text, reviveSentinels) as typeof saved
    } catch {
      return []
    }
    const known = new Set(this.entries.map((e) => e.id))
    const loaded: OutboxEntry[] = saved
      .filter((s) => !known.has(s.id))
      .map((s) => ({
        id: s.id,
        original: s.writes,
        writes: [...s.writes],
        createdAt: s.createdAt,
        bases: new Map(s.bases.map(([k, v]) => [k, v])),
        offline: s.offline,
        attempts: 0,
        conflictRounds: 0,
        stalled: false,
        sending: false,
      }))
    this.entries.unshift(...loaded)
    return loaded
  }

  private remove(entry: OutboxEntry): void {
    const i = this.entries.indexOf(entry)
    if (i >= 0) this.entries.splice(i, 1)
    this.persist()
  }

  private persist(): void {
    const storage = this.storage
    if (!storage) return
    const data = JSON.stringify(
      this.entries.map((e) => ({
        id: e.id,
        writes: e.writes,
        createdAt: e.createdAt,
        // JSON has no undefined: an unknown base is stored without a value, unlike null.
        bases: [...e.bases].map(([k, v]) => (v === undefined ? [k] : [k, v])),
        offline: e.offline,
      })),
    )
    // Writes to storage are chained so an older snapshot never lands after a newer one.
    this.persistChain = this.persistChain
      .then(() =>
        this.entries.length
          ? storage.setItem(this.storageKey, data)
          : storage.removeItem(this.storageKey),
      )
      .catch((error: unknown) => console.warn('Metal: could not persist queued writes:', error))
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
