import { describe, expect, it, vi } from 'vitest'
import { connectTooltip } from '../tooltip.connect.js'
import { initTooltip, updateTooltip } from '../tooltip.model.js'
import type { TooltipEvent, TooltipState } from '../tooltip.types.js'

function run(...events: TooltipEvent['type'][]): TooltipState {
  return events.reduce((s, type) => updateTooltip(s, { type } as TooltipEvent), initTooltip())
}

describe('tooltip model', () => {
  it('shows on hover only after the delay, and at once on focus', () => {
    expect(run('POINTER_ENTER')).toEqual({ open: false, pending: 'show' })
    expect(run('POINTER_ENTER', 'DELAY_ELAPSED').open).toBe(true)
    expect(run('POINTER_ENTER', 'POINTER_LEAVE', 'DELAY_ELAPSED').open).toBe(false)
    expect(run('FOCUS').open).toBe(true)
  })

  it('hides after leaving unless the pointer reaches the tooltip; blur and Escape hide at once', () => {
    expect(run('FOCUS', 'POINTER_LEAVE')).toEqual({ open: true, pending: 'hide' })
    expect(run('FOCUS', 'POINTER_LEAVE', 'DELAY_ELAPSED').open).toBe(false)
    expect(run('FOCUS', 'POINTER_LEAVE', 'CONTENT_POINTER_ENTER', 'DELAY_ELAPSED').open).toBe(true)
    expect(run('FOCUS', 'BLUR').open).toBe(false)
    expect(run('FOCUS', 'ESCAPE').open).toBe(false)
    const closed = initTooltip()
    expect(updateTooltip(closed, { type: 'ESCAPE' })).toBe(closed)
  })
})

describe('connectTooltip', () => {
  it('describes the trigger by a role=tooltip element and wires hover, focus and Escape', () => {
    const send = vi.fn()
    const api = connectTooltip({ open: true, pending: null }, send, {
      id: 't',
      content: 'Delete row',
    })
    const trigger = api.getTriggerProps()
    const content = api.getContentProps()
    expect(trigger['aria-describedby']).toBe(content.id)
    expect(content).toMatchObject({ role: 'tooltip', hidden: false, popover: 'manual' })
    trigger.onKeyDown({ key: 'Escape' })
    expect(send).toHaveBeenCalledWith({ type: 'ESCAPE' })
    trigger.onPointerEnter()
    expect(send).toHaveBeenCalledWith({ type: 'POINTER_ENTER' })
    const quiet = connectTooltip(initTooltip(), send, {
      id: 't',
      content: 'x',
      describeTrigger: false,
    })
    expect(quiet.getTriggerProps()['aria-describedby']).toBeUndefined()
    expect(() => connectTooltip(initTooltip(), send, { id: 't', content: '' })).toThrow(
      /connectTooltip: content must be a non-empty string/,
    )
  })
})
