import { useId, useState } from 'react'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { DEFAULT_PAGE_SIZE, initPagination, paginate } from '../../pagination/pagination.model.js'
import { connectPagination, type PaginationApi } from '../../pagination/pagination.connect.js'
import type {
  PaginationEvent,
  PaginationMessages,
  PaginationOptions,
} from '../../pagination/pagination.types.js'

/**
 * Props of {@link usePagination} (and `<Pagination>`). `page` and `pageSize` are controlled
 * when given (pair them with `onPageChange` / `onPageSizeChange`), otherwise kept inside,
 * starting from `defaultPage` / `defaultPageSize`.
 */
export interface UsePaginationProps extends Omit<PaginationOptions, 'page' | 'pageSize'> {
  /** The current page, counted from 1 (controlled). */
  page?: number
  /**
   * The first page shown when `page` is not controlled.
   * @default 1
   */
  defaultPage?: number
  /** Called with the page the user moved to. */
  onPageChange?: (page: number) => void
  /** Rows per page (controlled). */
  pageSize?: number
  /**
   * Rows per page when `pageSize` is not controlled.
   * @default 20
   */
  defaultPageSize?: number
  /** Called with the rows-per-page the user picked. */
  onPageSizeChange?: (pageSize: number) => void
  /**
   * Base of the parts' ids.
   * @default a `useId()` value
   */
  id?: string
  /** Words to show instead of the app's (`<MetalUiProvider>`) or the English defaults. */
  messages?: Partial<PaginationMessages>
  /**
   * Accessible name of the `<nav>`; give each pagination on a page its own.
   * @default messages.navigationLabel ('Pagination')
   */
  label?: string
}

/**
 * The pagination model bound to React state: returns prop getters for a custom view.
 * `<Pagination>` is this hook plus markup.
 */
export function usePagination(
  props: UsePaginationProps = {},
  call = 'usePagination()',
): PaginationApi {
  const {
    page,
    defaultPage = 1,
    onPageChange,
    pageSize,
    defaultPageSize = DEFAULT_PAGE_SIZE,
    onPageSizeChange,
    id,
    messages,
    label,
    ...options
  } = props
  const [ownPage, setOwnPage] = useState(defaultPage)
  const [ownPageSize, setOwnPageSize] = useState(defaultPageSize)
  const autoId = useId()
  const words = useUiMessages('pagination', messages)
  const state = initPagination(
    { ...options, page: page ?? ownPage, pageSize: pageSize ?? ownPageSize },
    call,
  )
  // A shrinking total clamps the page; remember the clamped page so a growing one keeps it.
  if (page === undefined && state.page !== ownPage) setOwnPage(state.page)

  const send = (event: PaginationEvent) => {
    const next = paginate(state, event)
    if (next.pageSize !== state.pageSize) {
      if (pageSize === undefined) setOwnPageSize(next.pageSize)
      onPageSizeChange?.(next.pageSize)
    }
    if (next.page !== state.page) {
      if (page === undefined) setOwnPage(next.page)
      onPageChange?.(next.page)
    }
  }
  return connectPagination(state, send, {
    id: id ?? `metal-pagination-${autoId}`,
    messages: words,
    ...(label === undefined ? {} : { label }),
  })
}
