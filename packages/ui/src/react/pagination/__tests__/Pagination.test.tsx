import { useRef, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Pagination, type PaginationProps } from '../Pagination.js'

const nav = () => screen.getByRole('navigation', { name: 'Pagination' })
const range = () => nav().querySelector('[data-part="range"]')?.textContent
const current = () => within(nav()).getByRole('button', { current: 'page' })
const button = (name: string) => within(nav()).getByRole('button', { name })

describe('<Pagination>', () => {
  it('names each landmark with its label, so several paginations on a page stay distinct', () => {
    render(
      <>
        <Pagination total={50} label="Tasks pages" />
        <Pagination total={50} label="Users pages" />
      </>,
    )
    expect(screen.getByRole('navigation', { name: 'Tasks pages' })).toBeTruthy()
    expect(screen.getByRole('navigation', { name: 'Users pages' })).toBeTruthy()
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).toBeNull()
  })

  it('renders a labelled navigation with the range and the current page', () => {
    render(<Pagination total={135} />)
    expect(range()).toBe('1–20 of 135')
    expect(current()).toHaveProperty('textContent', '1')
    expect(button('Previous page')).toHaveProperty('disabled', true)
    expect(button('First page')).toHaveProperty('disabled', true)
    expect(button('Next page')).toHaveProperty('disabled', false)
  })

  it('lists pages with an ellipsis when there are many', () => {
    render(<Pagination total={1000} defaultPage={25} />)
    const items = [...nav().querySelectorAll('li')].map((li) => li.textContent)
    // first, previous, 1 … 24 25 26 … 50, next, last
    expect(items.slice(2, -2)).toEqual(['1', '…', '24', '25', '26', '…', '50'])
  })

  it('moves to the next page: the label and aria-current follow', async () => {
    const user = userEvent.setup()
    const onPageChange = vi.fn()
    render(<Pagination total={135} onPageChange={onPageChange} />)
    await user.click(button('Next page'))
    expect(range()).toBe('21–40 of 135')
    expect(current()).toHaveProperty('textContent', '2')
    expect(onPageChange).toHaveBeenCalledWith(2)
  })

  it('jumps to a page number and to the last page', async () => {
    const user = userEvent.setup()
    render(<Pagination total={135} />)
    await user.click(button('Page 3'))
    expect(range()).toBe('41–60 of 135')
    await user.click(button('Last page'))
    expect(range()).toBe('121–135 of 135')
    expect(button('Next page')).toHaveProperty('disabled', true)
  })

  it('changes rows per page and keeps the first row in view', async () => {
    const user = userEvent.setup()
    const onPageSizeChange = vi.fn()
    render(<Pagination total={135} defaultPage={3} onPageSizeChange={onPageSizeChange} />)
    const trigger = screen.getByRole('button', { name: 'Rows per page 20' })
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu')
    await user.click(trigger)
    const menu = screen.getByRole('menu', { name: 'Rows per page' })
    expect(
      within(menu).getByRole('menuitemcheckbox', { name: '20' }).getAttribute('aria-checked'),
    ).toBe('true')
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: '50' }))
    expect(onPageSizeChange).toHaveBeenCalledWith(50)
    expect(screen.getByRole('button', { name: 'Rows per page 50' })).toBeTruthy()
    expect(range()).toBe('1–50 of 135')
  })

  it('follows the page it is given when controlled', async () => {
    const user = userEvent.setup()
    const onPageChange = vi.fn()
    const { rerender } = render(<Pagination total={135} page={2} onPageChange={onPageChange} />)
    await user.click(button('Next page'))
    expect(onPageChange).toHaveBeenCalledWith(3)
    expect(range()).toBe('21–40 of 135') // the parent has not moved it yet
    rerender(<Pagination total={135} page={3} onPageChange={onPageChange} />)
    expect(range()).toBe('41–60 of 135')
  })

  it('clamps to the last page when a live total shrinks', () => {
    const { rerender } = render(<Pagination total={135} defaultPage={7} />)
    rerender(<Pagination total={30} />)
    expect(range()).toBe('21–30 of 30')
    expect(current()).toHaveProperty('textContent', '2')
  })

  it('pages with previous and next only in cursor mode', async () => {
    const user = userEvent.setup()
    function Cursor() {
      const [page, setPage] = useState(1)
      const rows = 47
      return (
        <Pagination
          mode="cursor"
          page={page}
          onPageChange={setPage}
          hasNextPage={page * 20 < rows}
          pageItemCount={Math.min(20, rows - (page - 1) * 20)}
        />
      )
    }
    render(<Cursor />)
    expect(within(nav()).queryByRole('button', { name: 'Last page' })).toBeNull()
    expect(within(nav()).queryByRole('button', { name: 'Page 1' })).toBeNull()
    await user.click(button('Next page'))
    expect(range()).toBe('21–40 of many')
    await user.click(button('Next page'))
    expect(range()).toBe('41–47 of 47')
    expect(button('Next page')).toHaveProperty('disabled', true)
  })

  it('moves focus to the focus target after a page change', async () => {
    const user = userEvent.setup()
    function Table() {
      const ref = useRef<HTMLTableElement>(null)
      return (
        <>
          <table ref={ref} tabIndex={-1} aria-label="Users" />
          <Pagination total={135} focusTarget={ref} />
        </>
      )
    }
    render(<Table />)
    await user.click(button('Next page'))
    expect(document.activeElement).toBe(screen.getByRole('table', { name: 'Users' }))
  })

  it('keeps focus inside when the pressed button becomes disabled', async () => {
    const user = userEvent.setup()
    render(<Pagination total={40} />)
    button('Next page').focus()
    await user.keyboard('{Enter}')
    expect(range()).toBe('21–40 of 40')
    expect(document.activeElement).toBe(current())
  })

  it('does not move focus when the page changes without the user', () => {
    const props: PaginationProps = { total: 135, page: 1 }
    const { rerender } = render(
      <>
        <input aria-label="search" />
        <Pagination {...props} />
      </>,
    )
    screen.getByRole('textbox').focus()
    rerender(
      <>
        <input aria-label="search" />
        <Pagination {...props} page={2} />
      </>,
    )
    expect(document.activeElement).toBe(screen.getByRole('textbox'))
  })

  it('reports bad props as a MetalError naming the component', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<Pagination total={10} pageSize={0} />)).toThrow(
      '<Pagination>: pageSize must be a positive integer, got 0',
    )
    vi.mocked(console.error).mockRestore()
  })
})
