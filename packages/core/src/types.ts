import type { FieldValue } from './engine/fieldValues.js'
import type { DocumentPathCarrier } from './engine/documentRef.js'
import type {
  DocumentData,
  DocumentChangeType,
  OrderByDirection,
  SetOptions,
  Value,
  WhereFilterOp,
  WriteOptions,
} from './engine/types.js'

export type {
  DocumentData,
  DocumentChangeType,
  OrderByDirection,
  SetOptions,
  Value,
  WhereFilterOp,
  WriteOptions,
}

/** Stops a subscription or listener; calling it again does nothing. */
export type Unsubscribe = () => void

type Primitive = string | number | boolean | null | undefined | bigint | symbol
/** Values written and read whole: primitives and document references. */
type Leaf = Primitive | DocumentPathCarrier
type Prev = [never, 0, 1, 2, 3, 4]

/**
 * Dotted field paths of `T`, up to four levels deep: `'name' | 'metadata' | 'metadata.lastLogin'`.
 * For untyped collections this is `string`.
 */
export type FieldPath<T, Depth extends number = 4> = [Depth] extends [never]
  ? never
  : string extends keyof T
    ? string
    : {
        [K in keyof T & string]: NonNullable<T[K]> extends Leaf | readonly unknown[]
          ? K
          : K | `${K}.${FieldPath<NonNullable<T[K]>, Prev[Depth]>}`
      }[keyof T & string]

/** The type of the value at dotted path `P` in `T`. */
export type FieldPathValue<T, P extends string> = string extends keyof T
  ? unknown
  : P extends `${infer K}.${infer Rest}`
    ? K extends keyof T
      ? FieldPathValue<NonNullable<T[K]>, Rest>
      : unknown
    : P extends keyof T
      ? T[P]
      : unknown

/**
 * `T` with every property and array element readonly, at every depth. Metal freezes the data it
 * hands out (`snapshot.data()`, rows, hook results) because the store shares those objects between
 * readers; this is their type. Copy before editing: `{ ...data, name }` or `structuredClone(data)`.
 * `any` and `unknown` stay as they are, so untyped collections read as before.
 */
export type DeepReadonly<T> = unknown extends T
  ? T
  : T extends Leaf | ((...args: never[]) => unknown)
    ? T
    : { readonly [K in keyof T]: DeepReadonly<T[K]> }

/** What a field may be written as: its value, or a sentinel such as `increment(1)`. */
export type WithFieldValue<T> = T extends Leaf
  ? T | FieldValue
  : T extends readonly unknown[]
    ? T | FieldValue
    : { [K in keyof T]: WithFieldValue<T[K]> | FieldValue }

/** A partial, possibly nested, document for `set(data, { merge: true })`. */
export type PartialWithFieldValue<T> = T extends Leaf
  ? T | FieldValue
  : T extends readonly unknown[]
    ? T | FieldValue
    : { [K in keyof T]?: PartialWithFieldValue<T[K]> | FieldValue }

/** The argument of `update()`: dotted paths mapped to new values or sentinels. */
export type UpdateData<T> = string extends keyof T
  ? { [path: string]: unknown }
  : { [P in FieldPath<T>]?: FieldPathValue<T, P> | FieldValue }
