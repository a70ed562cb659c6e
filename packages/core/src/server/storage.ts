import type { StoredDoc } from '../engine/write.js'
import type { QuerySpec } from '../engine/querySpec.js'

/** One document a commit changed: its state before (undefined: absent) and after (null: deleted). */
export interface DocChange {
  readonly collection: string
  readonly id: string
  readonly before: StoredDoc | undefined
  readonly after: StoredDoc | null
}

/** Identifies one document. */
export interface DocKey {
  readonly collection: string
  readonly id: string
}

/**
 * Decides a commit from the current state of the documents it touches. Runs inside the
 * storage's atomic section: it must be synchronous and throw to abort (nothing is written).
 */
export type CommitPlan<R> = (
  current: (collection: string, id: string) => StoredDoc | undefined,
  version: number,
) => { changes: DocChange[]; result: R }

/** What a commit did: its plan's result and the changes written. */
export interface CommitOutcome<R> {
  readonly result: R
  /** The changes written (none when `duplicate`). */
  readonly changes: readonly DocChange[]
  /**
   * True when the mutation id was committed before (by any process sharing the storage): nothing
   * was written and `result` is the stored result of that first commit.
   */
  readonly duplicate: boolean
}

/** One commit as a {@link ChangeFeed} delivers it. */
export interface FeedEntry {
  readonly projectId: string
  /** Position in the log: the commit's version. */
  readonly position: number
  readonly changes: readonly DocChange[]
  /** Storage-specific identity of the commit (a transaction id), read by {@link ScanResult.seen}. */
  readonly tx?: unknown
}

/**
 * The committed changes of a storage shared by several processes, in commit order. When a
 * storage has one, the server logic routes changes to live queries only from it (a commit
 * waits for its own entry), so every process sees every commit, its own included, the same way.
 */
export interface ChangeFeed {
  /** Identifies the log; positions from another epoch mean nothing here. */
  readonly epoch: string
  /** Position of the last entry delivered (0 before any). */
  readonly position: number
  /** Receives every entry, in commit order. Called once. */
  subscribe(deliver: (entry: FeedEntry) => void): void
  /** A commit was made by this process: read the log now. */
  poke(): void
  /**
   * Ids of a collection's documents changed by entries after `position`, or undefined when
   * the log no longer reaches back that far.
   */
  changedSince(
    projectId: string,
    collection: string,
    position: number,
  ): Promise<Set<string> | undefined>
}

/** A scan's candidates, and which feed entries they already reflect. */
export interface ScanResult {
  readonly docs: Iterable<StoredDoc>
  /** True for an entry whose changes the scan already saw (skip it for this target). */
  readonly seen?: (entry: FeedEntry) => boolean
}

/**
 * Where a server keeps documents. The shared server logic ({@link ServerCore}) runs on any
 * storage: the embedded backend keeps maps, @metal/server keeps SQL rows. Every method may be
 * asynchronous; a commit is atomic (all of a plan's changes or none).
 */
export interface ServerStorage {
  /** One document, or null. */
  get(projectId: string, collection: string, id: string): Promise<StoredDoc | null>
  /**
   * Candidates for a query: at least every document of the collection that matches its filters
   * (a storage may return more; order and window are applied by the caller).
   */
  scan(projectId: string, query: QuerySpec): Promise<Iterable<StoredDoc>>
  /**
   * Reads the documents in `keys`, runs `plan` on them with the next version number, and writes
   * its changes atomically. Resolves once the changes are durable. With a `mutationId`, a
   * storage that keeps mutation ids (`durableMutations`) applies it once: a repeat resolves
   * with the first commit's result (which must then be JSON) and `duplicate: true`.
   */
  commit<R>(
    projectId: string,
    keys: readonly DocKey[],
    plan: CommitPlan<R>,
    mutationId?: string,
  ): Promise<CommitOutcome<R>>
  /** True when `commit` dedupes mutation ids itself, across processes and restarts. */
  readonly durableMutations?: boolean
  /** A scan that also tells which feed entries it reflects (storages with a `feed`). */
  scanSnapshot?(projectId: string, query: QuerySpec): Promise<ScanResult>
  /** The change feed of a storage shared by several processes. */
  readonly feed?: ChangeFeed
}
