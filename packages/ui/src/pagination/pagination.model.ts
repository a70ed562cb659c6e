import { MetalError } from '@metal/core'
import { describeValue } from '../describeValue.js'
import type {
  PaginationEvent,
  PaginationInfo,
  PaginationItem,
  PaginationOptions,
  PaginationRange,
  PaginationState,
} from './pagination.types.js'

/** Rows per page when none is given. */
export const DEFAULT_PAGE_SIZE = 20
/** Choices of the rows-per-page select when none are given. */
export const DEFAULT_PAGE_SIZE_OPTIONS: readonly number[] = [10, 20, 50, 100]

// ─── Validation ─────────────────────────────────────────────────────────────────────────────────

function invalid(call: string, field: string, rule: string, value: unknown): MetalError {
  return new MetalError(
    'invalid-argument',
    `${call}: ${field} must be ${rule}, got ${describeValue(value)}`,
  )
}

function checkInteger(call: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const rule = min === 1 ? 'a positive integer' : `an integer of at least ${min}`
    throw invalid(call, field, rule, value)
  }
  return value
}

// ─── State ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Creates a pagination state from options, validating every one of them: a bad option throws a
 * `MetalError` ('invalid-argument') naming the call, the option and the value.
 *
 * @param options - where to start and what is known about the data
 * @param call - the name errors are reported under, e.g. `'<Pagination>'`
 */
export function initPagination(
  options: PaginationOptions = {},
  call = 'initPagination()',
): PaginationState {
  if (typeof options !== 'object' || options === null) {
    throw invalid(call, 'options', 'an object', options)
  }
  const mode = options.mode ?? 'offset'
  if (mode !== 'offset' && mode !== 'cursor') {
    throw invalid(call, 'mode', "'offset' or 'cursor'", mode)
  }
  const page = checkInteger(call, 'page', options.page ?? 1, 1)
  const pageSize = checkInteger(call, 'pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE, 1)
  const siblingCount = checkInteger(call, 'siblingCount', options.siblingCount ?? 1, 0)
  const boundaryCount = checkInteger(call, 'boundaryCount', options.boundaryCount ?? 1, 0)
  const choices = options.pageSizeOptions ?? DEFAULT_PAGE_SIZE_OPTIONS
  if (!Array.isArray(choices)) {
    throw invalid(call, 'pageSizeOptions', 'an array of positive integers', choices)
  }
  choices.forEach((n, i) => checkInteger(call, `pageSizeOptions[${i}]`, n, 1))
  const pageSizeOptions = [...new Set([...choices, pageSize])].sort((a, b) => a - b)

  if (mode === 'cursor') {
    if (options.total !== undefined) {
      throw invalid(call, 'total', "undefined in cursor mode (use mode: 'offset')", options.total)
    }
    const hasNextPage = options.hasNextPage ?? false
    if (typeof hasNextPage !== 'boolean')
      throw invalid(call, 'hasNextPage', 'a boolean', hasNextPage)
    const count = options.pageItemCount
    if (count !== undefined) checkItemCount(call, count, pageSize)
    return {
      mode,
      page,
      pageSize,
      total: null,
      hasNextPage,
      pageItemCount: count ?? null,
      pageSizeOptions,
      siblingCount,
      boundaryCount,
    }
  }

  const total = checkInteger(call, 'total', options.total ?? 0, 0)
  if (options.pageItemCount !== undefined) {
    throw invalid(call, 'pageItemCount', 'undefined in offset mode', options.pageItemCount)
  }
  return {
    mode,
    page: Math.min(page, pageCountOf(total, pageSize)),
    pageSize,
    total,
    hasNextPage: false,
    pageItemCount: null,
    pageSizeOptions,
    siblingCount,
    boundaryCount,
  }
}

function checkItemCount(call: string, count: unknown, pageSize: number): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > pageSize) {
    throw invalid(call, 'pageItemCount', `an integer from 0 to pageSize (${pageSize})`, count)
  }
  return count
}

function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** Pages in all, or `null` in cursor mode while more pages follow. */
export function getPageCount(state: PaginationState): number | null {
  if (state.mode === 'cursor') return state.hasNextPage ? null : state.page
  return pageCountOf(state.total ?? 0, state.pageSize)
}

// ─── Transitions ────────────────────────────────────────────────────────────────────────────────

function withPage(state: PaginationState, page: number): PaginationState {
  if (page === state.page) return state
  if (state.mode === 'offset') return { ...state, page }
  // Going back, the page left behind proves there is a next one; going on, its size is unknown.
  return {
    ...state,
    page,
    pageItemCount: null,
    hasNextPage: page < state.page ? true : state.hasNextPage,
  }
}

/**
 * The state after `event`. Pure: returns a new state, or the same one when nothing changes
 * (next on the last page, a page size that is already set). Bad event data throws a
 * `MetalError` ('invalid-argument'); a page that cannot be reached throws one too.
 */
export function paginate(state: PaginationState, event: PaginationEvent): PaginationState {
  const call = `paginate(${typeof event?.type === 'string' ? event.type : ''})`
  const pageCount = getPageCount(state)
  switch (event?.type) {
    case 'FIRST':
      return withPage(state, 1)
    case 'PREVIOUS':
      return withPage(state, Math.max(1, state.page - 1))
    case 'NEXT':
      if (state.mode === 'cursor')
        return state.hasNextPage ? withPage(state, state.page + 1) : state
      return withPage(state, Math.min(pageCount ?? 1, state.page + 1))
    case 'LAST':
      return state.mode === 'cursor' ? state : withPage(state, pageCount ?? 1)
    case 'GO_TO': {
      const page = checkInteger(call, 'page', event.page, 1)
      if (state.mode === 'cursor') {
        const reachable = page <= state.page || (page === state.page + 1 && state.hasNextPage)
        if (!reachable) {
          throw invalid(
            call,
            'page',
            `at most ${state.page + (state.hasNextPage ? 1 : 0)} in cursor mode, which moves one page at a time`,
            page,
          )
        }
        return withPage(state, page)
      }
      if (page > (pageCount ?? 1)) throw invalid(call, 'page', `from 1 to ${pageCount}`, page)
      return withPage(state, page)
    }
    case 'SET_PAGE_SIZE': {
      const pageSize = checkInteger(call, 'pageSize', event.pageSize, 1)
      if (pageSize === state.pageSize) return state
      const pageSizeOptions = state.pageSizeOptions.includes(pageSize)
        ? state.pageSizeOptions
        : [...state.pageSizeOptions, pageSize].sort((a, b) => a - b)
      if (state.mode === 'cursor') {
        // Cursors mark page boundaries of the old size: start again from the first page.
        return { ...state, pageSize, pageSizeOptions, page: 1, pageItemCount: null }
      }
      // Keep the first row that was on screen on screen.
      const firstRow = (state.page - 1) * state.pageSize
      const page = Math.min(
        Math.floor(firstRow / pageSize) + 1,
        pageCountOf(state.total ?? 0, pageSize),
      )
      return { ...state, pageSize, pageSizeOptions, page }
    }
    case 'SET_TOTAL': {
      if (state.mode !== 'offset') {
        throw new MetalError(
          'failed-precondition',
          `${call}: cursor mode has no total; send SET_CURSOR_INFO`,
        )
      }
      const total = checkInteger(call, 'total', event.total, 0)
      if (total === state.total) return state
      return { ...state, total, page: Math.min(state.page, pageCountOf(total, state.pageSize)) }
    }
    case 'SET_CURSOR_INFO': {
      if (state.mode !== 'cursor') {
        throw new MetalError(
          'failed-precondition',
          `${call}: offset mode has a total; send SET_TOTAL`,
        )
      }
      if (typeof event.hasNextPage !== 'boolean') {
        throw invalid(call, 'hasNextPage', 'a boolean', event.hasNextPage)
      }
      const count =
        event.pageItemCount === undefined
          ? null
          : checkItemCount(call, event.pageItemCount, state.pageSize)
      if (event.hasNextPage === state.hasNextPage && count === state.pageItemCount) return state
      return { ...state, hasNextPage: event.hasNextPage, pageItemCount: count }
    }
    default:
      throw invalid(
        'paginate()',
        'event.type',
        'FIRST, PREVIOUS, NEXT, LAST, GO_TO, SET_PAGE_SIZE, SET_TOTAL or SET_CURSOR_INFO',
        (event as { type?: unknown } | undefined)?.type,
      )
  }
}

// ─── Derived view data ──────────────────────────────────────────────────────────────────────────

function range(from: number, to: number): number[] {
  return from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/**
 * The page list for `page` of `count`: the first and last `boundaryCount` pages, `siblingCount`
 * pages either side of the current one, and an ellipsis for each gap. The list keeps the same
 * length wherever the current page is, so the buttons under the pointer do not jump.
 */
export function getPageItems(
  page: number,
  count: number,
  siblingCount = 1,
  boundaryCount = 1,
): PaginationItem[] {
  const item = (p: number): PaginationItem => ({ type: 'page', page: p, current: p === page })
  // Showing every page takes no more room than boundaries + siblings + current + two ellipses.
  if (count <= 2 * boundaryCount + 2 * siblingCount + 3) return range(1, count).map(item)

  const start = range(1, boundaryCount)
  const end = range(count - boundaryCount + 1, count)
  const siblingsStart = Math.max(
    Math.min(page - siblingCount, count - boundaryCount - 2 * siblingCount - 1),
    boundaryCount + 2,
  )
  const siblingsEnd = Math.min(
    Math.max(page + siblingCount, boundaryCount + 2 * siblingCount + 2),
    count - boundaryCount - 1,
  )
  return [
    ...start.map(item),
    siblingsStart > boundaryCount + 2
      ? { type: 'ellipsis', position: 'start' }
      : item(boundaryCount + 1),
    ...range(siblingsStart, siblingsEnd).map(item),
    siblingsEnd < count - boundaryCount - 1
      ? { type: 'ellipsis', position: 'end' }
      : item(count - boundaryCount),
    ...end.map(item),
  ]
}

const numberFormat = new Intl.NumberFormat('en-US')

/** The default range label: "1–20 of 135", "21–40 of many"; "0 of 0" when there are no rows. */
export function formatPaginationRange({ from, to, total }: PaginationRange): string {
  const n = (value: number) => numberFormat.format(value)
  const of = total === null ? 'many' : n(total)
  return from === 0 ? `0 of ${of}` : `${n(from)}–${n(to)} of ${of}`
}

/** The rows shown, the page list and which moves are possible, for a view to render. */
export function getPaginationInfo(
  state: PaginationState,
  formatRange: (range: PaginationRange) => string = formatPaginationRange,
): PaginationInfo {
  const pageCount = getPageCount(state)
  const first = (state.page - 1) * state.pageSize
  let from: number
  let to: number
  let total: number | null
  if (state.mode === 'cursor') {
    const count = state.pageItemCount ?? state.pageSize
    from = count === 0 ? 0 : first + 1
    to = count === 0 ? 0 : first + count
    total = state.hasNextPage ? null : first + count
  } else {
    total = state.total ?? 0
    from = total === 0 ? 0 : first + 1
    to = Math.min(first + state.pageSize, total)
  }
  const canGoPrevious = state.page > 1
  const canGoNext = state.mode === 'cursor' ? state.hasNextPage : state.page < (pageCount ?? 1)
  return {
    from,
    to,
    total,
    pageCount,
    items:
      state.mode === 'cursor'
        ? []
        : getPageItems(state.page, pageCount ?? 1, state.siblingCount, state.boundaryCount),
    label: formatRange({ from, to, total }),
    canGoFirst: canGoPrevious,
    canGoPrevious,
    canGoNext,
    canGoLast: state.mode === 'offset' && canGoNext,
  }
}
