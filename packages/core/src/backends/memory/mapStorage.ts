import type { StoredDoc } from '../../engine/write.js'
import type { QuerySpec } from '../../engine/querySpec.js'
import { scanMaps } from '../../server/groupScan.js'
import type { CommitOutcome, CommitPlan, DocKey, ServerStorage } from '../../server/storage.js'

interface ProjectDocs {
  version: number
  readonly collections: Map<string, Map<string, StoredDoc>>
}

/** The embedded backend's storage: documents in maps, per project and collection. */
export class MapStorage implements ServerStorage {
  private readonly projects = new Map<string, ProjectDocs>()

  private project(projectId: string): ProjectDocs {
    let p = this.projects.get(projectId)
    if (!p) this.projects.set(projectId, (p = { version: 0, collections: new Map() }))
    return p
  }

  private docs(projectId: string, collection: string): Map<string, StoredDoc> | undefined {
    return this.projects.get(projectId)?.collections.get(collection)
  }

  async get(projectId: string, collection: string, id: string): Promise<StoredDoc | null> {
    return this.docs(projectId, collection)?.get(id) ?? null
  }

  async scan(projectId: string, query: QuerySpec): Promise<Iterable<StoredDoc>> {
    const p = this.projects.get(projectId)
    return p ? scanMaps(p.collections, query) : []
  }

  async commit<R>(
    projectId: string,
    _keys: readonly DocKey[],
    plan: CommitPlan<R>,
  ): Promise<CommitOutcome<R>> {
    // Synchronous from read to write: nothing else runs in between, so the plan is atomic.
    const p = this.project(projectId)
    const version = p.version + 1
    const { changes, result } = plan((c, id) => this.docs(projectId, c)?.get(id), version)
    p.version = version
    for (const { collection, id, after } of changes) {
      let docs = p.collections.get(collection)
      if (!docs) p.collections.set(collection, (docs = new Map()))
      if (after) docs.set(id, after)
      else docs.delete(id)
    }
    return { result, changes, duplicate: false }
  }

  /** Number of documents in a project's collection. */
  count(projectId: string, collection: string): number {
    return this.docs(projectId, collection)?.size ?? 0
  }
}
