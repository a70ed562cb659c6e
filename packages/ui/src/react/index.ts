export { Pagination } from './pagination/Pagination.js'
export type { PaginationProps } from './pagination/Pagination.js'
export { usePagination } from './pagination/usePagination.js'
export type { UsePaginationProps } from './pagination/usePagination.js'
