import {
  defineComponent,
  h,
  mergeProps,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type PropType,
} from 'vue'
import type { PaginationMessages, PaginationMode } from '../../pagination/pagination.types.js'
import { focusAfterPageChange } from '../../pagination/focusAfterPageChange.js'
import { Button } from '../controls/Button.js'
import { Icon } from '../controls/Icon.js'
import { Menu } from '../controls/Menu.js'
import { usePagination } from './usePagination.js'

/** Where focus goes after the user changes the page: an element, a template ref or a getter. */
export type PaginationFocusTarget = MaybeRefOrGetter<HTMLElement | null | undefined>

/**
 * Props of {@link Pagination}: those of {@link usePagination} without the callbacks, which are
 * the emits `update:page` and `update:pageSize` (`v-model:page`, `v-model:pageSize`).
 */
export interface PaginationProps {
  /** Offset pages with a known total, or cursor pages walked with previous/next. @default 'offset' */
  mode?: PaginationMode
  /** The current page, counted from 1 (`v-model:page`); kept inside when not given. */
  page?: number
  /** The first page shown when `page` is not bound. @default 1 */
  defaultPage?: number
  /** Rows per page (`v-model:pageSize`); kept inside when not given. */
  pageSize?: number
  /** Rows per page when `pageSize` is not bound. @default 20 */
  defaultPageSize?: number
  /** How many rows there are in all (offset mode). @default 0 */
  total?: number
  /** Whether there is a page after this one (cursor mode). @default false */
  hasNextPage?: boolean
  /** How many rows the current page holds (cursor mode). */
  pageItemCount?: number
  /** The choices of the rows-per-page menu. @default [10, 20, 50, 100] */
  pageSizeOptions?: readonly number[]
  /** Page numbers shown on each side of the current page. @default 1 */
  siblingCount?: number
  /** Page numbers always shown at the start and at the end. @default 1 */
  boundaryCount?: number
  /** Base of the parts' ids. @default a `useId()` value */
  id?: string
  /** Words instead of the app's or the English defaults. */
  messages?: Partial<PaginationMessages>
  /** Accessible name of the `<nav>`. @default messages.navigationLabel ('Pagination') */
  label?: string
  /** Where focus goes after the user changes the page; without it focus stays inside. */
  focusTarget?: PaginationFocusTarget
  /** Show the first-page and last-page buttons (offset mode only). @default true */
  showFirstLast?: boolean
  /** Show the rows-per-page menu. @default true */
  showPageSize?: boolean
}

/** The props the model takes: all but the view's own. */
function withoutViewProps<
  P extends { focusTarget?: unknown; showFirstLast?: unknown; showPageSize?: unknown },
>(props: P): Omit<P, 'focusTarget' | 'showFirstLast' | 'showPageSize'> {
  const { focusTarget: _f, showFirstLast: _fl, showPageSize: _ps, ...rest } = props
  return rest
}

/**
 * Material 3 pagination: first/previous/next/last, page numbers with ellipses, a rows-per-page
 * menu and a live "1–20 of 135" label, inside a labelled `<nav>`. In cursor mode
 * (`mode="cursor"`) it pages with previous/next only and reads "21–40 of many". Style it with
 * `@metal/ui/theme.css`.
 *
 * ```vue
 * <Pagination :total="135" v-model:page="page" v-model:page-size="size" :focus-target="table" />
 * ```
 */
export const Pagination = defineComponent({
  name: 'MetalPagination',
  inheritAttrs: false,
  props: {
    /** Offset pages with a known total, or cursor pages walked with previous/next. */
    mode: { type: String as PropType<PaginationMode>, default: undefined },
    /** The current page, counted from 1 (`v-model:page`). */
    page: { type: Number, default: undefined },
    /** The first page shown when `page` is not bound. */
    defaultPage: { type: Number, default: undefined },
    /** Rows per page (`v-model:pageSize`). */
    pageSize: { type: Number, default: undefined },
    /** Rows per page when `pageSize` is not bound. */
    defaultPageSize: { type: Number, default: undefined },
    /** How many rows there are in all (offset mode). */
    total: { type: Number, default: undefined },
    /** Whether there is a page after this one (cursor mode). */
    hasNextPage: { type: Boolean, default: undefined },
    /** How many rows the current page holds (cursor mode). */
    pageItemCount: { type: Number, default: undefined },
    /** The choices of the rows-per-page menu. */
    pageSizeOptions: { type: Array as PropType<readonly number[]>, default: undefined },
    /** Page numbers shown on each side of the current page. */
    siblingCount: { type: Number, default: undefined },
    /** Page numbers always shown at the start and at the end. */
    boundaryCount: { type: Number, default: undefined },
    /** Base of the parts' ids. */
    id: { type: String, default: undefined },
    /** Words instead of the app's or the English defaults. */
    messages: { type: Object as PropType<Partial<PaginationMessages>>, default: undefined },
    /** Accessible name of the `<nav>`. */
    label: { type: String, default: undefined },
    /** Where focus goes after the user changes the page. */
    focusTarget: {
      type: [Object, Function] as PropType<PaginationFocusTarget>,
      default: undefined,
    },
    /** Show the first-page and last-page buttons (offset mode only). */
    showFirstLast: { type: Boolean, default: true },
    /** Show the rows-per-page menu. */
    showPageSize: { type: Boolean, default: true },
  },
  emits: {
    /** The page the user moved to. */
    'update:page': (page: number) => typeof page === 'number',
    /** The rows-per-page the user picked. */
    'update:pageSize': (pageSize: number) => typeof pageSize === 'number',
  },
  setup(props, { attrs, emit, expose }) {
    const nav = ref<HTMLElement | null>(null)
    let requested: number | null = null
    const pagination = usePagination(
      () => ({
        ...withoutViewProps(props),
        onPageChange: (page: number) => {
          requested = page
          emit('update:page', page)
        },
        onPageSizeChange: (pageSize: number) => emit('update:pageSize', pageSize),
      }),
      '<Pagination>',
    )
    expose({ el: nav })

    // Focus follows a page change the user asked for, once the new page is rendered.
    watch(
      () => pagination.value.state.page,
      (page) => {
        const wanted = requested
        requested = null
        if (wanted === null || wanted !== page) return
        focusAfterPageChange(nav.value, toValue(props.focusTarget))
      },
      { flush: 'post' },
    )

    return () => {
      const api = pagination.value
      const { state, info, messages } = api
      const offset = state.mode === 'offset'
      const firstLast = offset && props.showFirstLast
      const iconButton = (
        trigger: object,
        icon: 'firstPage' | 'chevronLeft' | 'chevronRight' | 'lastPage',
      ) => h('li', { key: icon }, [h('button', trigger, [h(Icon, { name: icon })])])
      return h(
        'nav',
        mergeProps({ class: 'metal-pagination' }, attrs, { ...api.getRootProps(), ref: nav }),
        [
          props.showPageSize &&
            h('div', api.getPageSizeProps(), [
              h('span', api.getPageSizeLabelProps(), messages.rowsPerPage),
              h(
                Menu,
                { ...api.getPageSizeMenuProps(), items: api.getPageSizeItems() },
                {
                  trigger: (trigger: Record<string, unknown>) =>
                    h(
                      Button,
                      {
                        variant: 'text',
                        trailingIcon: 'arrowDropDown',
                        ...trigger,
                        ...api.getPageSizeTriggerProps(),
                      },
                      () => String(state.pageSize),
                    ),
                },
              ),
            ]),
          h('p', api.getRangeProps(), info.label),
          h('ul', api.getListProps(), [
            firstLast && iconButton(api.getFirstTriggerProps(), 'firstPage'),
            iconButton(api.getPreviousTriggerProps(), 'chevronLeft'),
            ...info.items.map((item) =>
              item.type === 'page'
                ? h('li', { key: `page-${item.page}` }, [
                    h('button', api.getPageTriggerProps(item.page), String(item.page)),
                  ])
                : h(
                    'li',
                    { key: `ellipsis-${item.position}`, ...api.getEllipsisProps(item.position) },
                    '…',
                  ),
            ),
            iconButton(api.getNextTriggerProps(), 'chevronRight'),
            firstLast && iconButton(api.getLastTriggerProps(), 'lastPage'),
          ]),
        ],
      )
    }
  },
})
