import type { QuerySpec } from '../../engine/querySpec.js'
import type { StoredDoc } from '../../engine/write.js'
import { inGroup } from '../../engine/collectionGroup.js'
import type {
  ChangeFeed,
  CommitOutcome,
  CommitPlan,
  DocKey,
  FeedEntry,
  ScanResult,
  ServerStorage,
} from '../../server/storage.js'

// A test-only storage with a change feed, as a storage shared by several server processes has
// one: documents in maps, every commit appended to an in-memory log whose position is a global
// commit version. With it the server logic runs in change-feed mode (resume tokens on pushes,
// resumed deltas on re-listens), so resume can be tested end to end over a socket.

/** An in-memory change log. */
class MemoryFeed implements ChangeFeed {
  readonly epoch = `feed-${Math.random().toString(36).slice(2)}`
  position = 0
  /** Every entry appended, in order. */
  readonly log: FeedEntry[] = []
  /** Entries at or before this position are gone (a pruned log). */
  floor = 0
  /** While true nothing is delivered (a feed that cannot read: a database outage). */
  stalled = false
  private deliver: ((entry: FeedEntry) => void) | undefined

  subscribe(deliver: (entry: FeedEntry) => void): void {
    this.deliver = deliver
  }

  poke(): void {
    if (this.stalled) return
    for (const entry of this.log) {
      if (entry.position <= this.position) continue
      this.position = entry.position
      this.deliver?.(entry)
    }
  }

  async changedSince(projectId: string, collection: string, position: number) {
    if (position < this.floor) return undefined
    const ids = new Set<string>()
    for (const entry of this.log) {
      if (entry.position <= position || entry.projectId !== projectId) continue
      for (const c of entry.changes) if (c.collection === collection) ids.add(c.id)
    }
    return ids
  }
}

/** Documents in maps, with a change feed. */
export class FeedStorage implements ServerStorage {
  readonly feed = new MemoryFeed()
  private version = 0
  private readonly docs = new Map<string, Map<string, StoredDoc>>()

  private collection(projectId: string, collection: string): Map<string, StoredDoc> {
    const key = `${projectId}\u0000${collection}`
    let docs = this.docs.get(key)
    if (!docs) this.docs.set(key, (docs = new Map()))
    return docs
  }

  async get(projectId: string, collection: string, id: string): Promise<StoredDoc | null> {
    return this.collection(projectId, collection).get(id) ?? null
  }

  async scan(projectId: string, query: QuerySpec): Promise<Iterable<StoredDoc>> {
    if (!query.group) return [...this.collection(projectId, query.collection).values()]
    const prefix = `${projectId}\u0000`
    const found: StoredDoc[] = []
    for (const [key, docs] of this.docs) {
      const collection = key.slice(prefix.length)
      if (!key.startsWith(prefix) || !inGroup(collection, query.collection)) continue
      for (const doc of docs.values()) found.push({ ...doc, id: `${collection}/${doc.id}` })
    }
    return found
  }

  async scanSnapshot(projectId: string, query: QuerySpec): Promise<ScanResult> {
    // Reads and appends are synchronous: the scan reflects every entry appended so far.
    const upTo = this.version
    return { docs: await this.scan(projectId, query), seen: (e) => e.position <= upTo }
  }

  async commit<R>(
    projectId: string,
    _keys: readonly DocKey[],
    plan: CommitPlan<R>,
  ): Promise<CommitOutcome<R>> {
    const version = this.version + 1
    const { changes, result } = plan((c, id) => this.collection(projectId, c).get(id), version)
    this.version = version
    for (const { collection, id, after } of changes) {
      const docs = this.collection(projectId, collection)
      if (after) docs.set(id, after)
      else docs.delete(id)
    }
    if (changes.length > 0) this.feed.log.push({ projectId, position: version, changes })
    return { result, changes, duplicate: false }
  }

  /** Forgets the log up to now: a client resuming from before gets the whole result again. */
  prune(): void {
    this.feed.floor = this.version
  }
}
