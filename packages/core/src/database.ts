import { WriteBatch } from './batch.js'
import { CollectionReference, type DocumentReference } from './reference.js'
import type { Transaction, TransactionOptions } from './transaction.js'
import { checkRefPath } from './engine/writeInput.js'
import { checkGroupId } from './engine/collectionGroup.js'
import { Query } from './query.js'
import type { QuerySpec } from './engine/querySpec.js'
import type { Store } from './client/store.js'
import type { DocumentData } from './types.js'

/** The document database of one Metal client: collections, batches and transactions. */
export class Database {
  /** @internal */
  constructor(private readonly store: Store) {}

  /**
   * A collection by path: `'users'`, or a sub-collection such as `'users/u1/posts'` (a leading
   * or trailing `/` is ignored, as in Firestore).
   */
  collection<T = DocumentData>(path: string): CollectionReference<T> {
    return new CollectionReference<T>(this.store, checkRefPath('collection()', path, 'collection'))
  }

  /**
   * A query over every collection whose last segment is `collectionId`: `'comments'` reads
   * `comments`, `posts/p1/comments`, `users/u1/posts/p2/comments`… Every query feature works on
   * it; its snapshots' `ref` is each document's own, and `documentId()` filters, orderBy and
   * cursors take full document paths (`'posts/p1/comments/c1'`), as in Cloud Firestore. With
   * access rules, only recursive-wildcard patterns (`'{path=**}/comments/{id}'`) allow it.
   */
  collectionGroup<T = DocumentData>(collectionId: string): Query<T> {
    const id = checkGroupId('collectionGroup()', collectionId)
    const spec: QuerySpec = { collection: id, orderBy: [], group: true }
    return new Query<T>(this.store, new CollectionReference<T>(this.store, id), spec)
  }

  /** A document by path: `'users/u1'` (a leading or trailing `/` is ignored). */
  doc<T = DocumentData>(path: string): DocumentReference<T> {
    const checked = checkRefPath('doc()', path, 'document')
    const cut = checked.lastIndexOf('/')
    return this.collection<T>(checked.slice(0, cut)).doc(checked.slice(cut + 1))
  }

  /**
   * Resolves once every write made before the call is committed or rejected by the backend
   * (writes made after it are not waited for). It waits while offline; it rejects once the
   * client is closed.
   */
  waitForPendingWrites(): Promise<void> {
    return this.store.waitForPendingWrites()
  }

  /** A new write batch: operations committed atomically with `commit()`. */
  batch(): WriteBatch {
    return new WriteBatch(this.store)
  }

  /**
   * Runs `fn` as a transaction: its reads are checked at commit, its writes applied atomically,
   * and it is run again when another write got there first.
   */
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, options?: TransactionOptions): Promise<R> {
    // Loaded on first use: apps that never run a transaction do not ship it.
    return import('./transaction.js').then(({ runTransaction }) =>
      runTransaction(this.store, fn, options),
    )
  }
}
