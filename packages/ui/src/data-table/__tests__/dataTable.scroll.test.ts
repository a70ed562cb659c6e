import { describe, expect, it } from 'vitest'
import { getAnchoredScroll, getScrollAnchor } from '../dataTable.scroll.js'

const ids = (...names: string[]) => names
const H = 50

describe('getScrollAnchor', () => {
  it('finds the first row in view and how far it is scrolled past', () => {
    expect(getScrollAnchor(ids('a', 'b', 'c', 'd'), 120, H)).toEqual({
      rowId: 'c',
      index: 2,
      offset: 20,
    })
  })

  it('has no anchor at the very top or without rows', () => {
    expect(getScrollAnchor(ids('a', 'b'), 0, H)).toBeNull()
    expect(getScrollAnchor([], 100, H)).toBeNull()
  })
})

describe('getAnchoredScroll', () => {
  const before = ids('a', 'b', 'c', 'd', 'e')
  const anchor = { rowId: 'c', index: 2, offset: 20 }

  it('moves down by the rows that arrived above the anchor and counts them', () => {
    expect(getAnchoredScroll(anchor, before, ids('x', 'a', 'y', 'b', 'c', 'd', 'e'), H)).toEqual({
      scrollTop: 4 * H + 20,
      added: 2,
    })
  })

  it('ignores rows arriving below; a row moving up from below is anchored but not new', () => {
    expect(getAnchoredScroll(anchor, before, ids('a', 'b', 'c', 'z', 'd', 'e'), H)).toEqual({
      scrollTop: 2 * H + 20,
      added: 0,
    })
    expect(getAnchoredScroll(anchor, before, ids('a', 'e', 'b', 'c', 'd'), H)).toEqual({
      scrollTop: 3 * H + 20,
      added: 0,
    })
  })

  it('moves up when rows above leave', () => {
    expect(getAnchoredScroll(anchor, before, ids('b', 'c', 'd', 'e'), H)).toEqual({
      scrollTop: H + 20,
      added: 0,
    })
  })

  it('keeps the next surviving row in place when the anchor itself leaves', () => {
    expect(getAnchoredScroll(anchor, before, ids('n', 'a', 'b', 'd', 'e'), H)).toEqual({
      scrollTop: 3 * H,
      added: 1,
    })
    expect(getAnchoredScroll(anchor, before, ids('a', 'b'), H)).toEqual({
      scrollTop: 2 * H + 20,
      added: 0,
    })
  })
})
