export { Metal } from './metal.js'
export type { MetalOptions, CacheOptions } from './metal.js'
export type { EmbeddedOptions } from './backends/memory/embeddedOptions.js'
export { Database } from './database.js'
export { CollectionReference, DocumentReference } from './reference.js'
export type { DocumentListener, QueryListener } from './reference.js'
export { Query, CompositeQuery } from './query.js'
export type { SubscribeOptions } from './subscribeOptions.js'
export { count, sum, average } from './aggregateFields.js'
export type { AggregateData } from './aggregateFields.js'
export type { AggregateQuerySnapshot } from './aggregateQuery.js'
export { MAX_AGGREGATIONS } from './engine/aggregateLimits.js'
export type {
  Aggregate,
  AggregateSpec,
  AggregateValues,
  CountAggregate,
  SumAggregate,
  AverageAggregate,
} from './engine/aggregateSpec.js'
export { where, or, and, MAX_IN_VALUES, MAX_NOT_IN_VALUES } from './engine/filter.js'
export type { Filter, FieldFilter, CompositeFilter } from './engine/filter.js'
export type { QuerySpec, OrderSpec, BoundSpec } from './engine/querySpec.js'
export { DocumentSnapshot, QueryDocumentSnapshot, QuerySnapshot } from './snapshot.js'
export type { DocumentChange } from './snapshot.js'
export { SnapshotMetadata } from './snapshot.js'
export type { SnapshotOptions, ServerTimestampBehavior } from './snapshot.js'
export type { GetOptions, GetSource } from './getOptions.js'
export { WriteBatch } from './batch.js'
export type { Transaction } from './transaction.js'
export type { TransactionOptions } from './transaction.js'
export {
  FieldValue,
  serverTimestamp,
  increment,
  arrayUnion,
  arrayRemove,
  deleteField,
} from './engine/fieldValues.js'
export type { FieldValueKind } from './engine/fieldValues.js'
export { documentId, FieldPath } from './engine/fieldPathInput.js'
export type { MetalDataConverter } from './reference.js'
export { MetalError, isMetalErrorCode } from './errors.js'
export type { MetalErrorCode } from './errors.js'
export type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
  TargetChange,
  VersionCheck,
  Requester,
} from './protocol/backend.js'
export type {
  Write,
  SetWrite,
  UpdateWrite,
  DeleteWrite,
  StoredDoc,
  Precondition,
} from './engine/write.js'
export { MAX_DOCUMENT_BYTES } from './engine/documentValues.js'
export type {
  Value,
  DocumentData,
  WhereFilterOp,
  OrderByDirection,
  DocumentChangeType,
  FieldPathString,
  FieldPathValue,
  QueryField,
  WithFieldValue,
  PartialWithFieldValue,
  UpdateData,
  DeepReadonly,
  SetOptions,
  WriteOptions,
  Unsubscribe,
} from './types.js'
export { Auth } from './auth/auth.js'
export type { AuthOptions, AuthStatus, AuthChangeReason, AuthListener } from './auth/auth.js'
export { decodeJwt } from './protocol/jwt.js'
export type { Session, SessionData, Credential } from './protocol/session.js'
export { Presence } from './presence/presence.js'
export type { PresenceState, PresenceOptions, PresenceListenOptions } from './presence/presence.js'
export type {
  PresenceMember,
  PresenceMemberData,
  PresenceMessage,
  PresenceEventType,
  PresenceDiff,
} from './protocol/presence.js'
export { Sync, SyncWriteError } from './sync/sync.js'
export type {
  SyncOptions,
  SyncStatus,
  SyncEvents,
  Conflict,
  ConflictStrategy,
  ConflictResolution,
} from './sync/sync.js'
export type { StoreOptions as SyncStoreOptions } from './client/store.js'
export { memoryStorage } from './client/storage.js'
export type { KeyValueStorage } from './client/storage.js'
export { indexedDbStorage } from './client/indexedDbStorage.js'
