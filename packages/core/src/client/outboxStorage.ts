import { MetalError } from '../errors.js'
import type { QueuedBatch } from './queueCodec.js'
import type { KeyValueStorage } from './storage.js'
import type { TabQueues, TabsHost } from './outboxTabs.js'
import type { LockManagerLike } from '../platform.js'

export type { LockManagerLike } from '../platform.js'

// Where a client's queue of writes is stored. Without Web Locks (Node, React Native: one client
// per storage at a time) it is kept under the project's key `metal:outbox:<projectId>`, as it
// always was. With Web Locks (browsers) each tab keeps its own queue and adopts those of closed
// tabs (outboxTabs.ts, loaded only there). Either way a stored queue that cannot be read is
// reported and left as it is: never overwritten, never removed.

/** What the stored queue needs from the outbox. */
export interface QueueHost {
  /** Merges batches of another session into the queue and stores it; true once stored. */
  take(entries: QueuedBatch[]): Promise<boolean>
  /** A stored queue could not be read (it is left as it is). */
  unreadable(error: MetalError): void
}

/** One client's stored queue. */
export class OutboxStorage implements TabsHost {
  /** Where this client's queue is stored. */
  key: string
  /** Resolves once the queues of earlier sessions found at start are taken. */
  readonly started: Promise<void>
  /** True when this session's queue is not stored (its key is unreadable, or unknown to others). */
  blocked = false
  closed = false
  private chain: Promise<unknown>
  /** Lets saves through: only once this client's key is read (or registered). */
  open!: () => void
  private tabs: TabQueues | undefined
  private readonly reported = new Set<string>()

  constructor(
    readonly storage: KeyValueStorage,
    readonly base: string,
    readonly clientId: string,
    readonly host: QueueHost,
    locks: LockManagerLike | null,
  ) {
    this.key = base
    this.chain = new Promise<void>((resolve) => (this.open = resolve))
    this.started = this.start(locks)
      .catch((error: unknown) => {
        // Not knowing what is stored, write nothing: this session's queue stays in memory.
        this.blocked = true
        console.warn('Metal: could not read queued writes:', error)
      })
      .finally(() => this.open())
  }

  /** Stores `text` as this client's queue (null: empty); resolves to true once stored. */
  save(text: string | null): Promise<boolean> {
    // A closed tab's queue may already be another tab's: nothing is written to it any more.
    if (this.closed && this.tabs) return Promise.resolve(false)
    const next = this.chain.then(async () => {
      if (this.blocked) return false
      try {
        await (text === null
          ? this.storage.removeItem(this.key)
          : this.storage.setItem(this.key, text))
        return true
      } catch (error) {
        console.warn('Metal: could not persist queued writes:', error)
        return false
      }
    })
    this.chain = next
    return next
  }

  /** Lets the last writes land, then frees this client's queue for other tabs. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const last = this.chain
    await this.started
    await this.tabs?.close(last)
    await last
  }

  /** Reads the queue under `key`: its batches, null when empty, undefined when unreadable. */
  async read(key: string): Promise<QueuedBatch[] | null | undefined> {
    try {
      const text = await this.storage.getItem(key)
      return text ? (await import('./queueDecode.js')).decodeQueue(text) : null
    } catch (error) {
      this.report(key, error)
      return undefined
    }
  }

  /** Tells the app (once per key) that what is stored under `key` cannot be read. */
  report(key: string, cause: unknown): void {
    if (this.reported.has(key)) return
    this.reported.add(key)
    this.host.unreadable(
      new MetalError(
        'internal',
        `sync: the queued writes stored under '${key}' could not be read (${cause instanceof Error ? cause.message : String(cause)}); left as they are, not sent`,
      ),
    )
  }

  private async start(locks: LockManagerLike | null): Promise<void> {
    if (locks) {
      const { TabQueues } = await import('./outboxTabs.js')
      this.tabs = new TabQueues(this, locks)
      if (await this.tabs.start()) return
      this.tabs = undefined
    }
    const entries = await this.read(this.key)
    // The key holds writes this client cannot read: keep them, and keep this session's in memory.
    this.blocked = entries === undefined
    this.open()
    if (entries) await this.host.take(entries)
  }
}
