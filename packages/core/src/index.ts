export { Metal } from './metal.js'
export type { MetalOptions } from './metal.js'
export { Database } from './database.js'
export { CollectionReference, DocumentReference } from './reference.js'
export type { DocumentListener } from './reference.js'
export { Query, CompositeQuery } from './query/query.js'
export type { QueryListener, QueryField, Unsubscribe } from './query/query.js'
export { where, or, and, MAX_IN_VALUES, MAX_NOT_IN_VALUES } from './query/filter.js'
export type { Filter, FieldFilter, CompositeFilter } from './query/filter.js'
export type { QuerySpec, OrderSpec, BoundSpec } from './query/querySpec.js'
export { DocumentSnapshot, QueryDocumentSnapshot, QuerySnapshot } from './snapshot.js'
export type { DocumentChange } from './snapshot.js'
export { WriteBatch } from './batch.js'
export { Transaction } from './transaction.js'
export type { TransactionOptions } from './transaction.js'
export {
  FieldValue,
  serverTimestamp,
  increment,
  arrayUnion,
  arrayRemove,
  deleteField,
} from './fieldValues.js'
export type { FieldValueKind } from './fieldValues.js'
export { documentId } from './fieldPath.js'
export { MetalError, isMetalErrorCode } from './errors.js'
export type { MetalErrorCode } from './errors.js'
export { MemoryBackend, memory } from './backends/memory.js'
export type { MemoryBackendOptions } from './backends/memory.js'
export type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
  TargetChange,
  VersionCheck,
} from './backends/backend.js'
export type { Write, SetWrite, UpdateWrite, DeleteWrite, StoredDoc, Precondition } from './write.js'
export { MAX_DOCUMENT_BYTES } from './values.js'
export type {
  Value,
  DocumentData,
  WhereFilterOp,
  OrderByDirection,
  DocumentChangeType,
  FieldPath,
  FieldPathValue,
  WithFieldValue,
  PartialWithFieldValue,
  UpdateData,
  SetOptions,
  WriteOptions,
} from './types.js'
export { metalQueryKey, metalDocKey, normaliseQuery, hashQueryKey } from './bindings/queryKey.js'
export type { MetalQueryKey, NormalisedQuery } from './bindings/queryKey.js'
export { toRow, toRows } from './bindings/rows.js'
export type { MetalRow } from './bindings/rows.js'
export { liveQueryRegistry } from './bindings/liveQueryRegistry.js'
export type {
  LiveEntry,
  LiveQueryRegistry,
  AbortSignalLike,
  CachedQuery,
  LiveMerge,
  LiveSource,
  QueryCacheEvent,
  QueryClientLike,
} from './bindings/liveQueryRegistry.js'
export {
  metalQueryOptions,
  metalDocOptions,
  metalPaginatedQueryOptions,
  resolveQuery,
  retryTransient,
} from './bindings/queryOptions.js'
export type { MetalCursor, MetalPages, MetalQueryBuilder } from './bindings/queryOptions.js'
export { runMetalWrite } from './bindings/writes.js'
export type { MetalWrite } from './bindings/writes.js'
