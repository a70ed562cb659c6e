import { describe, expect, it, vi } from 'vitest'
import { connectDateField, type DateFieldConnectOptions } from '../dateField.connect.js'
import { initDateField, updateDateField } from '../dateField.model.js'
import type { DateFieldEvent, DateFieldState } from '../dateField.types.js'

function harness(value: string | null, extra: Partial<DateFieldConnectOptions> = {}) {
  let current = value
  let state: DateFieldState = initDateField('', value ?? '2024-11-20')
  const onValueChange = vi.fn((v: string | null) => (current = v))
  const send = (e: DateFieldEvent) => (state = updateDateField(state, e))
  const api = () =>
    connectDateField(state, send, {
      id: 'd',
      label: 'Due',
      value: current,
      onValueChange,
      today: '2024-11-20',
      locale: 'en-US',
      ...extra,
    })
  const type = (text: string) => {
    api()
      .getInputProps()
      .onChange({ target: { value: text } })
    api().getInputProps().onBlur()
  }
  const key = (k: string, shiftKey = false) => {
    const preventDefault = vi.fn()
    api().getGridProps().onKeyDown({ key: k, shiftKey, preventDefault })
    return preventDefault
  }
  return {
    api,
    type,
    key,
    onValueChange,
    get state() {
      return state
    },
  }
}

describe('connectDateField: typing', () => {
  it('takes a date typed in the locale order or as ISO and shows it in the locale order', () => {
    const h = harness(null)
    h.type('11/5/2024')
    expect(h.onValueChange).toHaveBeenLastCalledWith('2024-11-05')
    expect(h.state.text).toBe('11/05/2024')
    h.type('2024-12-24')
    expect(h.onValueChange).toHaveBeenLastCalledWith('2024-12-24')
    const de = harness(null, { locale: 'de-DE' })
    de.type('24.12.2024')
    expect(de.onValueChange).toHaveBeenLastCalledWith('2024-12-24')
  })

  it('shows an error for invalid text and keeps the value', () => {
    const h = harness('2024-11-05')
    h.type('31/02/2024')
    expect(h.onValueChange).not.toHaveBeenCalled()
    expect(h.api().errorText).toBe('Enter a date as MM/DD/YYYY')
    expect(h.api().getInputProps()['aria-invalid']).toBe('true')
    expect(h.api().getInputProps()['aria-describedby']).toBe('d-error')
    h.type('')
    expect(h.onValueChange).toHaveBeenLastCalledWith(null)
    expect(h.api().errorText).toBeNull()
  })

  it('refuses dates outside min and max, saying the bound', () => {
    const h = harness(null, { min: '2024-11-01', max: '2024-11-30' })
    h.type('10/31/2024')
    expect(h.api().errorText).toBe('Enter a date on or after 11/01/2024')
    h.type('12/01/2024')
    expect(h.api().errorText).toBe('Enter a date on or before 11/30/2024')
    expect(h.onValueChange).not.toHaveBeenCalled()
  })

  it("lets the caller's error win", () => {
    expect(harness(null, { error: 'Required' }).api().errorText).toBe('Required')
  })

  it('rejects a value that is not an ISO day', () => {
    expect(() => harness('11/05/2024').api()).toThrow(
      /connectDateField: value must be a 'YYYY-MM-DD' date or null, got '11\/05\/2024'/,
    )
  })
})

describe('connectDateField: calendar', () => {
  it('opens at the value (else today), a labelled dialog with a grid', () => {
    const h = harness('2024-11-05')
    h.api().getCalendarButtonProps().onClick()
    expect(h.state.open).toBe(true)
    expect(h.state.focusedDate).toBe('2024-11-05')
    expect(h.api().monthTitle).toBe('November 2024')
    expect(h.api().getCalendarProps()).toMatchObject({
      role: 'dialog',
      'aria-label': 'Calendar',
      hidden: false,
    })
    expect(h.api().getGridProps()['aria-labelledby']).toBe(h.api().getMonthTitleProps().id)
    expect(h.api().weekdays.map((d) => d.short)).toEqual([
      'Sun',
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
    ])
    const cell = h.api().getCellProps({ date: '2024-11-05', label: '5' })
    expect(cell).toMatchObject({
      'aria-selected': true,
      tabIndex: 0,
      'aria-label': 'Tuesday, November 5, 2024',
    })
    expect(h.api().getCellProps({ date: '2024-11-20', label: '20' })['aria-current']).toBe('date')
  })

  it('moves by day, week, month, year and to the week ends', () => {
    const h = harness('2024-11-05')
    h.api().getCalendarButtonProps().onClick()
    h.key('ArrowRight')
    expect(h.state.focusedDate).toBe('2024-11-06')
    h.key('ArrowLeft')
    h.key('ArrowDown')
    expect(h.state.focusedDate).toBe('2024-11-12')
    h.key('ArrowUp')
    h.key('ArrowUp')
    expect(h.state.focusedDate).toBe('2024-10-29')
    expect(h.api().monthTitle).toBe('October 2024')
    h.key('PageDown')
    expect(h.state.focusedDate).toBe('2024-11-29')
    h.key('PageUp', true)
    expect(h.state.focusedDate).toBe('2023-11-29')
    h.key('Home')
    expect(h.state.focusedDate).toBe('2023-11-26')
    h.key('End')
    expect(h.state.focusedDate).toBe('2023-12-02')
  })

  it('flips left and right in right-to-left layouts', () => {
    const h = harness('2024-11-05', { dir: 'rtl' })
    h.api().getCalendarButtonProps().onClick()
    h.key('ArrowRight')
    expect(h.state.focusedDate).toBe('2024-11-04')
    h.key('ArrowLeft')
    h.key('ArrowLeft')
    expect(h.state.focusedDate).toBe('2024-11-06')
  })

  it('Enter picks and closes; Escape closes without picking', () => {
    const h = harness(null)
    h.api().getCalendarButtonProps().onClick()
    h.key('ArrowRight')
    expect(h.key('Enter')).toHaveBeenCalled()
    expect(h.onValueChange).toHaveBeenCalledWith('2024-11-21')
    expect(h.state.open).toBe(false)
    expect(h.state.text).toBe('11/21/2024')
    h.api().getCalendarButtonProps().onClick()
    h.key('ArrowRight')
    h.key('Escape')
    expect(h.state.open).toBe(false)
    expect(h.onValueChange).toHaveBeenCalledTimes(1)
  })

  it('keeps focus within min and max and disables what lies outside', () => {
    const h = harness(null, { min: '2024-11-18', max: '2024-11-22' })
    h.api().getCalendarButtonProps().onClick()
    h.key('ArrowDown')
    expect(h.state.focusedDate).toBe('2024-11-22')
    expect(h.api().getCellProps({ date: '2024-11-10', label: '10' })['aria-disabled']).toBe('true')
    expect(h.api().getPreviousMonthProps().disabled).toBe(true)
    expect(h.api().getNextMonthProps().disabled).toBe(true)
    h.api().getCellProps({ date: '2024-11-10', label: '10' }).onClick?.()
    expect(h.onValueChange).not.toHaveBeenCalled()
  })

  it('starts weeks on Monday where the locale does', () => {
    const h = harness(null, { locale: 'de-DE' })
    expect(h.api().weekdays[0]!.long).toBe('Montag')
  })

  it('month buttons move by a month', () => {
    const h = harness('2024-01-31')
    h.api().getCalendarButtonProps().onClick()
    h.api().getNextMonthProps().onClick()
    expect(h.state.focusedDate).toBe('2024-02-29')
    h.api().getPreviousMonthProps().onClick()
    expect(h.state.focusedDate).toBe('2024-01-29')
  })
})
