import { invalidArgument, type MetalError } from './errors.js'
import { getSource, type GetOptions } from './getOptions.js'
import { subscribeArgs, type SubscribeOptions } from './subscribeOptions.js'
import { Query } from './query.js'
import type { Unsubscribe } from './types.js'
import { where } from './engine/filter.js'
import { DOCUMENT_ID } from './engine/fieldPath.js'
import { DOCUMENT_PATH } from './engine/documentRef.js'
import { DocumentSnapshot, snapshotOf, type DocumentChange } from './snapshot.js'
import {
  autoId,
  checkDocId,
  checkWriteOptions,
  toDeleteWrite,
  toSetWrite,
  toUpdateWrite,
} from './engine/writeInput.js'
import type { Store } from './client/store.js'
import type {
  DocumentData,
  PartialWithFieldValue,
  SetOptions,
  UpdateData,
  WithFieldValue,
  WriteOptions,
} from './types.js'

/** Receives a document's changes (at most one per call) and its current snapshot. */
export type DocumentListener<T> = (
  changes: DocumentChange<T>[],
  snapshot: DocumentSnapshot<T>,
) => void

/** A collection: a query over all its documents, plus `doc()` and `add()`. */
export class CollectionReference<T = DocumentData> extends Query<T> {
  /** @internal */
  constructor(
    store: Store,
    /** The collection path, such as `'users'` or `'users/u1/posts'`. */ readonly path: string,
  ) {
    super(store, null, { collection: path, orderBy: [] })
  }

  /** The last segment of the path. */
  get id(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1)
  }

  /** A reference to the document with `id`, or to a new document with a random id. */
  doc(id?: string): DocumentReference<T> {
    return new DocumentReference(
      this,
      this.store,
      id === undefined ? autoId() : checkDocId('doc()', id),
    )
  }

  /** Creates a document with a random id. Resolves with its reference once committed. */
  async add(data: WithFieldValue<T>, options?: WriteOptions): Promise<DocumentReference<T>> {
    const ref = this.doc()
    const write = toSetWrite('add()', this.path, ref.id, data, undefined)
    await this.store.commit(
      [{ ...write, precondition: { exists: false } }],
      checkWriteOptions('add()', options),
    )
    return ref
  }

  /** @internal The collection at `path` of the same client (a collection group's results). */
  at(path: string): CollectionReference<T> {
    return new CollectionReference<T>(this.store, path)
  }

  /** @internal */
  get internalStore(): Store {
    return this.store
  }

  /** @internal A reference of this client to the document at `path` (a checked path). */
  refAt(path: string): DocumentReference {
    const cut = path.lastIndexOf('/')
    return new CollectionReference(this.store, path.slice(0, cut)).doc(path.slice(cut + 1))
  }
}

/** A reference to one document: read it, write it, or listen to it. */
export class DocumentReference<T = DocumentData> {
  /** @internal */
  constructor(
    /** The collection the document is in. */ readonly parent: CollectionReference<T>,
    private readonly store: Store,
    /** The document id. */ readonly id: string,
  ) {}

  /** `collection/id`. */
  get path(): string {
    return `${this.parent.path}/${this.id}`
  }

  /** @internal How the engine recognises a reference stored as a value. */
  get [DOCUMENT_PATH](): string {
    return this.path
  }

  /**
   * Reads the document once, with pending local writes applied: from the backend, or from the
   * local cache while offline or when `{ source: 'cache' }` says so
   * (`metadata.fromCache`). See {@link GetOptions}.
   */
  async get(options?: GetOptions): Promise<DocumentSnapshot<T>> {
    const source = getSource('get()', options)
    const { doc, fromCache } = await this.store.readDoc(this.parent.path, this.id, source)
    return doc
      ? snapshotOf(this.parent, doc, fromCache)
      : new DocumentSnapshot(this.parent, this.id, null, fromCache)
  }

  /** Replaces the document, or merges into it with `{ merge: true }` (or a list of field paths). */
  set(data: WithFieldValue<T>, options?: SetOptions & WriteOptions): Promise<void>
  set(
    data: PartialWithFieldValue<T>,
    options: SetOptions & WriteOptions & { merge: true | readonly string[] },
  ): Promise<void>
  set(data: unknown, options?: SetOptions & WriteOptions): Promise<void> {
    try {
      const write = toSetWrite('set()', this.parent.path, this.id, data, options)
      return this.store.commit([write], options)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * Changes fields of an existing document (`not-found` when it does not exist). Keys are dotted
   * paths (`{ 'metadata.lastLogin': Date.now() }`); also takes `(field, value, …)` pairs.
   */
  update(data: UpdateData<T>, options?: WriteOptions): Promise<void>
  update(field: string, value: unknown, ...moreFieldsAndValues: unknown[]): Promise<void>
  update(...args: unknown[]): Promise<void> {
    try {
      let options: WriteOptions | undefined
      if (typeof args[0] !== 'string' && args.length > 1) {
        if (args.length > 2)
          throw invalidArgument(
            'update()',
            `expected (data, options?), got ${args.length} arguments`,
          )
        options = checkWriteOptions('update()', args[1])
        args = [args[0]]
      }
      const write = toUpdateWrite('update()', this.parent.path, this.id, args)
      return this.store.commit([write], options)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Deletes the document (succeeds when it does not exist). */
  delete(options?: WriteOptions): Promise<void> {
    try {
      return this.store.commit(
        [toDeleteWrite(this.parent.path, this.id)],
        checkWriteOptions('delete()', options),
      )
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * Listens to the document: `onChange` is called first with `[added]` (or `[]` when it does not
   * exist) and its snapshot, then once per write that changes it. With
   * `{ includeMetadataChanges: true }` also when only `hasPendingWrites` changed (the write was
   * saved), with `[modified]`. Returns the unsubscribe.
   */
  subscribe(onChange: DocumentListener<T>, options?: SubscribeOptions): Unsubscribe
  subscribe(
    onChange: DocumentListener<T>,
    onError?: (error: MetalError) => void,
    options?: SubscribeOptions,
  ): Unsubscribe
  subscribe(onChange: DocumentListener<T>, second?: unknown, third?: unknown): Unsubscribe {
    const { onError, includeMetadataChanges } = subscribeArgs(
      'subscribe()',
      onChange,
      second,
      third,
    )
    return this.parent.where(where(DOCUMENT_ID, '==', this.id)).subscribe(
      (changes, snap) => {
        const doc = snap.docs[0]
        const { fromCache } = snap.metadata
        onChange(changes, doc ?? new DocumentSnapshot(this.parent, this.id, null, fromCache))
      },
      onError,
      { includeMetadataChanges },
    )
  }

  /** True when both point at the same document. */
  isEqual(other: DocumentReference<T>): boolean {
    return other instanceof DocumentReference && other.path === this.path
  }
}
