import { describe, expect, it, vi } from 'vitest'
import { connectPagination } from '../pagination.connect.js'
import { initPagination } from '../pagination.model.js'
import type { PaginationOptions } from '../pagination.types.js'

function connect(options: PaginationOptions) {
  const send = vi.fn()
  const api = connectPagination(initPagination(options), send, { id: 'p' })
  return { api, send }
}

describe('connectPagination', () => {
  it('runs every part through normalizeProps, for views of other frameworks', () => {
    const seen: string[] = []
    const normalizeProps = <T extends object>(props: T): T => {
      seen.push(String((props as Record<string, unknown>)['data-part']))
      return { ...props, normalized: true }
    }
    const api = connectPagination(initPagination({ total: 100 }), vi.fn(), {
      id: 'p',
      normalizeProps,
      label: 'Tasks pages',
    })
    const parts = [
      api.getRootProps(),
      api.getRangeProps(),
      api.getListProps(),
      api.getFirstTriggerProps(),
      api.getPreviousTriggerProps(),
      api.getNextTriggerProps(),
      api.getLastTriggerProps(),
      api.getPageTriggerProps(2),
      api.getEllipsisProps('end'),
      api.getPageSizeProps(),
      api.getPageSizeLabelProps(),
      api.getPageSizeTriggerProps(),
    ]
    for (const props of parts) expect(props).toMatchObject({ normalized: true })
    expect(seen).toContain('root')
    expect(seen).toContain('page-trigger')
    expect(api.getRootProps()['aria-label']).toBe('Tasks pages')
  })

  it('labels the navigation landmark', () => {
    const { api } = connect({ total: 100 })
    expect(api.getRootProps()).toMatchObject({
      id: 'p',
      'aria-label': 'Pagination',
      'data-mode': 'offset',
    })
  })

  it('marks only the current page with aria-current="page"', () => {
    const { api } = connect({ total: 100, page: 3 })
    expect(api.getPageTriggerProps(3)['aria-current']).toBe('page')
    expect(api.getPageTriggerProps(2)['aria-current']).toBeUndefined()
    expect(api.getPageTriggerProps(3)['aria-label']).toBe('Page 3')
  })

  it('disables the moves that go nowhere and sends nothing for them', () => {
    const { api, send } = connect({ total: 100, page: 1 })
    const previous = api.getPreviousTriggerProps()
    expect(previous).toMatchObject({
      disabled: true,
      'data-disabled': '',
      'aria-label': 'Previous page',
    })
    expect(api.getFirstTriggerProps().disabled).toBe(true)
    previous.onClick()
    expect(send).not.toHaveBeenCalled()
  })

  it('sends the matching event when a button is pressed', () => {
    const { api, send } = connect({ total: 100, page: 2 })
    api.getNextTriggerProps().onClick()
    api.getLastTriggerProps().onClick()
    api.getPageTriggerProps(4).onClick()
    expect(send.mock.calls.map(([e]) => e)).toEqual([
      { type: 'NEXT' },
      { type: 'LAST' },
      { type: 'GO_TO', page: 4 },
    ])
  })

  it('disables next and last on the last page', () => {
    const { api } = connect({ total: 100, page: 5 })
    expect(api.getNextTriggerProps().disabled).toBe(true)
    expect(api.getLastTriggerProps().disabled).toBe(true)
  })

  it('makes the range label a polite live region', () => {
    const { api } = connect({ total: 100 })
    expect(api.getRangeProps()).toMatchObject({ 'aria-live': 'polite', 'aria-atomic': 'true' })
    expect(api.info.label).toBe('1–20 of 100')
  })

  it('names the rows-per-page button by its label and value, and offers each size', () => {
    const { api, send } = connect({ total: 100, pageSize: 50 })
    const trigger = api.getPageSizeTriggerProps()
    expect(trigger['aria-labelledby']).toBe(
      `${api.getPageSizeLabelProps().id} ${api.getPageSizeMenuProps().id}-trigger`,
    )
    const items = api.getPageSizeItems()
    expect(items.map((i) => [i.label, i.checked])).toEqual([
      ['10', false],
      ['20', false],
      ['50', true],
      ['100', false],
    ])
    items[0]?.onSelect()
    expect(send).toHaveBeenCalledWith({ type: 'SET_PAGE_SIZE', pageSize: 10 })
  })

  it('hides ellipses from assistive technology', () => {
    const { api } = connect({ total: 1000, page: 25 })
    expect(api.getEllipsisProps('start')['aria-hidden']).toBe('true')
  })

  it('uses translated messages', () => {
    const api = connectPagination(initPagination({ total: 30 }), () => {}, {
      id: 'p',
      messages: {
        navigationLabel: 'Seiten',
        nextPage: 'Nächste Seite',
        page: (n) => `Seite ${n}`,
        range: ({ from, to, total }) => `${from}–${to} von ${total}`,
      },
    })
    expect(api.getRootProps()['aria-label']).toBe('Seiten')
    expect(api.getNextTriggerProps()['aria-label']).toBe('Nächste Seite')
    expect(api.getPageTriggerProps(2)['aria-label']).toBe('Seite 2')
    expect(api.info.label).toBe('1–20 von 30')
  })
})
