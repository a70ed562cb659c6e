// The engine, published as `@metal/core/engine`: values, field paths, filters, query specs, live
// views, the write router, applying writes, and the checks and wire codec a server needs.
export type {
  Value,
  DocumentData,
  WhereFilterOp,
  OrderByDirection,
  DocumentChangeType,
  SetOptions,
  WriteOptions,
} from './types.js'
export { compareStrings, compareValues, valuesEqual, typeRank } from './values.js'
export { isRefValue, REF_KEY } from './values.js'
export type { RefValue } from './values.js'
export { DOCUMENT_PATH, refValue } from './documentRef.js'
export {
  MAX_DOCUMENT_BYTES,
  MAX_DEPTH,
  utf8Length,
  documentSize,
  cloneDocument,
  cloneValueForQuery,
} from './documentValues.js'
export type { SentinelPolicy } from './documentValues.js'
export {
  DOCUMENT_ID,
  MAX_FIELD_PATH_BYTES,
  documentId,
  parseFieldPath,
  getField,
  getDocField,
  fieldGetter,
} from './fieldPath.js'
export type { FieldGetter } from './fieldPath.js'
export {
  FieldValue,
  serverTimestamp,
  increment,
  arrayUnion,
  arrayRemove,
  deleteField,
} from './fieldValues.js'
export type { FieldValueKind } from './fieldValues.js'
export {
  MAX_IN_VALUES,
  MAX_NOT_IN_VALUES,
  where,
  or,
  and,
  isFilter,
  compileFilter,
  equalityKeys,
} from './filter.js'
export type { Filter, FieldFilter, CompositeFilter, Predicate } from './filter.js'
export { compileQuery } from './querySpec.js'
export type { QuerySpec, OrderSpec, BoundSpec, Entry, CompiledQuery } from './querySpec.js'
export { checkCount, checkOrderBy, checkCursorValues, checkRunnable } from './queryChecks.js'
export { LiveView, runQuery, sameData } from './liveView.js'
export type { ViewChange } from './liveView.js'
export { TargetRouter } from './router.js'
export { applyWrite, checkPrecondition } from './write.js'
export type { Write, SetWrite, UpdateWrite, DeleteWrite, StoredDoc, Precondition } from './write.js'
export {
  checkDocId,
  checkPath,
  checkCollectionPath,
  toSetWrite,
  toUpdateWrite,
  toDeleteWrite,
  autoId,
} from './writeInput.js'
export {
  TAG,
  encodeValue,
  encodeDocument,
  encodeWrite,
  encodeFilter,
  encodeQuerySpec,
} from './codec.js'
export type { Json, WireFilter, WireBound, WireQuerySpec, WireWrite } from './codec.js'
export { decodeDocument, decodeWrite, decodeQuerySpec, checkVersion } from './wireDecode.js'
export { within, wireObject, wireArray, own } from './wireShape.js'
export type { WireObject } from './wireShape.js'
export { describe, invalidArgument } from '../errors.js'
export {
  checkGroupDocPath,
  checkGroupId,
  checkIdOperands,
  docPath,
  groupOf,
  inGroup,
  isGroupQuery,
  splitDocPath,
} from './collectionGroup.js'
