import { describe, invalidArgument, MetalError } from './errors.js'
import { getSource, type GetOptions } from './getOptions.js'
import { subscribeArgs, type SubscribeOptions } from './subscribeOptions.js'
import { Query } from './query.js'
import type { Unsubscribe } from './types.js'
import { where } from './engine/filter.js'
import { DOCUMENT_ID } from './engine/fieldPath.js'
import { DOCUMENT_PATH, DOCUMENT_PROJECT } from './engine/documentRef.js'
import { failedListener, usablePathError } from './failedListener.js'
import { FieldPath } from './engine/fieldPathInput.js'
import {
  DocumentSnapshot,
  QueryDocumentSnapshot,
  snapshotOf,
  type QuerySnapshot,
  type DocumentChange,
} from './snapshot.js'
import {
  autoId,
  checkDocId,
  checkUsablePath,
  checkWriteOptions,
  toDeleteWrite,
  toSetWrite,
  toUpdateWrite,
} from './engine/writeInput.js'
import { checkConverter, toStored, type AnyConverter } from './converter.js'
import type { LocalDoc, Store } from './client/store.js'
import type {
  DeepReadonly,
  DocumentData,
  PartialWithFieldValue,
  SetOptions,
  UpdateData,
  WithFieldValue,
  WriteOptions,
} from './types.js'

/** Receives a live query's changes and the full result they lead to. */
export type QueryListener<T> = (changes: DocumentChange<T>[], snapshot: QuerySnapshot<T>) => void

/** Receives a document's changes (at most one per call) and its current snapshot. */
export type DocumentListener<T> = (
  changes: DocumentChange<T>[],
  snapshot: DocumentSnapshot<T>,
) => void

/**
 * A collection: a query over all its documents, plus `doc()` and `add()`. `T` is the type its
 * documents read as, `DbT` the stored shape that field paths name (the same unless a converter
 * is set with {@link CollectionReference.withConverter}).
 */
export class CollectionReference<T = DocumentData, DbT = T> extends Query<T, DbT> {
  /** @internal */
  constructor(
    store: Store,
    /** The collection path, such as `'users'` or `'users/u1/posts'`. */ readonly path: string,
    /** @internal The converter of its documents, or null. */ readonly converter: AnyConverter | null = null,
  ) {
    super(store, null, { collection: path, orderBy: [] })
  }

  /**
   * The same collection read and written as `U` through `converter` (Cloud Firestore's
   * `withConverter`): reads give `converter.fromFirestore(snapshot)`, `set()`/`add()` store
   * `converter.toFirestore(model)`. References and queries made from it keep the converter;
   * `withConverter(null)` removes it.
   */
  override withConverter(converter: null): CollectionReference<DbT, DbT>
  override withConverter<U, D = DbT>(converter: MetalDataConverter<U, D>): CollectionReference<U, D>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads give the types
  override withConverter(converter: unknown): CollectionReference<any, any> {
    return new CollectionReference(
      this.store,
      this.path,
      checkConverter('withConverter()', converter),
    )
  }

  /** @internal The snapshot of a local document, converted when a converter is set. */
  convertedSnapshot(local: LocalDoc, fromCache = false): QueryDocumentSnapshot<T> | undefined {
    const c = this.converter
    if (!c) return undefined
    return convertedSnapshotOf(this, c, local, fromCache)
  }

  /** The last segment of the path. */
  get id(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1)
  }

  /** A reference to the document with `id`, or to a new document with a random id. */
  doc(id?: string): DocumentReference<T, DbT> {
    return new DocumentReference<T, DbT>(
      this,
      this.store,
      id === undefined ? autoId() : checkDocId('doc()', id, false),
    )
  }

  /** Creates a document with a random id. Resolves with its reference once committed. */
  async add(data: WithFieldValue<T>, options?: WriteOptions): Promise<DocumentReference<T, DbT>> {
    const ref = this.doc()
    const stored = toStored(this.converter, data, undefined)
    const write = toSetWrite('add()', this.path, ref.id, stored, undefined, this.store.writeInput)
    await this.store.commit(
      [{ ...write, precondition: { exists: false } }],
      checkWriteOptions('add()', options),
    )
    return ref
  }

  /** @internal The collection at `path` of the same client (a collection group's results). */
  at(path: string): CollectionReference<T, DbT> {
    return new CollectionReference<T, DbT>(this.store, path, this.converter)
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

/**
 * A reference to one document: read it, write it, or listen to it. `T` is the type it reads as,
 * `DbT` its stored shape, which `update()` names (the same unless a converter is set).
 */
export class DocumentReference<T = DocumentData, DbT = T> {
  /** @internal */
  constructor(
    /** The collection the document is in. */ readonly parent: CollectionReference<T, DbT>,
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

  /** @internal The project of the client it belongs to (a write in another project refuses it). */
  get [DOCUMENT_PROJECT](): string | undefined {
    return this.store.writeInput.project
  }

  /** The same document read and written as `U` through `converter`; see {@link CollectionReference.withConverter}. */
  withConverter(converter: null): DocumentReference<DbT, DbT>
  withConverter<U, D = DbT>(converter: MetalDataConverter<U, D>): DocumentReference<U, D>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads give the types
  withConverter(converter: unknown): DocumentReference<any, any> {
    return new DocumentReference(this.parent.withConverter(converter as null), this.store, this.id)
  }

  /**
   * Reads the document once, with pending local writes applied: from the backend, or from the
   * local cache while offline or when `{ source: 'cache' }` says so
   * (`metadata.fromCache`). See {@link GetOptions}.
   */
  async get(options?: GetOptions): Promise<DocumentSnapshot<T>> {
    const source = getSource('get()', options)
    checkUsablePath('get()', this.path)
    const { doc, fromCache } = await this.store.readDoc(this.parent.path, this.id, source)
    return doc
      ? snapshotOf(this.parent, doc, fromCache)
      : new DocumentSnapshot(this.parent, this.id, null, fromCache)
  }

  /** Replaces the document, or merges into it with `{ merge: true }` (or a list of field paths). */
  set(data: WithFieldValue<T>, options?: SetOptions & WriteOptions): Promise<void>
  set(
    data: PartialWithFieldValue<T>,
    options: SetOptions & WriteOptions & { merge: true | readonly (string | FieldPath)[] },
  ): Promise<void>
  set(data: unknown, options?: SetOptions & WriteOptions): Promise<void> {
    try {
      const stored = toStored(this.parent.converter, data, options)
      const write = toSetWrite(
        'set()',
        this.parent.path,
        this.id,
        stored,
        options,
        this.store.writeInput,
      )
      return this.store.commit([write], options)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * Changes fields of an existing document (`not-found` when it does not exist). Keys are dotted
   * paths (`{ 'metadata.lastLogin': Date.now() }`); also takes `(field, value, …)` pairs.
   */
  update(data: UpdateData<DbT>, options?: WriteOptions): Promise<void>
  update(
    field: string | FieldPath,
    value: unknown,
    ...moreFieldsAndValues: unknown[]
  ): Promise<void>
  update(...args: unknown[]): Promise<void> {
    try {
      let options: WriteOptions | undefined
      if (typeof args[0] !== 'string' && !(args[0] instanceof FieldPath) && args.length > 1) {
        if (args.length > 2)
          throw invalidArgument(
            'update()',
            `expected (data, options?), got ${args.length} arguments`,
          )
        options = checkWriteOptions('update()', args[1])
        args = [args[0]]
      }
      const write = toUpdateWrite(
        'update()',
        this.parent.path,
        this.id,
        args,
        this.store.writeInput,
      )
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
    const reserved = usablePathError('subscribe()', this.path)
    if (reserved) return failedListener(reserved, onError)
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
  isEqual(other: DocumentReference<T, DbT>): boolean {
    return other instanceof DocumentReference && other.path === this.path
  }
}

// ─── Converters ─────────────────────────────────────────────────────────────────────────────────
// Kept beside the references: a converted snapshot is a snapshot, and the references name the
// converter's type (the reference/query/snapshot trio may import each other; nothing else may).
/* eslint-disable @typescript-eslint/no-explicit-any -- a converted snapshot of any stored shape */

/**
 * Converts between an app's model `AppModel` and the stored shape `DbModel` (Cloud Firestore's
 * FirestoreDataConverter): `db.collection<UserDoc>('users').withConverter(userConverter)`.
 */
export interface MetalDataConverter<AppModel, DbModel = DocumentData> {
  /** The stored data of a model written by `set()`, `add()`, `batch.set()` or `transaction.set()`. */
  toFirestore(model: WithFieldValue<AppModel>): WithFieldValue<DbModel>
  /** The stored data of a partial model written with `{ merge }` (the options say which). */
  toFirestore(
    model: PartialWithFieldValue<AppModel>,
    options: SetOptions,
  ): PartialWithFieldValue<DbModel>
  /**
   * The model of a stored document: `snapshot` is the snapshot of its stored data; `options` are
   * those given to `data(options)`.
   */
  fromFirestore(snapshot: QueryDocumentSnapshot<DbModel>, options?: unknown): AppModel
}

/** A snapshot read through a converter: `data()` is the model `fromFirestore` makes. */
class ConvertedSnapshot<T> extends QueryDocumentSnapshot<T> {
  private model: { value: T } | undefined

  constructor(
    collection: CollectionReference<T, any>,
    local: LocalDoc,
    private readonly converter: AnyConverter,
    /** @internal The snapshot of the stored data (cursors read it). */ readonly raw: QueryDocumentSnapshot,
    fromCache: boolean,
  ) {
    super(collection, local.id, local, fromCache)
  }

  override data(options?: unknown): DeepReadonly<T> {
    if (options !== undefined)
      return this.converter.fromFirestore(this.raw, options) as DeepReadonly<T>
    // Made once per snapshot: repeated reads (and rows built from them) keep one object.
    this.model ??= { value: this.converter.fromFirestore(this.raw) as T }
    return this.model.value as DeepReadonly<T>
  }
}

type ByConverter = WeakMap<AnyConverter, WeakMap<LocalDoc, ConvertedSnapshot<unknown>>>
/** Converted snapshots by converter and document state: read from the backend, or the cache. */
const byConverter: [ByConverter, ByConverter] = [new WeakMap(), new WeakMap()]

/**
 * The converted snapshot of a local document, made once per converter and document state. The
 * model is made now, so a converter that throws fails the read or the listen that asked (a
 * MetalError naming the document) rather than a later `data()`.
 */
function convertedSnapshotOf<T>(
  collection: CollectionReference<T, any>,
  converter: AnyConverter,
  local: LocalDoc,
  fromCache: boolean,
): QueryDocumentSnapshot<T> {
  const all = byConverter[fromCache ? 1 : 0]
  let snaps = all.get(converter)
  if (!snaps) all.set(converter, (snaps = new WeakMap()))
  const known = snaps.get(local)
  if (known) return known as ConvertedSnapshot<T>
  const raw: QueryDocumentSnapshot = snapshotOf(collection.withConverter(null), local, fromCache)
  const snap = new ConvertedSnapshot(collection, local, converter, raw, fromCache)
  try {
    snap.data()
  } catch (error) {
    if (error instanceof MetalError) throw error
    const why = error instanceof Error ? error.message : describe(error)
    const failure = invalidArgument(
      'withConverter()',
      `fromFirestore() failed on '${snap.ref.path}': ${why}`,
    )
    Object.defineProperty(failure, 'cause', { value: error })
    throw failure
  }
  snaps.set(local, snap as ConvertedSnapshot<unknown>)
  return snap
}
