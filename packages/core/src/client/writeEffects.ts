import { syncWriteErrors } from './syncConfig.js'
import type { MetalError } from '../errors.js'
import type { DocState, DocumentCache } from './documentCache.js'
import type { OutboxEntry } from './outbox.js'
import type { SyncStatus } from './syncStatus.js'
import type { Targets } from './targets.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { BackendResponses } from '../protocol/backend.js'

/**
 * What a write does to what this client shows: queued, it goes into the overlay at once;
 * committed, the committed state replaces it; abandoned (rejected, or settled in the server's
 * favour), it is rolled back. Each step re-evaluates the listened queries once.
 */
export class WriteEffects {
  constructor(
    private readonly docs: DocumentCache,
    private readonly targets: Targets,
    private readonly sync: SyncStatus,
    /** Number of queued writes to a collection. */
    private readonly queuedCount: (collection: string) => number,
  ) {}

  /** Shows queued batches on top of the committed state. */
  queued(entries: readonly OutboxEntry[]): void {
    const touched = new Set<DocState>()
    for (const entry of entries) {
      for (const write of entry.original) {
        const state = this.docs.state(write.collection, write.id)
        state.pending.push({ write, batch: entry, at: entry.createdAt })
        touched.add(state)
      }
    }
    this.targets.refresh(touched)
  }

  /** A transaction committed (it was never queued): adopt what it wrote. */
  transactionCommitted(writes: readonly Write[], response: BackendResponses['commit']): void {
    const touched = new Set<DocState>()
    this.adoptCommitted(writes, response, touched)
    const changes = this.targets.applyChanges(response.targets, touched)
    this.targets.refresh(touched, changes)
  }

  /** A queued batch committed: adopt what it wrote and how it moved our queries. */
  committed(entry: OutboxEntry, response: BackendResponses['commit']): void {
    const touched = new Set<DocState>()
    // Adopt even documents no query holds: a later pending write to one must keep showing on
    // top of this committed state (collect() forgets it once nothing needs it).
    this.adoptCommitted(entry.writes, response, touched)
    for (const w of entry.original) touched.add(this.docs.state(w.collection, w.id))
    const changes = this.targets.applyChanges(response.targets, touched)
    this.docs.dropBatch(entry, touched)
    this.targets.refresh(touched, changes)
    const collections = new Set(entry.original.map((w) => w.collection))
    for (const c of collections)
      if (this.queuedCount(c) === 0) this.sync.emit({ type: 'synced', collection: c })
  }

  /**
   * A queued batch will not commit (rejected, or settled in the server's favour): undo it
   * locally. Without an error and with documents settled, only those are undone: the rest of
   * the batch is still sent.
   */
  abandoned(
    entry: OutboxEntry,
    error: MetalError | null,
    adopt: { collection: string; doc: StoredDoc }[],
    gone: { collection: string; id: string; version: number }[],
  ): void {
    const touched = new Set<DocState>()
    for (const w of entry.original) touched.add(this.docs.state(w.collection, w.id))
    const settled = new Set<DocState>()
    for (const { collection, doc } of adopt) {
      const state = this.docs.state(collection, doc.id)
      this.docs.adopt(state, doc)
      settled.add(state)
    }
    for (const g of gone) {
      const state = this.docs.state(g.collection, g.id)
      state.remote = null
      settled.add(state)
    }
    for (const state of settled) touched.add(state)
    if (error || entry.writes.length === 0) this.docs.dropBatch(entry, touched)
    else this.docs.dropBatch(entry, settled)
    this.targets.refresh(touched)
    if (error)
      for (const e of syncWriteErrors(entry.id, entry.original, error))
        this.sync.emit({ type: 'error', ...e })
  }

  /** Takes the committed state of each written document (null in `docs`: deleted). */
  private adoptCommitted(
    writes: readonly Write[],
    response: BackendResponses['commit'],
    touched: Set<DocState>,
  ): void {
    response.docs.forEach((doc, i) => {
      const w = writes[i] as Write
      const state = this.docs.state(w.collection, w.id)
      touched.add(state)
      this.docs.adopt(state, doc ?? { id: w.id, version: response.version, deleted: true })
    })
  }
}
