import { MetalError, invalidArgument } from '../errors.js'
import { applyWrite, checkPrecondition, type StoredDoc, type Write } from '../engine/write.js'
import { MAX_DOCUMENT_BYTES, documentSize, utf8Length } from '../engine/documentValues.js'
import type { DocumentData } from '../engine/types.js'
import type { VersionCheck } from '../protocol/backend.js'
import type { CommitPlan, DocChange, DocKey } from './storage.js'

/** The keys a commit reads: every written document and every transaction check. */
export function commitKeys(writes: readonly Write[], checks: readonly VersionCheck[]): DocKey[] {
  const keys = new Map<string, DocKey>()
  for (const { collection, id } of [...writes, ...checks]) {
    keys.set(`${collection}\u0000${id}`, { collection, id })
  }
  return [...keys.values()]
}

/**
 * Rejects a write whose resulting document is over the size limit: merges, updates and array
 * transforms grow stored documents in ways the client cannot size.
 */
function checkSize(write: Write, data: DocumentData): void {
  const bytes = documentSize(data) + utf8Length(write.collection) + utf8Length(write.id)
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `${write.op}()`,
      `document '${write.collection}/${write.id}' would be ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB)`,
    )
  }
}

/**
 * The plan of one atomic commit: transaction checks first, then every write in order on top of
 * the previous ones (several writes to one document compose), each checked against its
 * precondition, the size limit and `authorise` (with the document before and after the write). Any failure throws before anything is written.
 * The result is each write's document after the commit (null: deleted), in write order.
 */
export function planCommit(
  writes: readonly Write[],
  checks: readonly VersionCheck[],
  time: number,
  authorise: (write: Write, before: DocumentData | null, after: DocumentData | null) => void,
): CommitPlan<(StoredDoc | null)[]> {
  return (current, version) => {
    for (const c of checks) {
      if ((current(c.collection, c.id)?.version ?? 0) !== c.version) {
        throw new MetalError(
          'aborted',
          `transaction: '${c.collection}/${c.id}' changed since it was read`,
        )
      }
    }
    const staged = new Map<string, DocChange>()
    const result: (StoredDoc | null)[] = []
    for (const w of writes) {
      const key = `${w.collection}\u0000${w.id}`
      const seen = staged.get(key)
      const before = seen ? seen.after : current(w.collection, w.id)
      checkPrecondition(w, before ?? undefined)
      const data = applyWrite(w, before?.data, time)
      if (data) checkSize(w, data)
      authorise(w, before?.data ?? null, data)
      const after: StoredDoc | null = data
        ? Object.freeze({ id: w.id, data, version, updateTime: time })
        : null
      staged.set(key, {
        collection: w.collection,
        id: w.id,
        before: seen ? seen.before : current(w.collection, w.id),
        after,
      })
      result.push(after)
    }
    return { changes: [...staged.values()], result }
  }
}
