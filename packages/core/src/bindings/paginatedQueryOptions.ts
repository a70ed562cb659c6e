import { describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID, getDocField, parseFieldPath } from '../engine/fieldPath.js'
import { effectiveOrderBy } from '../engine/querySpec.js'
import { type AbortSignalLike, type QueryClientLike } from './liveQueryRegistry.js'
import { DEFAULT_PAGE_SIZE, keepPreviousData, LIVE_QUERY_DEFAULTS } from './bindingDefaults.js'
import { converterKey, metalQueryKey } from './queryKey.js'
import { liveRowsEntry } from './queryOptions.js'
import { resolveQuery, type MetalQueryBuilder, type MetalQuerySource } from './querySource.js'
import { storedData, toRows, type MetalRow } from './rows.js'
import type { Query } from '../query.js'
import { FieldPath } from '../engine/fieldPathInput.js'
import type { Metal } from '../metal.js'
import type { DocumentData } from '../types.js'

/** A page cursor: the values of a row in the paginated query's sort fields. */
export type MetalCursor = readonly unknown[]

/** Which page a page of a paginated query is, and where it starts (TanStack's page param). */
export interface MetalPageParam {
  /** The page number, from 0. */
  readonly page: number
  /** Cursor mode: the page starts after the row with these sort values (a next page). */
  readonly after?: MetalCursor
  /** Cursor mode: the page ends before the row with these sort values (a previous page). */
  readonly before?: MetalCursor
}

/** The result of a paginated query: TanStack's infinite-query data. */
export interface MetalPages<T = DocumentData> {
  pages: MetalRow<T>[][]
  pageParams: MetalPageParam[]
}

/** How a paginated query finds its pages. */
export type MetalPaginationMode = 'cursor' | 'offset'

/** Options of {@link metalPaginatedQueryOptions}. */
export interface MetalPaginationOptions {
  /**
   * Rows per page.
   * @default 20
   */
  pageSize?: number
  /**
   * `'cursor'`: pages start after the last row of the page before (stable while rows are added
   * or removed before them; starts at the first page). `'offset'`: page `n` skips `n × pageSize`
   * rows, so any page can be opened directly with `page`.
   * @default 'cursor'
   */
  mode?: MetalPaginationMode
  /**
   * Offset mode: the page to start at (from 0); a change starts over at that page.
   * @default 0
   */
  page?: number
}

function checkPagination(call: string, options: MetalPaginationOptions | number | undefined) {
  const given = typeof options === 'number' ? { pageSize: options } : (options ?? {})
  const { pageSize = DEFAULT_PAGE_SIZE, mode = 'cursor', page } = given
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw invalidArgument(call, `pageSize must be a positive integer, got ${describe(pageSize)}`)
  }
  if (mode !== 'cursor' && mode !== 'offset') {
    throw invalidArgument(call, `mode must be 'cursor' or 'offset', got ${describe(mode)}`)
  }
  if (page !== undefined && mode !== 'offset') {
    throw invalidArgument(
      call,
      `page needs mode: 'offset' (cursor pages start at the first), got page ${describe(page)}`,
    )
  }
  const start = page ?? 0
  if (!Number.isInteger(start) || start < 0) {
    throw invalidArgument(call, `page must be a non-negative integer, got ${describe(page)}`)
  }
  return { pageSize, mode, start }
}

/**
 * Options for a paginated query (spread into `useInfiniteQuery`). The page it starts at is live
 * (page 0, or `page` in offset mode); each other page is read once with `get()` when fetched.
 * Pages go both ways: `fetchNextPage()` and `fetchPreviousPage()` (with TanStack's `maxPages`,
 * a pager that shows one page at a time). In cursor mode a document id is appended to the sort
 * so cursors never skip tied rows; it does not change the order. Pages other than the live one
 * do not follow changes until `refetch()`.
 *
 * `pagination` is the page size or {@link MetalPaginationOptions}.
 */
export function metalPaginatedQueryOptions<T = DocumentData>(
  client: QueryClientLike,
  metal: Metal,
  collection: string | MetalQuerySource<T>,
  build: MetalQueryBuilder<T> | undefined,
  pagination?: number | MetalPaginationOptions,
  call = 'metalPaginatedQueryOptions()',
) {
  const { pageSize, mode, start } = checkPagination(call, pagination)
  let query = resolveQuery(call, metal, collection, build)
  const { orderBy, limitType, offset } = query.spec
  if (limitType === 'last') {
    throw invalidArgument(call, "limitToLast() cannot be paged; sort with orderBy(field, 'desc')")
  }
  if (offset) throw invalidArgument(call, 'offset() cannot be paged; pages choose their offset')
  // Pages follow the query's whole order (implicit inequality keys made explicit), then the id.
  const order = effectiveOrderBy(query.spec)
  for (const o of order.slice(orderBy.length))
    query = query.orderBy(new FieldPath(...parseFieldPath(call, o.field)), o.direction)
  const last = order[order.length - 1]
  if (last?.field !== DOCUMENT_ID) query = query.orderBy(DOCUMENT_ID, last?.direction ?? 'asc')
  const fields = query.spec.orderBy.map((o) => parseFieldPath(call, o.field))
  const cursorOf = (row: MetalRow<T>): MetalCursor =>
    fields.map((path) => getDocField(row.id, storedData(row), path))

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stored shape
  const pageQuery = (param: MetalPageParam): Query<T, any> => {
    if (param.before) return query.endBefore(...param.before).limitToLast(pageSize)
    if (param.after) return query.startAfter(...param.after).limit(pageSize)
    const at = param.page * pageSize
    return at > 0 ? query.offset(at).limit(pageSize) : query.limit(pageSize)
  }
  const first: MetalPageParam = { page: start }
  const live = pageQuery(first)
  const isLive = (param: MetalPageParam | undefined) =>
    param !== undefined && param.page === start && !param.after && !param.before
  const queryKey = metalQueryKey(metal.projectId, live.spec, {
    ...converterKey(live.coll.converter),
    paginated: mode === 'cursor' ? true : 'offset',
  })
  // The live page may have moved (pages fetched before it) or gone (`maxPages`).
  const entry = () =>
    liveRowsEntry(client, metal, queryKey, live, (cached, rows) => {
      const data = cached as MetalPages<T> | undefined
      if (!data) return { pages: [rows], pageParams: [first] }
      const at = data.pageParams.findIndex(isLive)
      if (at < 0) return data
      const pages = [...data.pages]
      pages[at] = rows
      return { pages, pageParams: data.pageParams }
    })
  entry()
  return {
    ...LIVE_QUERY_DEFAULTS,
    placeholderData: keepPreviousData,
    queryKey,
    initialPageParam: first,
    queryFn: ({
      signal,
      pageParam,
    }: {
      signal?: AbortSignalLike
      pageParam: MetalPageParam
    }): Promise<MetalRow<T>[]> =>
      isLive(pageParam) ? entry().fetch(signal) : pageQuery(pageParam).get().then(toRows),
    getNextPageParam: (
      lastPage: MetalRow<T>[],
      _pages?: unknown,
      lastParam: MetalPageParam = first,
    ): MetalPageParam | undefined => {
      const row = lastPage[pageSize - 1]
      if (!row) return undefined
      const page = lastParam.page + 1
      return mode === 'cursor' ? { page, after: cursorOf(row) } : { page }
    },
    getPreviousPageParam: (
      firstPage: MetalRow<T>[],
      _pages?: unknown,
      firstParam: MetalPageParam = first,
    ): MetalPageParam | undefined => {
      if (firstParam.page === 0) return undefined
      const page = firstParam.page - 1
      // Back at the start page: read it live again.
      if (mode === 'offset' || page === start) return { page }
      const row = firstPage[0]
      return row ? { page, before: cursorOf(row) } : { page: 0 }
    },
  }
}
