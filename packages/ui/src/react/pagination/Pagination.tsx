import { useLayoutEffect, useRef, type CSSProperties, type RefObject } from 'react'
import { usePagination, type UsePaginationProps } from './usePagination.js'

/** Props of {@link Pagination}. */
export interface PaginationProps extends UsePaginationProps {
  /**
   * Where focus goes after the user changes the page, usually the table or list being paged
   * (give it `tabIndex={-1}` if it is not focusable). Without it focus stays in the pagination.
   */
  focusTarget?: RefObject<HTMLElement | null> | (() => HTMLElement | null | undefined)
  /**
   * Show the first-page and last-page buttons (offset mode only).
   * @default true
   */
  showFirstLast?: boolean
  /**
   * Show the rows-per-page select.
   * @default true
   */
  showPageSize?: boolean
  /** Added to the root `<nav>`'s classes. */
  className?: string
  style?: CSSProperties
}

const ICONS = {
  first: 'M18.41 16.59 13.82 12l4.59-4.59L17 6l-6 6 6 6zM6 6h2v12H6z',
  previous: 'M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z',
  next: 'M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z',
  last: 'M5.59 7.41 10.18 12l-4.59 4.59L7 18l6-6-6-6zM16 6h2v12h-2z',
}

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={path} fill="currentColor" />
    </svg>
  )
}

/**
 * Material 3 pagination: first/previous/next/last, page numbers with ellipses, a rows-per-page
 * select and a live "1–20 of 135" label, inside a labelled `<nav>`. In cursor mode
 * (`mode="cursor"`) it pages with previous/next only and reads "21–40 of many".
 * Style it with `@metal/ui/theme.css`.
 *
 * ```tsx
 * <Pagination total={135} page={page} onPageChange={setPage} focusTarget={tableRef} />
 * ```
 */
export function Pagination({
  focusTarget,
  showFirstLast = true,
  showPageSize = true,
  className,
  style,
  ...props
}: PaginationProps) {
  const navRef = useRef<HTMLElement>(null)
  const requested = useRef<number | null>(null)
  const api = usePagination(
    {
      ...props,
      onPageChange: (page) => {
        requested.current = page
        props.onPageChange?.(page)
      },
    },
    '<Pagination>',
  )
  const { state, info, messages } = api

  useLayoutEffect(() => {
    const wanted = requested.current
    requested.current = null
    if (wanted === null || wanted !== state.page) return
    const target = typeof focusTarget === 'function' ? focusTarget() : focusTarget?.current
    if (target) return target.focus()
    const nav = navRef.current
    const active = document.activeElement
    if (!nav || (nav.contains(active) && !(active as HTMLButtonElement).disabled)) return
    // The pressed button was disabled by the move (next onto the last page): stay in the nav.
    const fallback =
      nav.querySelector<HTMLElement>('[aria-current="page"]') ??
      nav.querySelector<HTMLElement>('button:not(:disabled)')
    fallback?.focus()
  }, [state.page, focusTarget])

  const offset = state.mode === 'offset'
  const select = api.getPageSizeSelectProps()
  return (
    <nav
      {...api.getRootProps()}
      ref={navRef}
      className={className ? `metal-pagination ${className}` : 'metal-pagination'}
      style={style}
    >
      {showPageSize && (
        <div {...api.getPageSizeProps()}>
          <label {...api.getPageSizeLabelProps()} htmlFor={select.id}>
            {messages.rowsPerPage}
          </label>
          <select {...select}>
            {state.pageSizeOptions.map((size) => (
              <option key={size} {...api.getPageSizeOptionProps(size)}>
                {size}
              </option>
            ))}
          </select>
        </div>
      )}
      <p {...api.getRangeProps()}>{info.label}</p>
      <ul {...api.getListProps()}>
        {offset && showFirstLast && (
          <li>
            <button {...api.getFirstTriggerProps()}>
              <Icon path={ICONS.first} />
            </button>
          </li>
        )}
        <li>
          <button {...api.getPreviousTriggerProps()}>
            <Icon path={ICONS.previous} />
          </button>
        </li>
        {info.items.map((item) =>
          item.type === 'page' ? (
            <li key={`page-${item.page}`}>
              <button {...api.getPageTriggerProps(item.page)}>{item.page}</button>
            </li>
          ) : (
            <li key={`ellipsis-${item.position}`} {...api.getEllipsisProps(item.position)}>
              …
            </li>
          ),
        )}
        <li>
          <button {...api.getNextTriggerProps()}>
            <Icon path={ICONS.next} />
          </button>
        </li>
        {offset && showFirstLast && (
          <li>
            <button {...api.getLastTriggerProps()}>
              <Icon path={ICONS.last} />
            </button>
          </li>
        )}
      </ul>
    </nav>
  )
}
