// The plain data types every layer shares: stored values, documents, operators and write options.

/** A value Metal can store: JSON-like data with finite numbers. */
export type Value =
  null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value }

/** The data of one document: a plain object of {@link Value}s. */
export type DocumentData = { [key: string]: any } // eslint-disable-line @typescript-eslint/no-explicit-any

/** The comparison operators `where()` accepts. */
export type WhereFilterOp =
  '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not-in' | 'array-contains' | 'array-contains-any'

/** Sort direction for `orderBy()`. */
export type OrderByDirection = 'asc' | 'desc'

/** The kind of a change in a live result. */
export type DocumentChangeType = 'added' | 'modified' | 'removed'

/** Options for `set()`. */
export interface SetOptions {
  /**
   * Merge into the existing document instead of replacing it: `true` merges every given field,
   * an array merges only those dotted paths.
   * @default false
   */
  merge?: boolean | readonly string[]
}

/** Options accepted by every write. */
export interface WriteOptions {
  /**
   * `'commit'` resolves when the backend has committed the write; `'local'` resolves as soon as it
   * is applied locally and queued (offline-first flows).
   * @default 'commit'
   */
  wait?: 'commit' | 'local'
}
