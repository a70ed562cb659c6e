// One SQL implementation, two drivers: PGlite (embedded PostgreSQL in WASM, in memory or in a
// data folder) and node-postgres (`pg`) for a PostgreSQL server. Everything above this file
// speaks only `SqlDriver`.

/** Runs parameterised SQL. Values are always passed as parameters, never spliced into text. */
export interface SqlExecutor {
  /** Runs one statement and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>
}

/** A database the server stores in. */
export interface SqlDriver extends SqlExecutor {
  /** `'pglite'` or `'postgres'`. */
  readonly kind: 'pglite' | 'postgres'
  /**
   * Runs `fn` in a transaction (READ COMMITTED) on one connection: commits when it resolves,
   * rolls back when it rejects.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>
  /**
   * Calls `onNotify` for each NOTIFY on `channel`; resolves with a function that stops. After
   * the listening connection was lost and made again, `onNotify('')` is called once: some
   * notifications may have been missed.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  /** Closes every connection. */
  close(): Promise<void>
}
