import type { StoredDoc } from '../../engine/write.js'
import type { QuerySpec } from '../../engine/querySpec.js'
import type { CommitOutcome, CommitPlan, DocKey, ServerStorage } from '../../server/storage.js'
import { scanMaps } from '../../server/groupScan.js'

/** One project's stored state, as a {@link DocStore} loads it. */
export interface StoredProject {
  /** The last commit's version (0 before any). */
  version: number
  docs: { collection: string; doc: StoredDoc }[]
  /** Applied mutation ids with their commit results, oldest first. */
  mutations: [id: string, result: unknown][]
}

/** What one commit writes to a {@link DocStore}, atomically. */
export interface StoredCommit {
  version: number
  changes: { collection: string; id: string; after: StoredDoc | null }[]
  /** The commit's mutation id and result, to answer a resend after a reload or a new holder. */
  mutation?: [id: string, result: unknown]
  /** Mutation ids to forget (the oldest, past the limit). */
  forget: string[]
}

/**
 * Where the embedded backend keeps documents between page loads: IndexedDB in browsers
 * ({@link indexedDbDocs}); tests give a stand-in.
 */
export interface DocStore {
  /** Reads everything stored for a project. */
  load(projectId: string): Promise<StoredProject>
  /** Writes one commit; resolves once it is durable, rejects having written nothing. */
  write(projectId: string, commit: StoredCommit): Promise<void>
  /** Lets go of the database. */
  close(): void
}

/** Mutation ids remembered per project, across reloads and holders. */
export const MUTATION_LIMIT = 5000

interface Project {
  version: number
  readonly collections: Map<string, Map<string, StoredDoc>>
  readonly mutations: Map<string, unknown>
  /** The last commit in line: commits run one at a time, each after the previous is durable. */
  tail: Promise<unknown>
}

/**
 * The embedded backend's storage when it persists: documents in maps (reads never wait for the
 * disk), loaded from a {@link DocStore} on first use of a project, and every commit written
 * there before it is acknowledged. Commits of a project run one at a time: a plan sees only
 * durable state, and a commit the store refuses changes nothing. Mutation ids are stored with
 * their commit, so a write resent after a reload (or to a new holder tab) is applied once.
 */
export class PersistedStorage implements ServerStorage {
  readonly durableMutations = true
  private readonly projects = new Map<string, Promise<Project>>()
  private readonly loaded = new Map<string, Project>()

  constructor(private readonly store: DocStore) {}

  private project(projectId: string): Promise<Project> {
    let p = this.projects.get(projectId)
    if (!p) {
      p = this.store.load(projectId).then((stored) => {
        const collections = new Map<string, Map<string, StoredDoc>>()
        for (const { collection, doc } of stored.docs)
          docsOf(collections, collection).set(doc.id, doc)
        const project: Project = {
          version: stored.version,
          collections,
          mutations: new Map(stored.mutations),
          tail: Promise.resolve(),
        }
        this.loaded.set(projectId, project)
        return project
      })
      // A failed load is tried again by the next request, not remembered.
      p.catch(() => this.projects.delete(projectId))
      this.projects.set(projectId, p)
    }
    return p
  }

  async get(projectId: string, collection: string, id: string): Promise<StoredDoc | null> {
    return (await this.project(projectId)).collections.get(collection)?.get(id) ?? null
  }

  async scan(projectId: string, query: QuerySpec): Promise<Iterable<StoredDoc>> {
    return scanMaps((await this.project(projectId)).collections, query)
  }

  async commit<R>(
    projectId: string,
    _keys: readonly DocKey[],
    plan: CommitPlan<R>,
    mutationId?: string,
  ): Promise<CommitOutcome<R>> {
    const p = await this.project(projectId)
    const run = async (): Promise<CommitOutcome<R>> => {
      if (mutationId !== undefined && p.mutations.has(mutationId)) {
        return { result: p.mutations.get(mutationId) as R, changes: [], duplicate: true }
      }
      const version = p.version + 1
      const { changes, result } = plan((c, id) => p.collections.get(c)?.get(id), version)
      const forget: string[] = []
      if (mutationId !== undefined) {
        const over = p.mutations.size + 1 - MUTATION_LIMIT
        for (const id of p.mutations.keys()) {
          if (forget.length >= over) break
          forget.push(id)
        }
      }
      await this.store.write(projectId, {
        version,
        changes: changes.map(({ collection, id, after }) => ({ collection, id, after })),
        ...(mutationId === undefined ? {} : { mutation: [mutationId, result] }),
        forget,
      })
      p.version = version
      for (const { collection, id, after } of changes) {
        if (after) docsOf(p.collections, collection).set(id, after)
        else p.collections.get(collection)?.delete(id)
      }
      for (const id of forget) p.mutations.delete(id)
      if (mutationId !== undefined) p.mutations.set(mutationId, result)
      return { result, changes, duplicate: false }
    }
    const outcome = p.tail.then(run)
    p.tail = outcome.catch(() => undefined)
    return outcome
  }

  /** Number of documents in a project's collection (0 before the project is loaded). */
  loadedCount(projectId: string, collection: string): number {
    return this.loaded.get(projectId)?.collections.get(collection)?.size ?? 0
  }

  /** Lets go of the store. */
  close(): void {
    this.store.close()
  }
}

function docsOf(
  collections: Map<string, Map<string, StoredDoc>>,
  collection: string,
): Map<string, StoredDoc> {
  let docs = collections.get(collection)
  if (!docs) collections.set(collection, (docs = new Map()))
  return docs
}
