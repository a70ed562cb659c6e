import { getDocField } from './engine/fieldPath.js'
import { userFieldSegments, type FieldPath } from './engine/fieldPathInput.js'
import { choiceOption } from './getOptions.js'
import { withTimestamps, type ServerTimestampBehavior } from './client/pendingTimestamps.js'
import { withReferences } from './referenceValues.js'
import type { LocalDoc } from './client/store.js'
import type { DeepReadonly, DocumentChangeType, DocumentData } from './types.js'
import type { CollectionReference, DocumentReference } from './reference.js'
import type { Query } from './query.js'

export type { ServerTimestampBehavior } from './client/pendingTimestamps.js'

/** Options of `data()` and `get()` on a snapshot. */
export interface SnapshotOptions {
  /**
   * How a `serverTimestamp()` the backend has not set yet reads: `'none'` as null,
   * `'estimate'` as the local time of the write, `'previous'` as the value it replaces (or null).
   * @default 'none'
   */
  readonly serverTimestamps?: ServerTimestampBehavior
}

const timestampBehavior = (call: string, options: unknown): ServerTimestampBehavior =>
  choiceOption(call, options, 'serverTimestamps', ['none', 'estimate', 'previous'])

/** Where a snapshot came from: Firestore's `SnapshotMetadata`. */
export class SnapshotMetadata {
  /** @internal */
  constructor(
    /** True while it holds local writes the backend has not committed yet. */
    readonly hasPendingWrites: boolean,
    /** True when it was read from the local cache, not confirmed by the backend (offline). */
    readonly fromCache: boolean,
  ) {}

  /** True when both say the same. */
  isEqual(other: SnapshotMetadata): boolean {
    return other.hasPendingWrites === this.hasPendingWrites && other.fromCache === this.fromCache
  }
}

/** A document read at one moment: `exists`, `data()`, and whether local writes are pending. */
export class DocumentSnapshot<T = DocumentData> {
  /** @internal */
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
    /** @internal */ protected readonly collection: CollectionReference<T, any>,
    /** The document id. */ readonly id: string,
    /** @internal */ protected readonly local: LocalDoc | null,
    /** @internal */ protected readonly fromCache = false,
  ) {}

  /** Whether it holds pending local writes, and whether it came from the local cache. */
  get metadata(): SnapshotMetadata {
    return new SnapshotMetadata(this.hasPendingWrites, this.fromCache)
  }

  /** Reference to the document this snapshot was read from. */
  get ref(): DocumentReference<T> {
    return this.collection.doc(this.id)
  }

  /** True when the document exists. */
  get exists(): boolean {
    return this.local !== null
  }

  /** True while local writes to this document are not yet committed by the backend. */
  get hasPendingWrites(): boolean {
    return this.local?.hasPendingWrites ?? false
  }

  /** Version of the committed state this snapshot is based on (0 before the first commit). */
  get version(): number {
    return this.local?.version ?? 0
  }

  /**
   * The document's data (deep-frozen; copy it to edit), or `undefined` when it does not exist.
   * Stored references come back as DocumentReferences of this client; a `serverTimestamp()` not
   * committed yet reads as null unless `options.serverTimestamps` says.
   */
  data(options?: SnapshotOptions): DeepReadonly<T> | undefined {
    return this.read('data()', options) as DeepReadonly<T> | undefined
  }

  /**
   * The value at a dotted field path or a {@link FieldPath}, or `undefined` (pending timestamps
   * as in `data()`).
   */
  get(field: string | FieldPath, options?: SnapshotOptions): unknown {
    const data = this.read('get()', options)
    if (!data) return undefined
    return getDocField(this.id, data, userFieldSegments('get()', field))
  }

  /** @internal True when a field of `fields` holds a `serverTimestamp()` not committed yet. */
  pendingTimestampIn(fields: readonly string[]): string | undefined {
    const pending = this.local?.serverTimestamps ?? []
    return fields.find((f) => pending.some((t) => t.path.join('.') === f))
  }

  private views: Partial<Record<ServerTimestampBehavior, DocumentData>> = {}

  private read(call: string, options: SnapshotOptions | undefined): DocumentData | undefined {
    const behavior = timestampBehavior(call, options)
    if (!this.local) return undefined
    // Made once per snapshot and behaviour: repeated reads return the same object.
    const { data, serverTimestamps } = this.local
    return (this.views[behavior] ??= this.client(
      withTimestamps(data, serverTimestamps, behavior),
    ) as DocumentData)
  }

  /** @internal A stored value as this client shows it (references as DocumentReferences). */
  protected client(value: unknown): unknown {
    return withReferences(value, this.collection.internalStore, (path) =>
      this.collection.refAt(path),
    )
  }
}

/** A snapshot of a document that matched a query: it always exists. */
export class QueryDocumentSnapshot<T = DocumentData> extends DocumentSnapshot<T> {
  override get exists(): true {
    return true
  }

  /** The document's data (deep-frozen; copy it to edit); see {@link DocumentSnapshot.data}. */
  override data(options?: SnapshotOptions): DeepReadonly<T> {
    return super.data(options) as DeepReadonly<T>
  }
}

/** One change to a query's result. Applying a snapshot's changes in order turns the previous `docs` into the new ones. */
export interface DocumentChange<T = DocumentData> {
  /** `added`: entered the result; `modified`: changed or moved; `removed`: left it. */
  readonly type: DocumentChangeType
  /** The document id. */
  readonly id: string
  /** The document as it is now (for `removed`, as it was last seen in the result). */
  readonly doc: QueryDocumentSnapshot<T>
  /** Index before this change, earlier changes applied (-1 for `added`). */
  readonly oldIndex: number
  /** Index after this change (-1 for `removed`). */
  readonly newIndex: number
}

/** The result of a query: its documents in order and the changes since the previous result. */
export class QuerySnapshot<T = DocumentData> {
  /** @internal */
  constructor(
    /** The query that produced this result. */ readonly query: Query<T>,
    /** The matching documents, in query order. */ readonly docs: readonly QueryDocumentSnapshot<T>[],
    /** What changed since the previous snapshot (all `added` for the first). */ readonly changes: readonly DocumentChange<T>[],
    /** @internal */ private readonly fromCache = false,
  ) {}

  /** Whether it holds pending local writes, and whether it came from the local cache. */
  get metadata(): SnapshotMetadata {
    return new SnapshotMetadata(this.hasPendingWrites, this.fromCache)
  }

  /** Number of documents. */
  get size(): number {
    return this.docs.length
  }

  /** True when no document matched. */
  get empty(): boolean {
    return this.docs.length === 0
  }

  /** True while any document in the result has local writes not yet committed. */
  get hasPendingWrites(): boolean {
    return this.docs.some((d) => d.hasPendingWrites)
  }

  /** Calls `callback` for each document, in order. */
  forEach(callback: (doc: QueryDocumentSnapshot<T>, index: number) => void): void {
    this.docs.forEach(callback)
  }
}

/** The snapshot object of a local document, made once per state. */
export function snapshotOf<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
  collection: CollectionReference<T, any>,
  local: LocalDoc,
  fromCache = false,
): QueryDocumentSnapshot<T> {
  // A collection group query's documents each come from their own collection.
  const parent = local.collection === collection.path ? collection : collection.at(local.collection)
  const converted = parent.convertedSnapshot(local, fromCache)
  if (converted) return converted
  // One object per state and source, so unchanged documents stay identical across results.
  const slot = fromCache ? 'cachedSnapshot' : 'snapshot'
  const cached = local[slot] as QueryDocumentSnapshot<T> | undefined
  if (cached) return cached
  const snap = new QueryDocumentSnapshot(parent, local.id, local, fromCache)
  local[slot] = snap
  return snap
}

/** A one-time read's result: every document as `added`. */
export function readResult<T>(
  query: Query<T>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
  collection: CollectionReference<T, any>,
  docs: readonly LocalDoc[],
  fromCache: boolean,
): QuerySnapshot<T> {
  const snaps = docs.map((d) => snapshotOf(collection, d, fromCache))
  const changes = snaps.map((doc, i): DocumentChange<T> => ({
    type: 'added',
    id: doc.id,
    doc,
    oldIndex: -1,
    newIndex: i,
  }))
  return new QuerySnapshot(query, snaps, changes, fromCache)
}
