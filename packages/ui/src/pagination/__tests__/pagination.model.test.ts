import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import {
  formatPaginationRange,
  getPageItems,
  getPaginationInfo,
  initPagination,
  paginate,
} from '../pagination.model.js'
import type { PaginationItem, PaginationState } from '../pagination.types.js'

/** The page list as text: "1 2 3 4 5 … 10", current page in brackets. */
function show(items: PaginationItem[]): string {
  return items
    .map((i) => (i.type === 'ellipsis' ? '…' : i.current ? `[${i.page}]` : String(i.page)))
    .join(' ')
}

function expectInvalid(fn: () => unknown, message: string | RegExp) {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MetalError)
    expect((error as MetalError).code).toBe('invalid-argument')
    expect((error as MetalError).message).toMatch(message)
    return
  }
  throw new Error('expected a MetalError')
}

describe('initPagination', () => {
  it('starts on page 1 of 20 rows in offset mode', () => {
    const state = initPagination({ total: 135 })
    expect(state).toMatchObject({ mode: 'offset', page: 1, pageSize: 20, total: 135 })
    expect(state.pageSizeOptions).toEqual([10, 20, 50, 100])
  })

  it('adds a page size that is not among the options, in order', () => {
    expect(initPagination({ pageSize: 25 }).pageSizeOptions).toEqual([10, 20, 25, 50, 100])
  })

  it('clamps a page past the last one to the last page', () => {
    expect(initPagination({ total: 45, page: 9 }).page).toBe(3)
    expect(initPagination({ total: 0, page: 4 }).page).toBe(1)
  })

  it('rejects bad options naming the call, the option and the value', () => {
    expectInvalid(
      () => initPagination({ page: 0 }),
      'initPagination(): page must be a positive integer, got 0',
    )
    expectInvalid(
      () => initPagination({ pageSize: 2.5 }),
      'pageSize must be a positive integer, got 2.5',
    )
    expectInvalid(
      () => initPagination({ total: -1 }),
      'total must be an integer of at least 0, got -1',
    )
    expectInvalid(
      // @ts-expect-error a string is not a page
      () => initPagination({ page: '2' }),
      "page must be a positive integer, got '2'",
    )
    expectInvalid(
      // @ts-expect-error not a mode
      () => initPagination({ mode: 'pages' }),
      "mode must be 'offset' or 'cursor', got 'pages'",
    )
    expectInvalid(() => initPagination({ pageSizeOptions: [10, 0] }), 'pageSizeOptions[1] must be')
    expectInvalid(
      () => initPagination({ siblingCount: -1 }, '<Pagination>'),
      '<Pagination>: siblingCount must be an integer of at least 0, got -1',
    )
  })

  it('rejects options that belong to the other mode', () => {
    expectInvalid(
      () => initPagination({ mode: 'cursor', total: 5 }),
      'total must be undefined in cursor mode',
    )
    expectInvalid(
      () => initPagination({ pageItemCount: 5 }),
      'pageItemCount must be undefined in offset mode',
    )
    expectInvalid(
      () => initPagination({ mode: 'cursor', pageSize: 10, pageItemCount: 11 }),
      'pageItemCount must be an integer from 0 to pageSize (10), got 11',
    )
  })
})

describe('paginate in offset mode', () => {
  const at = (page: number, total = 135): PaginationState => initPagination({ page, total })

  it('moves next, previous, first and last', () => {
    expect(paginate(at(1), { type: 'NEXT' }).page).toBe(2)
    expect(paginate(at(4), { type: 'PREVIOUS' }).page).toBe(3)
    expect(paginate(at(4), { type: 'FIRST' }).page).toBe(1)
    expect(paginate(at(1), { type: 'LAST' }).page).toBe(7)
  })

  it('returns the same state for moves that are out of reach', () => {
    const first = at(1)
    const last = at(7)
    expect(paginate(first, { type: 'PREVIOUS' })).toBe(first)
    expect(paginate(first, { type: 'FIRST' })).toBe(first)
    expect(paginate(last, { type: 'NEXT' })).toBe(last)
    expect(paginate(last, { type: 'LAST' })).toBe(last)
  })

  it('goes to a page and rejects one out of range', () => {
    expect(paginate(at(1), { type: 'GO_TO', page: 5 }).page).toBe(5)
    expectInvalid(
      () => paginate(at(1), { type: 'GO_TO', page: 8 }),
      'paginate(GO_TO): page must be from 1 to 7, got 8',
    )
    expectInvalid(
      () => paginate(at(1), { type: 'GO_TO', page: 1.5 }),
      'page must be a positive integer, got 1.5',
    )
  })

  it('keeps the first visible row on screen when the page size changes', () => {
    // Page 3 of 20 starts at row 41; with 50 per page row 41 is on page 1, with 10 on page 5.
    expect(paginate(at(3), { type: 'SET_PAGE_SIZE', pageSize: 50 }).page).toBe(1)
    expect(paginate(at(3), { type: 'SET_PAGE_SIZE', pageSize: 10 }).page).toBe(5)
    expect(paginate(at(3), { type: 'SET_PAGE_SIZE', pageSize: 10 }).pageSize).toBe(10)
  })

  it('rejects a page size that is not a positive integer', () => {
    expectInvalid(
      () => paginate(at(1), { type: 'SET_PAGE_SIZE', pageSize: 0 }),
      'paginate(SET_PAGE_SIZE): pageSize must be a positive integer, got 0',
    )
  })

  it('clamps the page when a live total shrinks', () => {
    const state = paginate(at(7), { type: 'SET_TOTAL', total: 50 })
    expect(state).toMatchObject({ page: 3, total: 50 })
  })

  it('refuses cursor events', () => {
    expect(() => paginate(at(1), { type: 'SET_CURSOR_INFO', hasNextPage: true })).toThrow(
      expect.objectContaining({ code: 'failed-precondition' }),
    )
  })

  it('rejects an unknown event', () => {
    expectInvalid(
      // @ts-expect-error not an event
      () => paginate(at(1), { type: 'JUMP' }),
      "paginate(): event.type must be FIRST, PREVIOUS, NEXT, LAST, GO_TO, SET_PAGE_SIZE, SET_TOTAL or SET_CURSOR_INFO, got 'JUMP'",
    )
  })
})

describe('paginate in cursor mode', () => {
  const cursor = (page: number, hasNextPage: boolean): PaginationState =>
    initPagination({ mode: 'cursor', page, hasNextPage })

  it('moves next only while there is a next page', () => {
    expect(paginate(cursor(1, true), { type: 'NEXT' }).page).toBe(2)
    const end = cursor(3, false)
    expect(paginate(end, { type: 'NEXT' })).toBe(end)
  })

  it('has no last page to jump to', () => {
    const state = cursor(2, true)
    expect(paginate(state, { type: 'LAST' })).toBe(state)
  })

  it('knows there is a next page after going back', () => {
    const back = paginate(cursor(3, false), { type: 'PREVIOUS' })
    expect(back).toMatchObject({ page: 2, hasNextPage: true })
  })

  it('moves one page at a time', () => {
    expect(paginate(cursor(2, true), { type: 'GO_TO', page: 3 }).page).toBe(3)
    expect(paginate(cursor(4, true), { type: 'GO_TO', page: 1 }).page).toBe(1)
    expectInvalid(
      () => paginate(cursor(2, true), { type: 'GO_TO', page: 4 }),
      'page must be at most 3 in cursor mode',
    )
  })

  it('starts again from page 1 when the page size changes', () => {
    const state = paginate(cursor(3, true), { type: 'SET_PAGE_SIZE', pageSize: 50 })
    expect(state).toMatchObject({ page: 1, pageSize: 50 })
  })

  it('takes what the data says about the next page and the page size', () => {
    const state = paginate(cursor(3, true), {
      type: 'SET_CURSOR_INFO',
      hasNextPage: false,
      pageItemCount: 7,
    })
    expect(state).toMatchObject({ hasNextPage: false, pageItemCount: 7 })
    expect(() => paginate(state, { type: 'SET_TOTAL', total: 10 })).toThrow(
      expect.objectContaining({ code: 'failed-precondition' }),
    )
  })
})

describe('getPageItems', () => {
  it('shows every page when they fit', () => {
    expect(show(getPageItems(3, 7))).toBe('1 2 [3] 4 5 6 7')
  })

  it('puts an ellipsis where pages are hidden', () => {
    expect(show(getPageItems(1, 10))).toBe('[1] 2 3 4 5 … 10')
    expect(show(getPageItems(5, 10))).toBe('1 … 4 [5] 6 … 10')
    expect(show(getPageItems(10, 10))).toBe('1 … 6 7 8 9 [10]')
  })

  it('keeps the same number of items wherever the current page is', () => {
    const lengths = new Set(Array.from({ length: 50 }, (_, i) => getPageItems(i + 1, 50).length))
    expect([...lengths]).toEqual([7])
  })

  it('never hides a single page behind an ellipsis', () => {
    expect(show(getPageItems(4, 10))).toBe('1 2 3 [4] 5 … 10')
    expect(show(getPageItems(7, 10))).toBe('1 … 6 [7] 8 9 10')
  })

  it('widens with more siblings and boundaries', () => {
    expect(show(getPageItems(10, 20, 2, 2))).toBe('1 2 … 8 9 [10] 11 12 … 19 20')
  })
})

describe('getPaginationInfo', () => {
  it('labels the range with the total', () => {
    expect(getPaginationInfo(initPagination({ total: 135 })).label).toBe('1–20 of 135')
    expect(getPaginationInfo(initPagination({ total: 135, page: 7 })).label).toBe('121–135 of 135')
    expect(getPaginationInfo(initPagination({ total: 12345, page: 2 })).label).toBe(
      '21–40 of 12,345',
    )
  })

  it('reads 0 of 0 with no rows, and disables every move', () => {
    const info = getPaginationInfo(initPagination({ total: 0 }))
    expect(info).toMatchObject({
      label: '0 of 0',
      pageCount: 1,
      canGoNext: false,
      canGoPrevious: false,
    })
  })

  it('says "of many" in cursor mode until the last page', () => {
    const middle = getPaginationInfo(initPagination({ mode: 'cursor', page: 2, hasNextPage: true }))
    expect(middle).toMatchObject({
      label: '21–40 of many',
      total: null,
      pageCount: null,
      items: [],
    })
    const last = getPaginationInfo(
      initPagination({ mode: 'cursor', page: 3, hasNextPage: false, pageItemCount: 7 }),
    )
    expect(last).toMatchObject({ label: '41–47 of 47', total: 47, pageCount: 3, canGoNext: false })
  })

  it('offers first and last only where they move somewhere', () => {
    const first = getPaginationInfo(initPagination({ total: 100 }))
    expect(first).toMatchObject({
      canGoFirst: false,
      canGoPrevious: false,
      canGoNext: true,
      canGoLast: true,
    })
    const cursor = getPaginationInfo(initPagination({ mode: 'cursor', page: 2, hasNextPage: true }))
    expect(cursor).toMatchObject({ canGoPrevious: true, canGoNext: true, canGoLast: false })
  })

  it('takes a custom range format', () => {
    const info = getPaginationInfo(
      initPagination({ total: 50 }),
      ({ from, to, total }) => `${from}-${to}/${total}`,
    )
    expect(info.label).toBe('1-20/50')
  })

  it('formats an empty page of a known total', () => {
    expect(formatPaginationRange({ from: 0, to: 0, total: 40 })).toBe('0 of 40')
  })
})
