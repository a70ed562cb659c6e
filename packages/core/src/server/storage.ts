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
   * its changes atomically. Resolves with the plan's result once the changes are durable.
   */
  commit<R>(projectId: string, keys: readonly DocKey[], plan: CommitPlan<R>): Promise<R>
}
