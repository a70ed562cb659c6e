export {
  initPagination,
  paginate,
  getPageCount,
  getPageItems,
  getPaginationInfo,
  formatPaginationRange,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGE_SIZE_OPTIONS,
} from './pagination/pagination.model.js'
export { connectPagination, DEFAULT_PAGINATION_MESSAGES } from './pagination/pagination.connect.js'
export type {
  PaginationApi,
  PaginationConnectOptions,
  PaginationEllipsisProps,
  PaginationPageSizeSelectProps,
  PaginationRangeProps,
  PaginationRootProps,
  PaginationTriggerProps,
} from './pagination/pagination.connect.js'
export type {
  PaginationEvent,
  PaginationInfo,
  PaginationItem,
  PaginationMessages,
  PaginationMode,
  PaginationOptions,
  PaginationRange,
  PaginationState,
} from './pagination/pagination.types.js'
export { createTheme, COLOR_ROLES } from './tokens/createTheme.js'
export type {
  CreateThemeOptions,
  MetalTheme,
  ThemeVariables,
  ThemeVariant,
} from './tokens/createTheme.js'
