import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Tooltip } from '../Tooltip.js'
import { TOOLTIP_SHOW_DELAY } from '../../../controls/tooltip/tooltip.model.js'

afterEach(() => vi.useRealTimers())

describe('<Tooltip>', () => {
  it('describes its child and shows on focus; Escape hides it', () => {
    render(
      <Tooltip content="Export as CSV">
        <button type="button" aria-describedby="other">
          Export
        </button>
      </Tooltip>,
    )
    const button = screen.getByRole('button', { name: 'Export' })
    const tip = document.querySelector('[role="tooltip"]') as HTMLElement
    expect(button.getAttribute('aria-describedby')).toBe(`other ${tip.id}`)
    expect(tip.hidden).toBe(true)
    act(() => button.focus())
    expect(tip.hidden).toBe(false)
    expect(tip.textContent).toBe('Export as CSV')
    fireEvent.keyDown(button, { key: 'Escape' })
    expect(tip.hidden).toBe(true)
  })

  it('shows on hover after the delay, keeping the child handlers', () => {
    vi.useFakeTimers()
    const onPointerEnter = vi.fn()
    render(
      <Tooltip content="Refresh">
        <button type="button" onPointerEnter={onPointerEnter}>
          R
        </button>
      </Tooltip>,
    )
    const tip = document.querySelector('[role="tooltip"]') as HTMLElement
    fireEvent.pointerEnter(screen.getByRole('button'))
    expect(onPointerEnter).toHaveBeenCalled()
    expect(tip.hidden).toBe(true)
    act(() => vi.advanceTimersByTime(TOOLTIP_SHOW_DELAY))
    expect(tip.hidden).toBe(false)
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(tip.hidden).toBe(true)
  })
})
