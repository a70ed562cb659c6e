import type { MenuActionItem } from '../controls/menu/menu.types.js'
import { identityProps, type NormalizeProps } from '../normalizeProps.js'
import { formatPaginationRange, getPaginationInfo } from './pagination.model.js'
import type {
  PaginationEvent,
  PaginationInfo,
  PaginationMessages,
  PaginationState,
} from './pagination.types.js'

/** The default English messages. */
export const DEFAULT_PAGINATION_MESSAGES: PaginationMessages = {
  navigationLabel: 'Pagination',
  firstPage: 'First page',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  lastPage: 'Last page',
  page: (page) => `Page ${page}`,
  rowsPerPage: 'Rows per page',
  range: formatPaginationRange,
}

/** Options of {@link connectPagination}. */
export interface PaginationConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Words to show instead of the English defaults. */
  messages?: Partial<PaginationMessages>
  /**
   * Accessible name of the `<nav>` landmark. Give each pagination on a page its own (axe's
   * landmark-unique rule), e.g. "Tasks pages".
   * @default messages.navigationLabel ('Pagination')
   */
  label?: string
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

/** Attributes every part carries, for styling (`[data-scope='pagination'][data-part='…']`). */
interface PartProps {
  'data-scope': 'pagination'
  'data-part': string
}

/** Props of the `<nav>` landmark. */
export interface PaginationRootProps extends PartProps {
  id: string
  'aria-label': string
  'data-mode': PaginationState['mode']
}

/** Props of the range label ("1–20 of 135"); announced politely when it changes. */
export interface PaginationRangeProps extends PartProps {
  id: string
  'aria-live': 'polite'
  'aria-atomic': 'true'
}

/** Props of a button: first, previous, next, last or a page number. */
export interface PaginationTriggerProps extends PartProps {
  type: 'button'
  'aria-label': string
  'aria-current'?: 'page'
  'data-disabled'?: ''
  'data-current'?: ''
  disabled: boolean
  onClick: () => void
}

/** Props of an ellipsis; hidden from assistive technology, which gets the page buttons. */
export interface PaginationEllipsisProps extends PartProps {
  'aria-hidden': 'true'
  'data-position': 'start' | 'end'
}

/**
 * Props of the button that opens the rows-per-page menu, on top of the menu trigger's own. The
 * menu's id is `<id>-page-size` (`getPageSizeMenuProps`), so its trigger is `<id>-page-size-trigger`.
 */
export interface PaginationPageSizeTriggerProps {
  /** The label, then the button's own text: "Rows per page 20". */
  'aria-labelledby': string
}

/** What a view needs: the state, derived info, actions and prop getters for every part. */
export interface PaginationApi {
  state: PaginationState
  info: PaginationInfo
  messages: PaginationMessages
  /** Sends any event (the actions below are shorthands). */
  send: (event: PaginationEvent) => void
  first(): void
  previous(): void
  next(): void
  last(): void
  goTo(page: number): void
  setPageSize(pageSize: number): void
  getRootProps(): PaginationRootProps
  getRangeProps(): PaginationRangeProps
  getListProps(): PartProps
  getFirstTriggerProps(): PaginationTriggerProps
  getPreviousTriggerProps(): PaginationTriggerProps
  getNextTriggerProps(): PaginationTriggerProps
  getLastTriggerProps(): PaginationTriggerProps
  getPageTriggerProps(page: number): PaginationTriggerProps
  getEllipsisProps(position: 'start' | 'end'): PaginationEllipsisProps
  getPageSizeProps(): PartProps
  getPageSizeLabelProps(): PartProps & { id: string }
  getPageSizeTriggerProps(): PaginationPageSizeTriggerProps
  /** Id and accessible name of the rows-per-page menu. */
  getPageSizeMenuProps(): { id: string; label: string }
  /** The rows-per-page choices as menu items, the current one checked. */
  getPageSizeItems(): MenuActionItem[]
}

/**
 * Turns a pagination state into prop getters with the ARIA a view needs: a labelled `<nav>`,
 * `aria-current="page"` on the current page, disabled moves that cannot be made, and a live
 * range label. Framework-neutral: the props are plain attributes plus `onClick`/`onChange`.
 *
 * @param state - the current state (from `initPagination` / `paginate`)
 * @param send - called with the event when the user asks for a change
 */
export function connectPagination(
  state: PaginationState,
  send: (event: PaginationEvent) => void,
  options: PaginationConnectOptions,
): PaginationApi {
  const messages = { ...DEFAULT_PAGINATION_MESSAGES, ...options.messages }
  const info = getPaginationInfo(state, messages.range)
  const { id } = options
  const normalize = options.normalizeProps ?? identityProps
  const part = (name: string): PartProps => ({ 'data-scope': 'pagination', 'data-part': name })

  const trigger = (
    name: string,
    label: string,
    enabled: boolean,
    event: PaginationEvent,
  ): PaginationTriggerProps =>
    normalize({
      ...part(name),
      type: 'button',
      'aria-label': label,
      disabled: !enabled,
      ...(enabled ? {} : { 'data-disabled': '' as const }),
      onClick: () => {
        if (enabled) send(event)
      },
    })

  return {
    state,
    info,
    messages,
    send,
    first: () => send({ type: 'FIRST' }),
    previous: () => send({ type: 'PREVIOUS' }),
    next: () => send({ type: 'NEXT' }),
    last: () => send({ type: 'LAST' }),
    goTo: (page) => send({ type: 'GO_TO', page }),
    setPageSize: (pageSize) => send({ type: 'SET_PAGE_SIZE', pageSize }),

    getRootProps: () =>
      normalize({
        ...part('root'),
        id,
        'aria-label': options.label ?? messages.navigationLabel,
        'data-mode': state.mode,
      }),
    getRangeProps: () =>
      normalize({
        ...part('range'),
        id: `${id}-range`,
        'aria-live': 'polite',
        'aria-atomic': 'true',
      }),
    getListProps: () => normalize(part('list')),
    getFirstTriggerProps: () =>
      trigger('first-trigger', messages.firstPage, info.canGoFirst, { type: 'FIRST' }),
    getPreviousTriggerProps: () =>
      trigger('previous-trigger', messages.previousPage, info.canGoPrevious, { type: 'PREVIOUS' }),
    getNextTriggerProps: () =>
      trigger('next-trigger', messages.nextPage, info.canGoNext, { type: 'NEXT' }),
    getLastTriggerProps: () =>
      trigger('last-trigger', messages.lastPage, info.canGoLast, { type: 'LAST' }),
    getPageTriggerProps: (page) => {
      const current = page === state.page
      return normalize({
        ...trigger('page-trigger', messages.page(page), true, { type: 'GO_TO', page }),
        ...(current ? { 'aria-current': 'page' as const, 'data-current': '' as const } : {}),
      })
    },
    getEllipsisProps: (position) =>
      normalize({
        ...part('ellipsis'),
        'data-position': position,
        'aria-hidden': 'true',
      }),
    getPageSizeProps: () => normalize(part('page-size')),
    getPageSizeLabelProps: () =>
      normalize({ ...part('page-size-label'), id: `${id}-page-size-label` }),
    getPageSizeTriggerProps: () =>
      normalize({ 'aria-labelledby': `${id}-page-size-label ${id}-page-size-trigger` }),
    getPageSizeMenuProps: () => ({ id: `${id}-page-size`, label: messages.rowsPerPage }),
    getPageSizeItems: () =>
      state.pageSizeOptions.map((size) => ({
        id: `page-size-${size}`,
        label: String(size),
        checked: size === state.pageSize,
        onSelect: () => send({ type: 'SET_PAGE_SIZE', pageSize: size }),
      })),
  }
}
