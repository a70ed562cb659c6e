import { broadcastChannel, type ChannelLike, type LockManagerLike } from '../platform.js'
import type { QueuedBatch } from './queueCodec.js'
import type { KeyValueStorage } from './storage.js'

// Queued writes with several tabs of one site (loaded only where there are Web Locks).
//
// Each client keeps its queue under its own key `<base>:tab:<clientId>` and holds a Web Lock of
// that name while it lives. The ids of all stored queues are listed under `<base>:tabs`, changed
// only under the lock `<base>:tabs`. A client adopts the queues whose lock is free (their tab
// closed or reloaded) at start, and another tab's queue as soon as its lock frees: each client
// waits for the locks of the others, learnt from the list and from a BroadcastChannel. Adopting
// is: read the queue, merge it into ours, store ours, and only then remove the old key, so a write
// is always in one stored queue or another. The single key of earlier versions (`<base>`) is
// adopted once.

/** What the tabs' part needs of the client's stored queue (an OutboxStorage). */
export interface TabsHost {
  readonly storage: KeyValueStorage
  readonly base: string
  readonly clientId: string
  readonly host: { take(entries: QueuedBatch[]): Promise<boolean> }
  readonly closed: boolean
  key: string
  blocked: boolean
  open(): void
  read(key: string): Promise<QueuedBatch[] | null | undefined>
  report(key: string, cause: unknown): void
}

/** The platform's AbortController, as far as the queue uses it (core's types have no DOM). */
interface AborterLike {
  readonly signal: object
  abort(): void
}
declare const AbortController: new () => AborterLike

/** One client's part in sharing queued writes between the tabs of a site. */
export class TabQueues {
  private release: () => void = () => {}
  private readonly aborter: AborterLike = new AbortController()
  private readonly watching = new Set<string>()
  private readonly work = new Set<Promise<unknown>>()
  private bus: ChannelLike | null = null

  constructor(
    private readonly q: TabsHost,
    private readonly locks: LockManagerLike,
  ) {}

  private tabKey(id: string): string {
    return `${this.q.base}:tab:${id}`
  }

  private get listKey(): string {
    return `${this.q.base}:tabs`
  }

  /** Registers this client and adopts orphaned queues; false when Web Locks are refused. */
  async start(): Promise<boolean> {
    const { q, locks } = this
    const own = this.tabKey(q.clientId)
    const held = new Promise<void>((resolve) => (this.release = resolve))
    try {
      await new Promise<void>((granted, failed) => {
        locks
          .request(own, {}, () => {
            granted()
            return held
          })
          .catch(failed)
      })
    } catch {
      return false // an opaque origin or a sandboxed frame: one queue per storage
    }
    q.key = own
    // Listen before registering, so a tab that registers right after this one is heard.
    this.bus = broadcastChannel(q.base)
    if (this.bus) {
      this.bus.onmessage = (event) => {
        const tab = (event.data as { tab?: unknown } | null)?.tab
        if (typeof tab === 'string') this.watch(tab)
      }
    }
    const live: string[] = []
    await this.track(
      locks.request(this.listKey, {}, async () => {
        const ids = await this.readList()
        // Unknown to the other tabs, this session's queue would be lost after a reload.
        if (!ids) return void (q.blocked = true)
        ids.add(q.clientId)
        await q.storage.setItem(this.listKey, JSON.stringify([...ids]))
        q.open()
        await this.adopt(q.base)
        for (const id of ids) {
          if (id === q.clientId) continue
          await locks.request(this.tabKey(id), { ifAvailable: true }, async (lock) => {
            if (!lock) live.push(id)
            else if (await this.adopt(this.tabKey(id))) ids.delete(id)
          })
        }
        await q.storage.setItem(this.listKey, JSON.stringify([...ids]))
      }),
    )
    for (const id of live) this.watch(id)
    this.bus?.postMessage({ tab: q.clientId })
    return true
  }

  /** Stops adopting; once `last` (the last write) landed, frees this client's queue. */
  async close(last: Promise<unknown>): Promise<void> {
    this.aborter.abort()
    this.bus?.close()
    await Promise.allSettled([...this.work, last])
    this.release()
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.work.add(p)
    void p.finally(() => this.work.delete(p)).catch(() => {})
    return p
  }

  /** The ids of the stored queues, or null when the list is unreadable (reported). */
  private async readList(): Promise<Set<string> | null> {
    try {
      const ids: unknown = JSON.parse((await this.q.storage.getItem(this.listKey)) || '[]')
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
        throw new Error('it is not a list of client ids')
      return new Set(ids as string[])
    } catch (error) {
      this.q.report(this.listKey, error)
      return null
    }
  }

  /** Takes the queue under `key` into ours; true when nothing is left there. */
  private async adopt(key: string): Promise<boolean> {
    if (this.q.closed) return false
    const entries = await this.q.read(key)
    if (entries === undefined || (entries && !(await this.q.host.take(entries)))) return false
    try {
      if (entries) await this.q.storage.removeItem(key)
      return true
    } catch {
      return false
    }
  }

  /** Adopts tab `id`'s queue as soon as that tab closes. */
  private watch(id: string): void {
    const { q, locks } = this
    if (q.closed || id === q.clientId || this.watching.has(id)) return
    this.watching.add(id)
    void locks
      .request(this.tabKey(id), { signal: this.aborter.signal }, () =>
        this.track(
          locks.request(this.listKey, {}, async () => {
            if (q.closed) return
            const ids = await this.readList()
            if (!ids?.has(id) || !(await this.adopt(this.tabKey(id)))) return
            ids.delete(id)
            await q.storage.setItem(this.listKey, JSON.stringify([...ids]))
          }),
        ),
      )
      .catch(() => {}) // aborted by close(), or a storage failure: adopted at the next start
  }
}
