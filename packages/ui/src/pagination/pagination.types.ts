/**
 * How pages are counted. `offset`: the total is known, every page can be reached directly.
 * `cursor`: pages are walked one at a time from the start (previous/next only) and the total is
 * unknown until the last page is reached.
 */
export type PaginationMode = 'offset' | 'cursor'

/** The range a label describes: rows `from`–`to` of `total` (`null` while unknown). */
export interface PaginationRange {
  /** First row shown, counted from 1 (0 when there are no rows). */
  from: number
  /** Last row shown (0 when there are no rows). */
  to: number
  /** All rows, or `null` in cursor mode before the last page is reached. */
  total: number | null
}

/** Options of {@link initPagination}: where to start and what is known about the data. */
export interface PaginationOptions {
  /**
   * Offset pages with a known total, or cursor pages walked with previous/next.
   * @default 'offset'
   */
  mode?: PaginationMode
  /**
   * The current page, counted from 1. In offset mode a page past the last one is clamped to it
   * (a live total may shrink under the user).
   * @default 1
   */
  page?: number
  /**
   * Rows per page.
   * @default 20
   */
  pageSize?: number
  /**
   * How many rows there are in all (offset mode).
   * @default 0
   */
  total?: number
  /**
   * Whether there is a page after this one (cursor mode).
   * @default false
   */
  hasNextPage?: boolean
  /**
   * How many rows the current page holds (cursor mode), so the last page's label reads
   * "41–47 of 47". Without it a page is taken to be full.
   */
  pageItemCount?: number
  /**
   * The choices of the rows-per-page select; `pageSize` is added when it is not among them.
   * @default [10, 20, 50, 100]
   */
  pageSizeOptions?: readonly number[]
  /**
   * Page numbers shown on each side of the current page before an ellipsis.
   * @default 1
   */
  siblingCount?: number
  /**
   * Page numbers always shown at the start and at the end.
   * @default 1
   */
  boundaryCount?: number
}

/** The whole state of a pagination: plain data, replaced (never mutated) by each transition. */
export interface PaginationState {
  readonly mode: PaginationMode
  readonly page: number
  readonly pageSize: number
  /** Offset mode: all rows. Cursor mode: `null`. */
  readonly total: number | null
  readonly hasNextPage: boolean
  readonly pageItemCount: number | null
  readonly pageSizeOptions: readonly number[]
  readonly siblingCount: number
  readonly boundaryCount: number
}

/** What can happen to a pagination. Out-of-reach moves (next on the last page) change nothing. */
export type PaginationEvent =
  | { type: 'FIRST' }
  | { type: 'PREVIOUS' }
  | { type: 'NEXT' }
  | { type: 'LAST' }
  | { type: 'GO_TO'; page: number }
  | { type: 'SET_PAGE_SIZE'; pageSize: number }
  | { type: 'SET_TOTAL'; total: number }
  | { type: 'SET_CURSOR_INFO'; hasNextPage: boolean; pageItemCount?: number }

/** One entry of the page list: a page button or an ellipsis standing for the pages it hides. */
export type PaginationItem =
  { type: 'page'; page: number; current: boolean } | { type: 'ellipsis'; position: 'start' | 'end' }

/** Everything a view shows, derived from a {@link PaginationState}. */
export interface PaginationInfo extends PaginationRange {
  /** Pages in all, or `null` in cursor mode while more pages follow. */
  pageCount: number | null
  /** Page list with ellipses (empty in cursor mode, which has no page numbers). */
  items: PaginationItem[]
  /** The range as text: "1–20 of 135", "21–40 of many". */
  label: string
  canGoFirst: boolean
  canGoPrevious: boolean
  canGoNext: boolean
  canGoLast: boolean
}

/** The words a pagination shows or announces; override them to translate. */
export interface PaginationMessages {
  /** @default 'Pagination' */
  navigationLabel: string
  /** @default 'First page' */
  firstPage: string
  /** @default 'Previous page' */
  previousPage: string
  /** @default 'Next page' */
  nextPage: string
  /** @default 'Last page' */
  lastPage: string
  /** @default (page) => `Page ${page}` */
  page: (page: number) => string
  /** @default 'Rows per page' */
  rowsPerPage: string
  /** @default formatPaginationRange ("1–20 of 135", "21–40 of many") */
  range: (range: PaginationRange) => string
}
