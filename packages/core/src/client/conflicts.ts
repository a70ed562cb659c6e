import { applyWrite, type StoredDoc, type Write } from '../engine/write.js'
import { cloneDocument } from '../engine/documentValues.js'
import type { MetalError } from '../errors.js'
import type { DocumentData } from '../engine/types.js'
import { pathKey } from './pathKey.js'
import type { Conflict, SyncConfig } from './syncConfig.js'

// How a stale offline batch is settled, document by document, against the backend's state.
// Loaded with the first conflict: an app whose offline writes never conflict does not ship it.

/** What settling needs of a batch and of the store. */
export interface StaleBatch {
  readonly writes: readonly Write[]
  readonly createdAt: number
  /** The committed state of each written document when the batch was made (path key -> doc). */
  readonly bases: Map<string, StoredDoc | null | undefined>
}

/** What settling needs of the store. */
export interface SettleHost {
  getRemote(collection: string, id: string): Promise<StoredDoc | null>
  config(collection: string): SyncConfig | undefined
}

/** The batch rewritten: what is still sent, and the documents that went the backend's way. */
export interface Settled {
  next: Write[]
  adopt: { collection: string; doc: StoredDoc }[]
  gone: { collection: string; id: string; version: number }[]
  /** Number of documents that had changed remotely. */
  conflicts: number
}

/**
 * True when `error` may be a remote delete met by an offline update: the backend checks that an
 * updated document exists before its version, so such a conflict arrives as `not-found`. Only a
 * synced collection's update of a document known to exist when the batch was made counts; once
 * settled, its base is what the backend holds (null), so a real not-found is not settled twice.
 */
export function maybeDeletedRemotely(
  batch: StaleBatch,
  host: Pick<SettleHost, 'config'>,
  error: MetalError,
): boolean {
  if (error.code !== 'not-found') return false
  return batch.writes.some((w) => {
    if (w.op !== 'update' || !host.config(w.collection)) return false
    const base = batch.bases.get(pathKey(w.collection, w.id))
    return base !== undefined && base !== null
  })
}

/**
 * Fetches the remote state of each document of `batch` whose base is known, and settles each one
 * that changed (or was deleted) remotely: by the conflict handler's answer, else the strategy.
 * Moves the bases of settled documents to the remote state.
 */
export async function settleBatch(batch: StaleBatch, host: SettleHost): Promise<Settled> {
  const out: Settled = { next: [], adopt: [], gone: [], conflicts: 0 }
  const byDoc = new Map<string, Write[]>()
  for (const w of batch.writes) {
    const key = pathKey(w.collection, w.id)
    const list = byDoc.get(key)
    if (list) list.push(w)
    else byDoc.set(key, [w])
  }
  for (const [key, writes] of byDoc) {
    const { collection, id } = writes[0] as Write
    const config = host.config(collection)
    const base = batch.bases.get(key)
    if (!config || base === undefined) {
      out.next.push(...writes)
      continue
    }
    const remote = await host.getRemote(collection, id)
    if ((remote?.version ?? 0) === (base?.version ?? 0)) {
      out.next.push(...writes)
      continue
    }
    let local: DocumentData | null | undefined = base?.data
    for (const w of writes) local = applyWrite(w, local ?? undefined, batch.createdAt)
    out.conflicts++
    const conflict: Conflict = {
      collection,
      id,
      local: local ?? null,
      remote: remote?.data ?? null,
      base: base?.data ?? null,
      localTime: batch.createdAt,
      // A delete leaves no time behind: it counts as older than any local write.
      remoteTime: remote?.updateTime ?? 0,
    }
    const resolution = await config.resolve(conflict)
    batch.bases.set(key, remote)
    if (resolution !== undefined) {
      out.next.push(
        resolution === null
          ? { op: 'delete', collection, id }
          : { op: 'set', collection, id, data: cloneDocument('sync conflict handler', resolution) },
      )
      continue
    }
    const clientWins =
      config.strategy === 'client-wins' ||
      (config.strategy === 'last-write-wins' && batch.createdAt >= conflict.remoteTime)
    if (clientWins && remote) out.next.push(...writes)
    else if (clientWins)
      // Deleted remotely: an update has nothing to apply to, so the document comes back as the
      // batch would have left it.
      out.next.push(
        local
          ? { op: 'set', collection, id, data: cloneDocument('sync conflict', local) }
          : { op: 'delete', collection, id },
      )
    else if (remote) out.adopt.push({ collection, doc: remote })
    else out.gone.push({ collection, id, version: 0 })
  }
  return out
}
