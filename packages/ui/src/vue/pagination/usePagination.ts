import { computed, ref, toValue, useId, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { DEFAULT_PAGE_SIZE, initPagination, paginate } from '../../pagination/pagination.model.js'
import { connectPagination, type PaginationApi } from '../../pagination/pagination.connect.js'
import type {
  PaginationEvent,
  PaginationMessages,
  PaginationOptions,
} from '../../pagination/pagination.types.js'
import { vueProps } from '../normalizeProps.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'

/**
 * Options of {@link usePagination} (and the props of `<Pagination>`). `page` and `pageSize` are
 * controlled when given (`v-model:page`, `v-model:pageSize` on the component), otherwise kept
 * inside, starting from `defaultPage` / `defaultPageSize`.
 */
export interface UsePaginationOptions extends Omit<PaginationOptions, 'page' | 'pageSize'> {
  /** The current page, counted from 1 (controlled). */
  page?: number | undefined
  /**
   * The first page shown when `page` is not controlled.
   * @default 1
   */
  defaultPage?: number | undefined
  /** Called with the page the user moved to. */
  onPageChange?: ((page: number) => void) | undefined
  /** Rows per page (controlled). */
  pageSize?: number | undefined
  /**
   * Rows per page when `pageSize` is not controlled.
   * @default 20
   */
  defaultPageSize?: number | undefined
  /** Called with the rows-per-page the user picked. */
  onPageSizeChange?: ((pageSize: number) => void) | undefined
  /**
   * Base of the parts' ids.
   * @default a `useId()` value
   */
  id?: string | undefined
  /** Words to show instead of the app's (`<MetalUiProvider>`) or the English defaults. */
  messages?: Partial<PaginationMessages> | undefined
  /**
   * Accessible name of the `<nav>`; give each pagination on a page its own.
   * @default messages.navigationLabel ('Pagination')
   */
  label?: string | undefined
}

/** Drops the keys whose value is `undefined`, so the model's defaults apply to them. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/**
 * The pagination model bound to Vue state: a computed {@link PaginationApi} whose prop getters
 * (normalized for Vue's `h()` and `v-bind`) build a custom view. Options may be a plain object,
 * a ref or a getter (a component passes `() => props`). `<Pagination>` is this plus markup.
 *
 * ```ts
 * const pagination = usePagination(() => ({ total: total.value, page: page.value,
 *   onPageChange: (p) => (page.value = p) }))
 * ```
 */
export function usePagination(
  options: MaybeRefOrGetter<UsePaginationOptions> = {},
  call = 'usePagination()',
): ComputedRef<PaginationApi> {
  const read = () => toValue(options) ?? {}
  const first = read()
  const ownPage = ref(first.defaultPage ?? 1)
  const ownPageSize = ref(first.defaultPageSize ?? DEFAULT_PAGE_SIZE)
  const autoId = useId()
  const words = useUiMessages('pagination', () => read().messages)

  const state = computed(() => {
    const {
      page,
      pageSize,
      defaultPage: _dp,
      defaultPageSize: _dps,
      onPageChange: _opc,
      onPageSizeChange: _opsc,
      id: _id,
      messages: _m,
      label: _l,
      ...rest
    } = read()
    return initPagination(
      { ...defined(rest), page: page ?? ownPage.value, pageSize: pageSize ?? ownPageSize.value },
      call,
    )
  })
  // A shrinking total clamps the page; remember the clamped page so a growing one keeps it.
  watch(
    () => state.value.page,
    (page) => {
      if (read().page === undefined && page !== ownPage.value) ownPage.value = page
    },
  )

  const send = (event: PaginationEvent) => {
    const now = state.value
    const next = paginate(now, event)
    const { page, pageSize, onPageChange, onPageSizeChange } = read()
    if (next.pageSize !== now.pageSize) {
      if (pageSize === undefined) ownPageSize.value = next.pageSize
      onPageSizeChange?.(next.pageSize)
    }
    if (next.page !== now.page) {
      if (page === undefined) ownPage.value = next.page
      onPageChange?.(next.page)
    }
  }

  return computed(() => {
    const { id, label } = read()
    return connectPagination(state.value, send, {
      id: id ?? `metal-pagination-${autoId}`,
      messages: words.value,
      normalizeProps: vueProps,
      ...(label === undefined ? {} : { label }),
    })
  })
}
