// Calendar arithmetic on 'YYYY-MM-DD' strings. Dates are days, not instants: every computation
// goes through Date.UTC and getUTC*, never through local time, so no time zone or daylight
// saving change can shift a day. Locale-dependent names and orders come from Intl (in UTC).
import { invalid } from '../../invalid.js'

/** A calendar day as numbers (month 1–12). */
export interface DateParts {
  year: number
  month: number
  day: number
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The parts of an ISO date, or `null` when it is not a real 'YYYY-MM-DD' day. */
export function parseIsoDate(text: string): DateParts | null {
  const match = ISO.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** Whether `text` is a real day written 'YYYY-MM-DD'. */
export function isIsoDate(text: unknown): text is string {
  return typeof text === 'string' && parseIsoDate(text) !== null
}

/** 'YYYY-MM-DD' for the given parts (month 1–12); years below 1000 are zero-padded. */
export function toIsoDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function partsOf(iso: string, call: string): DateParts {
  const parts = parseIsoDate(iso)
  if (!parts) throw invalid(call, 'date', "a 'YYYY-MM-DD' date", iso)
  return parts
}

/** Milliseconds of the day's UTC midnight (for arithmetic only). */
function utc(parts: DateParts): number {
  const date = new Date(0)
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day)
  return date.getTime()
}

function fromUtc(ms: number): string {
  const d = new Date(ms)
  return toIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

/** The day `days` after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return fromUtc(utc(partsOf(iso, 'addDays')) + days * DAY_MS)
}

/** The same day `months` later, or the month's last day when it is shorter (Jan 31 + 1 → Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = partsOf(iso, 'addMonths')
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return toIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) })
}

/** Day of the week of `iso` (0 = Sunday). */
export function dayOfWeek(iso: string): Weekday {
  return new Date(utc(partsOf(iso, 'dayOfWeek'))).getUTCDay() as Weekday
}

/** The first day of the week containing `iso`, weeks starting on `firstDay`. */
export function startOfWeek(iso: string, firstDay: Weekday): string {
  return addDays(iso, -((dayOfWeek(iso) - firstDay + 7) % 7))
}

/** The last day of the week containing `iso`, weeks starting on `firstDay`. */
export function endOfWeek(iso: string, firstDay: Weekday): string {
  return addDays(startOfWeek(iso, firstDay), 6)
}

/** `iso` moved into [min, max] (either bound may be missing). ISO strings compare as text. */
export function clampDate(iso: string, min?: string | null, max?: string | null): string {
  if (min && iso < min) return min
  if (max && iso > max) return max
  return iso
}

/** Whether `iso` lies within [min, max]. */
export function isWithin(iso: string, min?: string | null, max?: string | null): boolean {
  return !(min && iso < min) && !(max && iso > max)
}

/**
 * The weeks of a month as rows of seven cells, weeks starting on `firstDay`; cells outside the
 * month are `null`.
 */
export function getMonthGrid(year: number, month: number, firstDay: Weekday): (string | null)[][] {
  const first = toIsoDate({ year, month, day: 1 })
  const lead = (dayOfWeek(first) - firstDay + 7) % 7
  const total = daysInMonth(year, month)
  const cells: (string | null)[] = Array.from({ length: lead }, () => null)
  for (let day = 1; day <= total; day++) cells.push(toIsoDate({ year, month, day }))
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** Regions whose weeks start on Sunday (used when Intl has no week data). */
const SUNDAY_REGIONS = new Set(
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(
    ' ',
  ),
)

/**
 * The first day of the week in `locale`: from Intl.Locale's week info where the runtime has it,
 * else Sunday for regions that start weeks on Sunday (the US, Canada, Japan, …) and Monday
 * elsewhere.
 */
export function getFirstDayOfWeek(locale: string): Weekday {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number }
      weekInfo?: { firstDay: number }
      maximize(): Intl.Locale
    }
    const info = loc.getWeekInfo?.() ?? loc.weekInfo
    if (info && Number.isInteger(info.firstDay)) return (info.firstDay % 7) as Weekday
    const region = loc.region ?? loc.maximize().region
    return region && SUNDAY_REGIONS.has(region) ? 0 : 1
  } catch {
    return 0
  }
}

/** The week-day names in display order, weeks starting on `firstDay`. */
export function getWeekdayNames(
  locale: string,
  firstDay: Weekday,
  width: 'narrow' | 'short' | 'long',
): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' })
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) =>
    format.format(Date.UTC(2023, 0, 1 + ((firstDay + i) % 7))),
  )
}

/** "November 2024" in `locale`. */
export function formatMonthYear(year: number, month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(utc({ year, month, day: 1 }))
}

/** "Saturday, November 23, 2024" in `locale`: a calendar cell's accessible name. */
export function formatDateLong(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    utc(partsOf(iso, 'formatDateLong')),
  )
}

/** The day of the month as `locale` writes numbers. */
export function formatDayNumber(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' }).format(
    utc(partsOf(iso, 'formatDayNumber')),
  )
}

type Field = 'year' | 'month' | 'day'

function numericParts(locale: string): { type: string; value: string }[] {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
    numberingSystem: 'latn',
  }).formatToParts(Date.UTC(2024, 10, 23))
}

/** The order `locale` writes a numeric date in, e.g. ['month', 'day', 'year'] for en-US. */
export function getDateOrder(locale: string): Field[] {
  return numericParts(locale)
    .map((p) => p.type)
    .filter((t): t is Field => t === 'year' || t === 'month' || t === 'day')
}

/** A pattern showing the expected input, e.g. 'MM/DD/YYYY' for en-US or 'DD.MM.YYYY' for de-DE. */
export function getDatePattern(locale: string): string {
  const names: Record<string, string> = { year: 'YYYY', month: 'MM', day: 'DD' }
  return numericParts(locale)
    .map((p) => names[p.type] ?? p.value.replace(/[\u200e\u200f]/g, ''))
    .join('')
}

/** `iso` written the way `locale` writes numeric dates ('11/23/2024' in en-US), in Latin digits. */
export function formatDateInput(iso: string, locale: string): string {
  const parts = partsOf(iso, 'formatDateInput')
  const values: Record<Field, string> = {
    year: String(parts.year).padStart(4, '0'),
    month: String(parts.month).padStart(2, '0'),
    day: String(parts.day).padStart(2, '0'),
  }
  return numericParts(locale)
    .map((p) =>
      p.type === 'year' || p.type === 'month' || p.type === 'day'
        ? values[p.type]
        : p.value.replace(/[\u200e\u200f]/g, ''),
    )
    .join('')
}

/**
 * Reads a typed date: 'YYYY-MM-DD', or three numbers in the locale's order with any separators
 * ('11/23/2024', '23.11.2024'; a two-digit year means 20xx). Returns the ISO date, `null` for
 * empty text, or `'invalid'`.
 */
export function parseDateInput(text: string, locale: string): string | null | 'invalid' {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (ISO.test(trimmed)) return parseIsoDate(trimmed) ? trimmed : 'invalid'
  const numbers = trimmed.match(/\d+/g)
  if (
    !numbers ||
    numbers.length !== 3 ||
    /[^\d\s./\-,]/u.test(trimmed.replace(/[\u200e\u200f]/g, ''))
  )
    return 'invalid'
  const order = getDateOrder(locale)
  const fields: Partial<Record<Field, string>> = {}
  order.forEach((field, i) => (fields[field] = numbers[i]))
  const yearText = fields.year!
  if (yearText.length !== 2 && yearText.length !== 4) return 'invalid'
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)
  const month = Number(fields.month)
  const day = Number(fields.day)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'invalid'
  return toIsoDate({ year, month, day })
}

/** Today's date where the user is (their clock and time zone), as 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
  return toIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() })
}
