import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { fireEvent, screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { h, nextTick } from 'vue'
import { MetalError } from '@metal/core'
import { TOOLTIP_HIDE_DELAY, TOOLTIP_SHOW_DELAY } from '../../../controls/tooltip/tooltip.model.js'
import { Button } from '../Button.js'
import { Tooltip } from '../Tooltip.js'

afterEach(() => vi.useRealTimers())

const tooltip = () => document.querySelector<HTMLElement>('[role="tooltip"]')!

describe('<Tooltip> (Vue)', () => {
  it('describes its child and shows on focus; Escape hides it', async () => {
    mount(Tooltip, {
      props: { content: 'Export as CSV' },
      slots: {
        default: () => h('button', { type: 'button', 'aria-describedby': 'other' }, 'Export'),
      },
      attachTo: document.body,
    })
    const button = screen.getByRole('button', { name: 'Export' })
    const tip = tooltip()
    expect(button.getAttribute('aria-describedby')).toBe(`other ${tip.id}`)
    expect(tip.hidden).toBe(true)
    expect(button.dataset.tooltipState).toBe('closed')
    button.focus()
    await nextTick()
    expect(tip.hidden).toBe(false)
    expect(tip.textContent).toBe('Export as CSV')
    expect(tip.dataset.state).toBe('open')
    expect(button.dataset.tooltipState).toBe('open')
    fireEvent.keyDown(button, { key: 'Escape' })
    await nextTick()
    expect(tip.hidden).toBe(true)
  })

  it('hides on blur, with Tab moving focus away', async () => {
    const user = userEvent.setup()
    mount(
      () =>
        h('div', [
          h(Tooltip, { content: 'Refresh' }, () => h('button', { type: 'button' }, 'R')),
          h('button', { type: 'button' }, 'Next'),
        ]),
      { attachTo: document.body },
    )
    await user.tab()
    expect(tooltip().hidden).toBe(false)
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next' }))
    expect(tooltip().hidden).toBe(true)
  })

  it('shows on hover after the delay, keeping the child handlers; Escape anywhere hides it', async () => {
    vi.useFakeTimers()
    const onPointerenter = vi.fn()
    mount(Tooltip, {
      props: { content: 'Refresh' },
      slots: { default: () => h('button', { type: 'button', onPointerenter }, 'R') },
      attachTo: document.body,
    })
    const tip = tooltip()
    fireEvent.pointerEnter(screen.getByRole('button'))
    expect(onPointerenter).toHaveBeenCalled()
    vi.advanceTimersByTime(TOOLTIP_SHOW_DELAY - 1)
    await nextTick()
    expect(tip.hidden).toBe(true)
    vi.advanceTimersByTime(1)
    await nextTick()
    expect(tip.hidden).toBe(false)
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await nextTick()
    expect(tip.hidden).toBe(true)
  })

  it('hides a moment after the pointer leaves, unless it reaches the tooltip', async () => {
    vi.useFakeTimers()
    mount(Tooltip, {
      props: { content: 'Refresh' },
      slots: { default: () => h('button', { type: 'button' }, 'R') },
      attachTo: document.body,
    })
    const button = screen.getByRole('button')
    const tip = tooltip()
    fireEvent.pointerEnter(button)
    vi.advanceTimersByTime(TOOLTIP_SHOW_DELAY)
    await nextTick()
    fireEvent.pointerLeave(button)
    fireEvent.pointerEnter(tip)
    vi.advanceTimersByTime(TOOLTIP_HIDE_DELAY)
    await nextTick()
    expect(tip.hidden).toBe(false)
    fireEvent.pointerLeave(tip)
    vi.advanceTimersByTime(TOOLTIP_HIDE_DELAY - 1)
    await nextTick()
    expect(tip.hidden).toBe(false)
    vi.advanceTimersByTime(1)
    await nextTick()
    expect(tip.hidden).toBe(true)
  })

  it('does not show when the pointer leaves before the delay', async () => {
    vi.useFakeTimers()
    mount(Tooltip, {
      props: { content: 'Refresh' },
      slots: { default: () => h('button', { type: 'button' }, 'R') },
      attachTo: document.body,
    })
    const button = screen.getByRole('button')
    fireEvent.pointerEnter(button)
    vi.advanceTimersByTime(TOOLTIP_SHOW_DELAY / 2)
    fireEvent.pointerLeave(button)
    vi.advanceTimersByTime(TOOLTIP_SHOW_DELAY)
    await nextTick()
    expect(tooltip().hidden).toBe(true)
  })

  it('wraps a component child, leaves aria-describedby alone when describeChild is off, and puts class on the tooltip', async () => {
    mount(Tooltip, {
      props: { content: 'Delete', describeChild: false },
      attrs: { class: 'tip' },
      slots: { default: () => h(Button, { 'aria-label': 'Delete' }, () => 'X') },
      attachTo: document.body,
    })
    const button = screen.getByRole('button', { name: 'Delete' })
    expect(button.hasAttribute('aria-describedby')).toBe(false)
    button.focus()
    await nextTick()
    expect(tooltip().hidden).toBe(false)
    expect(tooltip().dataset.scope).toBe('tooltip')
    expect(tooltip().classList.contains('tip')).toBe(true)
  })

  it('refuses an empty content and a slot that is not one element, with MetalErrors', () => {
    const one = () => h('button', 'B')
    expect(() => mount(Tooltip, { props: { content: '' }, slots: { default: one } })).toThrow(
      MetalError,
    )
    expect(() =>
      mount(Tooltip, { props: { content: 'Tip' }, slots: { default: () => [one(), one()] } }),
    ).toThrow(/<Tooltip>.*default slot/)
    expect(() =>
      mount(Tooltip, { props: { content: 'Tip' }, slots: { default: () => 'text' } }),
    ).toThrow(MetalError)
  })
})
