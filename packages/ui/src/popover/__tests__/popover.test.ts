// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectPopover } from '../popover.connect.js'
import { initPopover, updatePopover } from '../popover.model.js'
import { getFocusables, openPopover } from '../popover.service.js'

afterEach(() => {
  document.body.innerHTML = ''
})

function elements() {
  document.body.innerHTML = `
    <button id="anchor">Filter</button>
    <div id="floating" popover="manual"><button id="inside">Apply</button></div>
    <p id="outside">Elsewhere</p>`
  const get = (id: string) => document.getElementById(id) as HTMLElement
  return {
    anchor: get('anchor'),
    floating: get('floating'),
    inside: get('inside'),
    outside: get('outside'),
  }
}

describe('popover model', () => {
  it('opens, closes with a reason, toggles', () => {
    const s0 = initPopover()
    expect(s0.open).toBe(false)
    const s1 = updatePopover(s0, { type: 'OPEN' })
    expect(s1.open).toBe(true)
    expect(updatePopover(s1, { type: 'OPEN' })).toBe(s1)
    expect(updatePopover(s1, { type: 'CLOSE', reason: 'escape' })).toEqual({
      open: false,
      closeReason: 'escape',
    })
    expect(updatePopover(s1, { type: 'TOGGLE' }).open).toBe(false)
    expect(() => initPopover({ open: 'yes' as never })).toThrow(
      /initPopover: open must be a boolean/,
    )
  })
})

describe('connectPopover', () => {
  it('makes a labelled non-modal dialog in the top layer and a trigger that controls it', () => {
    const send = vi.fn()
    const api = connectPopover(initPopover(), send, { id: 'p', label: 'Filters' })
    const content = api.getContentProps()
    expect(content).toMatchObject({
      role: 'dialog',
      'aria-label': 'Filters',
      popover: 'manual',
      hidden: true,
    })
    expect(api.getTriggerProps()['aria-controls']).toBe(content.id)
    api.getTriggerProps().onClick()
    expect(send).toHaveBeenCalledWith({ type: 'TOGGLE' })
    const normalizeProps = <T extends object>(p: T) => ({ ...p, seen: 1 })
    expect(
      connectPopover(initPopover(), send, { id: 'p', normalizeProps }).getContentProps(),
    ).toHaveProperty('seen', 1)
    expect(() => connectPopover(initPopover(), send, { id: '' })).toThrow(/options.id/)
  })
})

describe('openPopover', () => {
  it('places the element fixed, reports Escape and outside presses, and returns focus on close', async () => {
    const { anchor, floating, inside, outside } = elements()
    const onDismiss = vi.fn()
    const handle = openPopover({ anchor, floating, onDismiss })
    await handle.update()
    expect(floating.style.position).toBe('fixed')
    expect(floating.dataset.placement).toBe('bottom-start')
    // jsdom has no popover API: the element is shown in place instead.
    expect(floating.hasAttribute('popover')).toBe(false)

    inside.focus()
    inside.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(onDismiss).toHaveBeenLastCalledWith('escape')
    inside.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    anchor.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    expect(onDismiss).toHaveBeenCalledTimes(1)
    outside.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    expect(onDismiss).toHaveBeenLastCalledWith('outside')

    handle.close()
    expect(document.activeElement).toBe(anchor)
    outside.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    expect(onDismiss).toHaveBeenCalledTimes(2)
  })

  it('leaves focus alone when it moved elsewhere, and uses the popover API where there is one', () => {
    const { anchor, floating, outside } = elements()
    const show = vi.fn()
    const hide = vi.fn()
    Object.assign(floating, { showPopover: show, hidePopover: hide })
    floating.matches = ((sel: string) =>
      sel === ':popover-open' ? show.mock.calls.length > hide.mock.calls.length : false) as never
    outside.tabIndex = 0
    const handle = openPopover({ anchor, floating, closeOnOutside: false })
    expect(show).toHaveBeenCalledTimes(1)
    expect(floating.getAttribute('popover')).toBe('manual')
    outside.focus()
    handle.close()
    expect(hide).toHaveBeenCalledTimes(1)
    expect(document.activeElement).toBe(outside)
  })

  it('checks its arguments', () => {
    const { anchor, floating } = elements()
    expect(() => openPopover({ anchor: null as never, floating })).toThrow(
      /openPopover: anchor must be an element/,
    )
    expect(() => openPopover({ anchor, floating, placement: 'middle' as never })).toThrow(
      /placement/,
    )
  })

  it('lists the focusable elements inside', () => {
    const { floating, inside } = elements()
    expect(getFocusables(floating)).toEqual([inside])
  })
})
