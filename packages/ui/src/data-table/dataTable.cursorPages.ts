// Cursor pages read one after another: the table may ask for page N before pages 1…N-1 are
// loaded (a restored page, "last page" after a reload). What to do next is a pure decision over
// what the paginated query knows, so every framework's binding drives it the same way.

/** What a paginated query knows about the pages it has read. */
export interface DataTableCursorPagesStatus {
  /** The page the table shows (1-based). */
  page: number
  /** How many pages are loaded. */
  loadedPages: number
  /** The query has read its first page. */
  isSuccess: boolean
  /** More pages follow the last loaded one. */
  hasNextPage: boolean
  /** A next page is being read. */
  isFetchingNextPage: boolean
}

/**
 * The next step towards showing `page`: `'fetch'` the next page, `{ page }` to go back to the
 * last page there is (the wanted one does not exist), or `null` (loaded, or wait).
 */
export function getCursorPagesStep(
  status: DataTableCursorPagesStatus,
): 'fetch' | { page: number } | null {
  const { page, loadedPages, isSuccess, hasNextPage, isFetchingNextPage } = status
  if (page <= loadedPages || !isSuccess) return null
  if (hasNextPage) return isFetchingNextPage ? null : 'fetch'
  return { page: Math.max(1, loadedPages) }
}
