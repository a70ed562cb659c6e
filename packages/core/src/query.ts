import { invalidArgument, MetalError } from './errors.js'
import { fieldName, specField } from './engine/fieldPathInput.js'
import { DocumentSnapshot, QuerySnapshot, snapshotOf, type DocumentChange } from './snapshot.js'
import { readResult } from './snapshot.js'
import { guardedListen, lazyListen, refusedListen } from './listenGuard.js'
import { checkCount, checkOrderBy, checkRunnable } from './engine/queryChecks.js'
import { and, or, type Filter } from './engine/filter.js'
import { appendFilter, toFilter } from './whereInput.js'
import { subscribeArgs, type SubscribeOptions } from './subscribeOptions.js'
import { cursorBound } from './cursorBound.js'
import { getSource, type GetOptions } from './getOptions.js'
import { checkIdOperands, groupBound } from './engine/collectionGroup.js'
import type { BoundSpec, QuerySpec } from './engine/querySpec.js'
import type { ViewChange } from './engine/liveView.js'
import type { LocalDoc, Store } from './client/store.js'
import type { AggregateQuerySnapshot } from './aggregateQuery.js'
import type { AggregateSpec } from './engine/aggregateSpec.js'
import type { CollectionReference, MetalDataConverter, QueryListener } from './reference.js'
import type {
  DocumentData,
  DocumentIdName,
  FieldPathString,
  OrderByDirection,
  QueryField,
  Unsubscribe,
  WhereFilterOp,
} from './types.js'

/**
 * An immutable query over one collection. Builder methods return a new query and throw
 * `invalid-argument` synchronously; `get()` reads once, `subscribe()` stays live. Documents read
 * as `T`; field paths name the stored shape `DbT` (not `T` only with {@link Query.withConverter}).
 */
export class Query<T = DocumentData, DbT = T> {
  /** @internal */
  constructor(
    /** @internal */ protected readonly store: Store,
    /** @internal */ private readonly collectionRef: CollectionReference<T, DbT> | null,
    /** The query as plain data (what is sent to a backend). */
    readonly spec: QuerySpec,
  ) {}

  /** @internal The collection this query reads (with the converter its results go through). */
  get coll(): CollectionReference<T, DbT> {
    return this.collectionRef ?? (this as unknown as CollectionReference<T, DbT>)
  }

  private with(patch: Partial<QuerySpec>): Query<T, DbT> {
    return new Query<T, DbT>(this.store, this.coll, { ...this.spec, ...patch })
  }

  /** This query with results read through `converter`; see {@link CollectionReference.withConverter}. */
  withConverter(converter: null): Query<DbT, DbT>
  withConverter<U, D = DbT>(converter: MetalDataConverter<U, D>): Query<U, D>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads give the types
  withConverter(converter: unknown): Query<any, any> {
    return new Query(this.store, this.coll.withConverter(converter as null), this.spec)
  }

  /**
   * Narrows the query. Takes `(field, op, value)`, a filter built with `where()`/`or()`/`and()`,
   * or an object whose every key must equal its value (`where({ status: 'active' })`).
   */
  where(field: QueryField<DbT>, op: WhereFilterOp, value: unknown): Query<T, DbT>
  where(filter: Filter): Query<T, DbT>
  where(equalities: Partial<Record<FieldPathString<DbT> | DocumentIdName, unknown>>): Query<T, DbT>
  where(fieldOrFilter: unknown, op?: WhereFilterOp, value?: unknown): Query<T, DbT> {
    const filter = toFilter(fieldOrFilter, op, value, arguments.length)
    checkIdOperands('where()', this.spec, filter)
    return this.with({ filter: appendFilter(this.spec.filter, filter) })
  }

  /** Sorts by a field (`'asc'` by default); call again for secondary keys. */
  orderBy(fieldPath: QueryField<DbT>, direction: OrderByDirection = 'asc'): Query<T, DbT> {
    const field = specField('orderBy()', fieldPath)
    // A cursor holds values for the orderBy keys it was built with; a later key would not line up.
    if (this.spec.startAt || this.spec.endAt) {
      throw invalidArgument(
        'orderBy()',
        `orderBy('${fieldName(fieldPath)}') must come before startAt(), startAfter(), endAt() and endBefore()`,
      )
    }
    return this.with({
      orderBy: [...this.spec.orderBy, checkOrderBy('orderBy()', field, direction)],
    })
  }

  /** Keeps only the first `n` results. */
  limit(n: number): Query<T, DbT> {
    return this.with({ limit: checkCount('limit()', n, 'limit'), limitType: 'first' })
  }

  /** Keeps only the last `n` results (needs an `orderBy()`). */
  limitToLast(n: number): Query<T, DbT> {
    return this.with({ limit: checkCount('limitToLast()', n, 'limit'), limitType: 'last' })
  }

  /** Skips the first `n` results (the last `n` with `limitToLast()`). */
  offset(n: number): Query<T, DbT> {
    return this.with({ offset: checkCount('offset()', n, 'offset') })
  }

  /** Starts at a document snapshot, or at these values of the orderBy fields (inclusive). */
  startAt(...at: unknown[]): Query<T, DbT> {
    return this.with({ startAt: this.bound('startAt()', at, true) })
  }

  /** Starts after a document snapshot, or after these values of the orderBy fields. */
  startAfter(...at: unknown[]): Query<T, DbT> {
    return this.with({ startAt: this.bound('startAfter()', at, false) })
  }

  /** Ends at a document snapshot, or at these values of the orderBy fields (inclusive). */
  endAt(...at: unknown[]): Query<T, DbT> {
    return this.with({ endAt: this.bound('endAt()', at, true) })
  }

  /** Ends before a document snapshot, or before these values of the orderBy fields. */
  endBefore(...at: unknown[]): Query<T, DbT> {
    return this.with({ endAt: this.bound('endBefore()', at, false) })
  }

  private bound(call: string, at: unknown[], inclusive: boolean): BoundSpec {
    const snap = at.length === 1 && at[0] instanceof DocumentSnapshot ? at[0] : undefined
    const raw = (snap as { raw?: DocumentSnapshot } | undefined)?.raw ?? (snap as DocumentSnapshot) // stored data
    const bound = cursorBound(call, this.spec, at, inclusive, raw)
    return this.spec.group ? groupBound(call, this.spec, bound, snap?.ref.path) : bound
  }

  /** Reads the result once, pending local writes applied; {@link GetOptions} says from where. */
  async get(options?: GetOptions): Promise<QuerySnapshot<T>> {
    const source = getSource('get()', options)
    checkRunnable('get()', this.spec)
    const { docs, fromCache } = await this.store.runQuery(this.spec, source)
    return readResult(this as unknown as Query<T>, this.coll, docs, fromCache)
  }

  /** Same as {@link Query.get}. */
  execute(options?: GetOptions): Promise<QuerySnapshot<T>> {
    return this.get(options)
  }

  /**
   * Listens to the result: `onChanges` is called once with every current match as `added`
   * (possibly `[]`), then once per write that changes the result. With
   * `{ includeMetadataChanges: true }` also when only `hasPendingWrites` changed, so the snapshot
   * in which a write is saved arrives. Returns the unsubscribe.
   */
  subscribe(onChanges: QueryListener<T>, options?: SubscribeOptions): Unsubscribe
  subscribe(
    onChanges: QueryListener<T>,
    onError?: (error: MetalError) => void,
    options?: SubscribeOptions,
  ): Unsubscribe
  subscribe(onChanges: QueryListener<T>, second?: unknown, third?: unknown): Unsubscribe {
    const { onError, ...options } = subscribeArgs('subscribe()', onChanges, second, third)
    const refused = refusedListen('subscribe()', this.spec.collection, onError)
    if (refused) return refused
    checkRunnable('subscribe()', this.spec)
    const coll = this.coll
    return guardedListen(
      (next, error) => this.store.listen(this.spec, { ...options, next, error }),
      // Every document is converted before the listener hears of any (a converter may throw).
      (changes: ViewChange<LocalDoc>[], window: LocalDoc[], fromCache: boolean) => {
        const docs = window.map((d) => snapshotOf(coll, d, fromCache))
        const docChanges: DocumentChange<T>[] = changes.map((c) => ({
          type: c.type,
          id: c.entry.id,
          doc: snapshotOf(coll, c.entry, fromCache),
          oldIndex: c.oldIndex,
          newIndex: c.newIndex,
        }))
        return new QuerySnapshot(this as unknown as Query<T>, docs, docChanges, fromCache)
      },
      (snapshot) => onChanges([...snapshot.changes], snapshot),
      (error) => {
        if (onError) onError(error)
        // Closing the client cancels every listen: nothing to report then.
        else if (error.code !== 'cancelled')
          console.error(`Metal: subscription to '${this.spec.collection}' failed:`, error)
      },
    )
  }

  // Aggregations run on the backend over committed data, after offset/limit/limitToLast (pending
  // local writes are not included), as Cloud Firestore's do. Their code loads on first use.

  /** Counts the documents of the result. */
  async count(): Promise<number> {
    checkRunnable('count()', this.spec)
    const { count, runOne } = await import('./aggregateQuery.js')
    return (await runOne(this.store, this.spec, count())) as number
  }

  /** Adds up `field`'s numeric values over the result (others are skipped; none sum to 0). */
  async sum(field: QueryField<DbT>): Promise<number> {
    const { sum, runOne } = await import('./aggregateQuery.js')
    const aggregate = sum(field)
    checkRunnable('sum()', this.spec)
    return (await runOne(this.store, this.spec, aggregate)) as number
  }

  /** Averages `field`'s numeric values over the result (others are skipped; none give null). */
  async average(field: QueryField<DbT>): Promise<number | null> {
    const { average, runOne } = await import('./aggregateQuery.js')
    const aggregate = average(field)
    checkRunnable('average()', this.spec)
    return runOne(this.store, this.spec, aggregate)
  }

  /**
   * Runs up to 5 aggregations in one request:
   * `(await q.aggregate({ n: count(), total: sum('price') })).data().total`.
   */
  async aggregate<S extends AggregateSpec>(aggregates: S): Promise<AggregateQuerySnapshot<S>> {
    checkRunnable('aggregate()', this.spec)
    const { runAggregate } = await import('./aggregateQuery.js')
    return runAggregate(this.store, 'aggregate()', this.spec, aggregates)
  }

  /**
   * Listens to the result's count: `onCount` is called with it once known, then each time a
   * write changes it (after a reconnect too). The backend keeps the count without re-reading
   * the collection. Offline, the first value waits for the connection. Returns the unsubscribe.
   */
  subscribeCount(
    onCount: (count: number) => void,
    onError?: (error: MetalError) => void,
  ): Unsubscribe {
    subscribeArgs('subscribeCount()', onCount, onError, undefined)
    const refused = refusedListen('subscribeCount()', this.spec.collection, onError)
    if (refused) return refused
    checkRunnable('subscribeCount()', this.spec)
    return lazyListen(async () => {
      const { listenCount } = await import('./aggregateQuery.js')
      return () => listenCount(this.store, this.spec, onCount, onError)
    })
  }

  /** Starts a composite chain on this query: `.where(A).or(B).and(C)` means `(A OR B) AND C`. */
  composite(): CompositeQuery<T, DbT> {
    return new CompositeQuery(this, undefined)
  }

  /** The query as plain data: a stable, serialisable key. */
  toJSON(): QuerySpec {
    return this.spec
  }

  /** True when both queries read the same collection with the same constraints. */
  isEqual(other: Query<T, DbT>): boolean {
    return other instanceof Query && JSON.stringify(other.spec) === JSON.stringify(this.spec)
  }
}

/**
 * A left-to-right filter chain: `where(A).or(B).and(C)` is `(A OR B) AND C`. Ordering, limits
 * and cursors pass through; `execute()`, `get()` and `subscribe()` run it.
 */
export class CompositeQuery<T = DocumentData, DbT = T> {
  /** @internal */
  constructor(
    private readonly base: Query<T, DbT>,
    private readonly filter: Filter | undefined,
  ) {}

  private next(filter: Filter): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base, filter)
  }

  /** Starts the chain, or ANDs a condition onto it. */
  where(field: QueryField<DbT>, op: WhereFilterOp, value: unknown): CompositeQuery<T, DbT>
  where(filter: Filter): CompositeQuery<T, DbT>
  where(fieldOrFilter: unknown, op?: WhereFilterOp, value?: unknown): CompositeQuery<T, DbT> {
    const f = toFilter(fieldOrFilter, op, value, arguments.length)
    return this.next(this.filter ? and(this.filter, f) : f)
  }

  /** ORs a condition with everything before it. */
  or(field: QueryField<DbT>, op: WhereFilterOp, value: unknown): CompositeQuery<T, DbT>
  or(filter: Filter): CompositeQuery<T, DbT>
  or(fieldOrFilter: unknown, op?: WhereFilterOp, value?: unknown): CompositeQuery<T, DbT> {
    const f = toFilter(fieldOrFilter, op, value, arguments.length)
    if (!this.filter) throw invalidArgument('composite().or()', 'needs a where() before it')
    return this.next(this.filter.type === 'or' ? or(...this.filter.filters, f) : or(this.filter, f))
  }

  /** ANDs a condition with everything before it. */
  and(field: QueryField<DbT>, op: WhereFilterOp, value: unknown): CompositeQuery<T, DbT>
  and(filter: Filter): CompositeQuery<T, DbT>
  and(fieldOrFilter: unknown, op?: WhereFilterOp, value?: unknown): CompositeQuery<T, DbT> {
    const f = toFilter(fieldOrFilter, op, value, arguments.length)
    if (!this.filter) throw invalidArgument('composite().and()', 'needs a where() before it')
    return this.next(and(...(this.filter.type === 'and' ? this.filter.filters : [this.filter]), f))
  }

  /** See {@link Query.orderBy}. */
  orderBy(field: QueryField<DbT>, direction?: OrderByDirection): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.orderBy(field, direction), this.filter)
  }

  /** See {@link Query.limit}. */
  limit(n: number): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.limit(n), this.filter)
  }

  /** See {@link Query.limitToLast}. */
  limitToLast(n: number): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.limitToLast(n), this.filter)
  }

  /** See {@link Query.offset}. */
  offset(n: number): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.offset(n), this.filter)
  }

  /** See {@link Query.startAt}. */
  startAt(...at: unknown[]): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.startAt(...at), this.filter)
  }

  /** See {@link Query.startAfter}. */
  startAfter(...at: unknown[]): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.startAfter(...at), this.filter)
  }

  /** See {@link Query.endAt}. */
  endAt(...at: unknown[]): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.endAt(...at), this.filter)
  }

  /** See {@link Query.endBefore}. */
  endBefore(...at: unknown[]): CompositeQuery<T, DbT> {
    return new CompositeQuery(this.base.endBefore(...at), this.filter)
  }

  /** The same chain with its results read through `converter`; see {@link Query.withConverter}. */
  withConverter(converter: null): CompositeQuery<DbT, DbT>
  withConverter<U, D = DbT>(converter: MetalDataConverter<U, D>): CompositeQuery<U, D>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads give the types
  withConverter(converter: unknown): CompositeQuery<any, any> {
    return new CompositeQuery(this.base.withConverter(converter as null), this.filter)
  }

  /** The chain as a plain {@link Query}. */
  query(): Query<T, DbT> {
    return this.filter ? this.base.where(this.filter) : this.base
  }

  /** Runs the query once; see {@link Query.get}. */
  execute(options?: GetOptions): Promise<QuerySnapshot<T>> {
    return this.query().get(options)
  }

  /** Same as {@link CompositeQuery.execute}. */
  get(options?: GetOptions): Promise<QuerySnapshot<T>> {
    return this.execute(options)
  }

  /** Listens to the result; see {@link Query.subscribe}. */
  subscribe(onChanges: QueryListener<T>, options?: SubscribeOptions): Unsubscribe
  subscribe(
    onChanges: QueryListener<T>,
    onError?: (error: MetalError) => void,
    options?: SubscribeOptions,
  ): Unsubscribe
  subscribe(onChanges: QueryListener<T>, second?: unknown, third?: unknown): Unsubscribe {
    const { onError, ...options } = subscribeArgs('subscribe()', onChanges, second, third)
    return this.query().subscribe(onChanges, onError, options)
  }

  /** Counts the result; see {@link Query.count}. */
  count(): Promise<number> {
    return this.query().count()
  }

  /** Sums a field over the result; see {@link Query.sum}. */
  sum(field: QueryField<DbT>): Promise<number> {
    return this.query().sum(field)
  }

  /** Averages a field over the result; see {@link Query.average}. */
  average(field: QueryField<DbT>): Promise<number | null> {
    return this.query().average(field)
  }

  /** Runs aggregations over the result; see {@link Query.aggregate}. */
  aggregate<S extends AggregateSpec>(aggregates: S): Promise<AggregateQuerySnapshot<S>> {
    return this.query().aggregate(aggregates)
  }

  /** Listens to the result's count; see {@link Query.subscribeCount}. */
  subscribeCount(
    onCount: (count: number) => void,
    onError?: (error: MetalError) => void,
  ): Unsubscribe {
    return this.query().subscribeCount(onCount, onError)
  }
}
