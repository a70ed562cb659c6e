import { useLayoutEffect, useRef, type CSSProperties, type RefObject } from 'react'
import { Button } from '../controls/Button.js'
import { Icon } from '../controls/Icon.js'
import { Menu } from '../controls/Menu.js'
import { focusAfterPageChange } from '../../pagination/focusAfterPageChange.js'
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
    focusAfterPageChange(navRef.current, target)
  }, [state.page, focusTarget])

  const offset = state.mode === 'offset'
  return (
    <nav
      {...api.getRootProps()}
      ref={navRef}
      className={className ? `metal-pagination ${className}` : 'metal-pagination'}
      style={style}
    >
      {showPageSize && (
        <div {...api.getPageSizeProps()}>
          <span {...api.getPageSizeLabelProps()}>{messages.rowsPerPage}</span>
          <Menu
            {...api.getPageSizeMenuProps()}
            items={api.getPageSizeItems()}
            trigger={(props) => (
              <Button
                variant="text"
                trailingIcon="arrowDropDown"
                {...props}
                {...api.getPageSizeTriggerProps()}
              >
                {state.pageSize}
              </Button>
            )}
          />
        </div>
      )}
      <p {...api.getRangeProps()}>{info.label}</p>
      <ul {...api.getListProps()}>
        {offset && showFirstLast && (
          <li>
            <button {...api.getFirstTriggerProps()}>
              <Icon name="firstPage" />
            </button>
          </li>
        )}
        <li>
          <button {...api.getPreviousTriggerProps()}>
            <Icon name="chevronLeft" />
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
            <Icon name="chevronRight" />
          </button>
        </li>
        {offset && showFirstLast && (
          <li>
            <button {...api.getLastTriggerProps()}>
              <Icon name="lastPage" />
            </button>
          </li>
        )}
      </ul>
    </nav>
  )
}
