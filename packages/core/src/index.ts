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
  AccessRequest,
  AccessRules,
  Requester,
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
  DeepReadonly,
  SetOptions,
  WriteOptions,
} from './types.js'
export { Auth } from './auth/auth.js'
export type { AuthOptions, AuthStatus, AuthChangeReason, AuthListener } from './auth/auth.js'
export { decodeJwt } from './auth/session.js'
export type { Session, SessionData, Credential } from './auth/session.js'
export { Presence } from './presence/presence.js'
export type { PresenceState, PresenceOptions } from './presence/presence.js'
export type { PresenceMember, PresenceEventType, PresenceDiff } from './presence/presenceHub.js'
export { Sync } from './sync/sync.js'
export type {
  SyncOptions,
  SyncStatus,
  SyncEvents,
  Conflict,
  ConflictStrategy,
  ConflictResolution,
} from './sync/sync.js'
export type { StoreOptions as SyncStoreOptions } from './store/store.js'
export { memoryStorage } from './storage.js'
export type { KeyValueStorage } from './storage.js'
export { indexedDbStorage } from './sync/indexedDbStorage.js'
