import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  clampDate,
  dayOfWeek,
  daysInMonth,
  endOfWeek,
  formatDateInput,
  formatDateLong,
  formatMonthYear,
  getDateOrder,
  getDatePattern,
  getFirstDayOfWeek,
  getMonthGrid,
  getWeekdayNames,
  isIsoDate,
  parseDateInput,
  startOfWeek,
  todayIso,
} from '../calendar.js'

describe('calendar arithmetic on ISO days', () => {
  it('knows month lengths and real days', () => {
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2023, 2)).toBe(28)
    expect(daysInMonth(2100, 2)).toBe(28)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-13-01')).toBe(false)
    expect(isIsoDate('2024-1-01')).toBe(false)
  })

  it('adds days across months, years and daylight saving changes', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    // Days that are 23 or 25 hours long in many time zones stay one day apart.
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31')
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01')
    expect(addDays('2024-10-27', 1)).toBe('2024-10-28')
    expect(addDays('2024-11-03', 1)).toBe('2024-11-04')
    let d = '2024-01-01'
    for (let i = 0; i < 366; i++) d = addDays(d, 1)
    expect(d).toBe('2025-01-01')
  })

  it('adds months, keeping the day or the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29')
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15')
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('0999-05-01', 1)).toBe('0999-06-01')
  })

  it('finds week days and week ends for either first day', () => {
    expect(dayOfWeek('2024-11-23')).toBe(6)
    expect(startOfWeek('2024-11-23', 0)).toBe('2024-11-17')
    expect(endOfWeek('2024-11-23', 0)).toBe('2024-11-23')
    expect(startOfWeek('2024-11-23', 1)).toBe('2024-11-18')
    expect(endOfWeek('2024-11-23', 1)).toBe('2024-11-24')
  })

  it('lays out a month in weeks with blanks around it', () => {
    const sunday = getMonthGrid(2024, 11, 0)
    expect(sunday[0]).toEqual([null, null, null, null, null, '2024-11-01', '2024-11-02'])
    expect(sunday.flat().filter(Boolean)).toHaveLength(30)
    expect(sunday.every((w) => w.length === 7)).toBe(true)
    const monday = getMonthGrid(2024, 11, 1)
    expect(monday[0]![4]).toBe('2024-11-01')
    expect(getMonthGrid(2026, 2, 0)).toHaveLength(4) // Feb 2026 starts on a Sunday
  })

  it('clamps to bounds', () => {
    expect(clampDate('2024-01-01', '2024-02-01', null)).toBe('2024-02-01')
    expect(clampDate('2024-05-01', null, '2024-03-01')).toBe('2024-03-01')
    expect(clampDate('2024-02-10', '2024-02-01', '2024-03-01')).toBe('2024-02-10')
  })

  it("takes today from the user's clock parts, never from a UTC string", () => {
    expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05')
    expect(todayIso(new Date(2024, 0, 5, 0, 1))).toBe('2024-01-05')
  })

  it('refuses a date that is not an ISO day, naming the call', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(
      /addDays: date must be a 'YYYY-MM-DD' date, got '2024-02-30'/,
    )
  })
})

describe('locale', () => {
  it('orders, writes and reads numeric dates as the locale does', () => {
    expect(getDateOrder('en-US')).toEqual(['month', 'day', 'year'])
    expect(getDateOrder('de-DE')).toEqual(['day', 'month', 'year'])
    expect(getDateOrder('ja-JP')).toEqual(['year', 'month', 'day'])
    expect(getDatePattern('en-US')).toBe('MM/DD/YYYY')
    expect(getDatePattern('de-DE')).toBe('DD.MM.YYYY')
    expect(formatDateInput('2024-11-03', 'en-US')).toBe('11/03/2024')
    expect(formatDateInput('2024-11-03', 'en-GB')).toBe('03/11/2024')
    expect(parseDateInput('11/3/2024', 'en-US')).toBe('2024-11-03')
    expect(parseDateInput('3.11.2024', 'de-DE')).toBe('2024-11-03')
    expect(parseDateInput('3/11/24', 'en-GB')).toBe('2024-11-03')
    expect(parseDateInput(' 2024-11-03 ', 'de-DE')).toBe('2024-11-03')
    expect(parseDateInput('', 'en-US')).toBeNull()
    expect(parseDateInput('2/30/2024', 'en-US')).toBe('invalid')
    expect(parseDateInput('13/01/2024', 'en-US')).toBe('invalid')
    expect(parseDateInput('tomorrow', 'en-US')).toBe('invalid')
    expect(parseDateInput('1/2/3/4', 'en-US')).toBe('invalid')
    expect(parseDateInput('2024-02-30', 'en-US')).toBe('invalid')
  })

  it('names months and week days, and knows where weeks start', () => {
    expect(formatMonthYear(2024, 11, 'en-US')).toBe('November 2024')
    expect(formatMonthYear(2024, 11, 'fr-FR')).toBe('novembre 2024')
    expect(formatDateLong('2024-11-23', 'en-US')).toBe('Saturday, November 23, 2024')
    expect(getWeekdayNames('en-US', 0, 'short')[0]).toBe('Sun')
    expect(getWeekdayNames('en-US', 1, 'short')).toEqual([
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
      'Sun',
    ])
    expect(getFirstDayOfWeek('en-US')).toBe(0)
    expect(getFirstDayOfWeek('de-DE')).toBe(1)
    expect(getFirstDayOfWeek('en-GB')).toBe(1)
  })
})
