import { getDocField } from './engine/fieldPath.js'
import { userFieldSegments, type FieldPath } from './engine/fieldPathInput.js'
import { withReferences } from './referenceValues.js'
import type { LocalDoc } from './client/store.js'
import type { DeepReadonly, DocumentChangeType, DocumentData } from './types.js'
import type { CollectionReference, DocumentReference } from './reference.js'
import type { Query } from './query.js'

/** A document read at one moment: `exists`, `data()`, and whether local writes are pending. */
export class DocumentSnapshot<T = DocumentData> {
  /** @internal */
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
    /** @internal */ protected readonly collection: CollectionReference<T, any>,
    /** The document id. */ readonly id: string,
    /** @internal */ protected readonly local: LocalDoc | null,
  ) {}

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
   * Stored references come back as DocumentReferences of this client.
   */
  data(): DeepReadonly<T> | undefined {
    return this.local ? (this.client(this.local.data) as DeepReadonly<T>) : undefined
  }

  /** The value at a dotted field path or a {@link FieldPath}, or `undefined`. */
  get(field: string | FieldPath): unknown {
    if (!this.local) return undefined
    return this.client(getDocField(this.id, this.local.data, userFieldSegments('get()', field)))
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

  /** The document's data (deep-frozen; copy it to edit). */
  override data(): DeepReadonly<T> {
    return this.client((this.local as LocalDoc).data) as DeepReadonly<T>
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
  ) {}

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
): QueryDocumentSnapshot<T> {
  const converted = collection.convertedSnapshot(local)
  if (converted) return converted
  const cached = local.snapshot as QueryDocumentSnapshot<T> | undefined
  if (cached) return cached
  // A collection group query's documents each come from their own collection.
  const parent = local.collection === collection.path ? collection : collection.at(local.collection)
  const snap = new QueryDocumentSnapshot(parent, local.id, local)
  local.snapshot = snap
  return snap
}
