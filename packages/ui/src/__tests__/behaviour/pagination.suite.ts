// The behaviour of a pagination, written once and run against the React and the Vue views.
// Tests speak only DOM (Testing Library, user-event); each runner maps the neutral props below
// to its framework's API.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import type { PaginationMessages, PaginationMode } from '../../pagination/pagination.types.js'

/**
 * A pagination's props in React's names. The Vue runner maps `onPageChange` and
 * `onPageSizeChange` to the emits `update:page` and `update:pageSize` (`v-model:page`,
 * `v-model:pageSize`); every other prop has the same name in both.
 */
export interface NeutralPaginationProps {
  mode?: PaginationMode
  page?: number
  defaultPage?: number
  onPageChange?: (page: number) => void
  pageSize?: number
  defaultPageSize?: number
  onPageSizeChange?: (pageSize: number) => void
  total?: number
  hasNextPage?: boolean
  pageItemCount?: number
  pageSizeOptions?: readonly number[]
  label?: string
  messages?: Partial<PaginationMessages>
  focusTarget?: () => HTMLElement | null | undefined
  showFirstLast?: boolean
  showPageSize?: boolean
}

/** A mounted view: props replaced as a parent re-rendering it would, then removed. */
export interface MountedPagination {
  rerender(props: NeutralPaginationProps): Promise<void>
  unmount(): void
}

/** How a runner mounts its framework's `<Pagination>`. */
export interface PaginationHarness {
  renderer: 'react' | 'vue'
  /** Mounts the view into document.body with the neutral props; rejects when it throws. */
  render(props: NeutralPaginationProps): Promise<MountedPagination>
}

const nav = (name = 'Pagination') => screen.getByRole('navigation', { name })
const range = () => nav().querySelector('[data-part="range"]')?.textContent
const current = () => within(nav()).getByRole('button', { current: 'page' })
const button = (name: string) => within(nav()).getByRole('button', { name })

/** Runs the pagination behaviour suite against one renderer. */
export function describePaginationBehaviour(harness: PaginationHarness): void {
  describe(`Pagination behaviour (${harness.renderer})`, () => {
    const extra: HTMLElement[] = []
    afterEach(() => {
      for (const el of extra.splice(0)) el.remove()
    })

    it('starts on page 1: range, current page, and the ends it cannot move to disabled', async () => {
      await harness.render({ total: 135 })
      expect(range()).toBe('1–20 of 135')
      expect(current().textContent).toBe('1')
      expect(current().getAttribute('data-part')).toBe('page-trigger')
      expect(button('First page')).toHaveProperty('disabled', true)
      expect(button('Previous page')).toHaveProperty('disabled', true)
      expect(button('First page').hasAttribute('data-disabled')).toBe(true)
      expect(button('Next page')).toHaveProperty('disabled', false)
      expect(button('Last page')).toHaveProperty('disabled', false)
      expect(nav().getAttribute('data-mode')).toBe('offset')
      expect(nav().classList.contains('metal-pagination')).toBe(true)
    })

    it('lists pages with ellipses around the current one', async () => {
      await harness.render({ total: 1000, defaultPage: 25 })
      const items = [...nav().querySelectorAll('li')].map((li) => li.textContent)
      expect(items.slice(2, -2)).toEqual(['1', '…', '24', '25', '26', '…', '50'])
      const ellipses = nav().querySelectorAll('[data-part="ellipsis"]')
      expect([...ellipses].map((e) => e.getAttribute('aria-hidden'))).toEqual(['true', 'true'])
    })

    it('moves next, previous, last and first, reporting each page', async () => {
      const user = userEvent.setup()
      const onPageChange = vi.fn()
      await harness.render({ total: 135, onPageChange })
      await user.click(button('Next page'))
      expect(range()).toBe('21–40 of 135')
      expect(current().textContent).toBe('2')
      await user.click(button('Previous page'))
      expect(range()).toBe('1–20 of 135')
      await user.click(button('Last page'))
      expect(range()).toBe('121–135 of 135')
      expect(button('Next page')).toHaveProperty('disabled', true)
      expect(button('Last page')).toHaveProperty('disabled', true)
      await user.click(button('First page'))
      expect(current().textContent).toBe('1')
      expect(onPageChange.mock.calls.map(([page]) => page)).toEqual([2, 1, 7, 1])
    })

    it('jumps to a page number', async () => {
      const user = userEvent.setup()
      await harness.render({ total: 135 })
      await user.click(button('Page 3'))
      expect(range()).toBe('41–60 of 135')
      expect(button('Page 3').getAttribute('aria-current')).toBe('page')
    })

    it('changes rows per page from the menu and goes back to the first page', async () => {
      const user = userEvent.setup()
      const onPageSizeChange = vi.fn()
      await harness.render({ total: 135, defaultPage: 3, onPageSizeChange })
      const trigger = screen.getByRole('button', { name: 'Rows per page 20' })
      expect(trigger.getAttribute('aria-haspopup')).toBe('menu')
      await user.click(trigger)
      const menu = screen.getByRole('menu', { name: 'Rows per page' })
      const twenty = within(menu).getByRole('menuitemcheckbox', { name: '20' })
      expect(twenty.getAttribute('aria-checked')).toBe('true')
      await user.click(within(menu).getByRole('menuitemcheckbox', { name: '50' }))
      expect(onPageSizeChange).toHaveBeenCalledWith(50)
      expect(screen.getByRole('button', { name: 'Rows per page 50' })).toBeTruthy()
      expect(range()).toBe('1–50 of 135')
    })

    it('follows the page and page size it is given when controlled', async () => {
      const user = userEvent.setup()
      const onPageChange = vi.fn()
      const view = await harness.render({ total: 135, page: 2, onPageChange })
      await user.click(button('Next page'))
      expect(onPageChange).toHaveBeenCalledWith(3)
      expect(range()).toBe('21–40 of 135') // the parent has not moved it yet
      await view.rerender({ total: 135, page: 3, onPageChange })
      expect(range()).toBe('41–60 of 135')
      await view.rerender({ total: 135, page: 3, pageSize: 10, onPageChange })
      expect(range()).toBe('21–30 of 135')
    })

    it('clamps to the last page when a live total shrinks', async () => {
      const view = await harness.render({ total: 135, defaultPage: 7 })
      await view.rerender({ total: 30 })
      expect(range()).toBe('21–30 of 30')
      expect(current().textContent).toBe('2')
    })

    it('pages with previous and next only in cursor mode, "of many" until the end', async () => {
      const user = userEvent.setup()
      const rows = 47
      const onPageChange = vi.fn()
      const cursor = (page: number): NeutralPaginationProps => ({
        mode: 'cursor',
        page,
        onPageChange,
        hasNextPage: page * 20 < rows,
        pageItemCount: Math.min(20, rows - (page - 1) * 20),
      })
      // The parent follows each move, as `v-model:page` or a React state does.
      const view = await harness.render(cursor(1))
      expect(nav().getAttribute('data-mode')).toBe('cursor')
      expect(within(nav()).queryByRole('button', { name: 'Last page' })).toBeNull()
      expect(within(nav()).queryByRole('button', { name: 'Page 1' })).toBeNull()
      await user.click(button('Next page'))
      expect(onPageChange).toHaveBeenLastCalledWith(2)
      await view.rerender(cursor(2))
      expect(range()).toBe('21–40 of many')
      await user.click(button('Next page'))
      await view.rerender(cursor(3))
      expect(range()).toBe('41–47 of 47')
      expect(button('Next page')).toHaveProperty('disabled', true)
      expect(button('Previous page')).toHaveProperty('disabled', false)
    })

    it('works from the keyboard: Tab reaches the buttons, Enter and Space press them', async () => {
      const user = userEvent.setup()
      await harness.render({ total: 135, showPageSize: false })
      await user.tab() // first page is disabled, so previous is skipped too
      expect(document.activeElement).toBe(button('Page 1'))
      await user.tab()
      await user.keyboard('{Enter}')
      expect(range()).toBe('21–40 of 135')
      expect(document.activeElement).toBe(button('Page 2'))
      button('Next page').focus()
      await user.keyboard(' ')
      expect(range()).toBe('41–60 of 135')
    })

    it('keeps focus inside when the pressed button becomes disabled', async () => {
      const user = userEvent.setup()
      await harness.render({ total: 40 })
      button('Next page').focus()
      await user.keyboard('{Enter}')
      expect(range()).toBe('21–40 of 40')
      expect(document.activeElement).toBe(current())
    })

    it('moves focus to the focus target after the user changes the page, not otherwise', async () => {
      const user = userEvent.setup()
      const table = document.createElement('table')
      table.tabIndex = -1
      table.setAttribute('aria-label', 'Users')
      document.body.append(table)
      extra.push(table)
      const view = await harness.render({ total: 135, page: 1, focusTarget: () => table })
      await user.click(button('Page 2'))
      await view.rerender({ total: 135, page: 2, focusTarget: () => table })
      expect(document.activeElement).toBe(table)

      const search = document.createElement('input')
      document.body.append(search)
      extra.push(search)
      search.focus()
      await view.rerender({ total: 135, page: 3, focusTarget: () => table })
      expect(document.activeElement).toBe(search)
    })

    it('names each landmark by its label and speaks the words it is given', async () => {
      await harness.render({ total: 50, label: 'Tasks pages' })
      await harness.render({
        total: 50,
        label: 'Users pages',
        messages: {
          nextPage: 'Nächste Seite',
          rowsPerPage: 'Zeilen pro Seite',
          range: ({ from, to, total }) => `${from}–${to} von ${total ?? 'vielen'}`,
        },
      })
      expect(screen.queryByRole('navigation', { name: 'Pagination' })).toBeNull()
      const users = nav('Users pages')
      expect(within(users).getByRole('button', { name: 'Nächste Seite' })).toBeTruthy()
      expect(users.querySelector('[data-part="range"]')?.textContent).toBe('1–20 von 50')
      expect(users.querySelector('[data-part="range"]')?.getAttribute('aria-live')).toBe('polite')
      expect(within(users).getByRole('button', { name: 'Zeilen pro Seite 20' })).toBeTruthy()
      expect(within(nav('Tasks pages')).getByRole('button', { name: 'Next page' })).toBeTruthy()
    })

    it('refuses bad props with a MetalError naming the component, the prop and the value', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      await expect(harness.render({ total: 10, pageSize: 0 })).rejects.toThrow(
        '<Pagination>: pageSize must be a positive integer, got 0',
      )
      vi.mocked(console.error).mockRestore()
      vi.mocked(console.warn).mockRestore()
    })
  })
}
