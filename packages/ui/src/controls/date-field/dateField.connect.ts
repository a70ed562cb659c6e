import { invalid } from '../../invalid.js'
import { identityProps } from '../../normalizeProps.js'
import {
  connectFieldFrame,
  type FieldFrameApi,
  type FieldFrameOptions,
} from '../text-field/field.connect.js'
import {
  addDays,
  addMonths,
  clampDate,
  endOfWeek,
  formatDateInput,
  formatDateLong,
  formatDayNumber,
  formatMonthYear,
  getDatePattern,
  getFirstDayOfWeek,
  getMonthGrid,
  getWeekdayNames,
  isIsoDate,
  isWithin,
  parseDateInput,
  parseIsoDate,
  startOfWeek,
  todayIso,
  type Weekday,
} from './calendar.js'
import type { DateFieldEvent, DateFieldMessages, DateFieldState } from './dateField.types.js'

/** The default English messages. */
export const DEFAULT_DATE_FIELD_MESSAGES: DateFieldMessages = {
  openCalendar: 'Choose date',
  calendar: 'Calendar',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  invalidDate: (pattern) => `Enter a date as ${pattern}`,
  beforeMin: (min) => `Enter a date on or after ${min}`,
  afterMax: (max) => `Enter a date on or before ${max}`,
}

/** Options of {@link connectDateField}. */
export interface DateFieldConnectOptions extends Omit<
  FieldFrameOptions,
  'control' | 'focused' | 'hasValue' | 'length' | 'maxLength' | 'multiline' | 'messages'
> {
  /** The value, 'YYYY-MM-DD', or `null`. */
  value: string | null
  /** Called with the new value when the user commits a valid date or clears the field. */
  onValueChange?: (value: string | null) => void
  /** Earliest allowed day ('YYYY-MM-DD'). */
  min?: string | null
  /** Latest allowed day ('YYYY-MM-DD'). */
  max?: string | null
  /** The locale dates are written and named in. @default 'en-US' */
  locale?: string
  /** Writing direction: in 'rtl' the left and right arrows swap in the calendar. @default 'ltr' */
  dir?: 'ltr' | 'rtl'
  /** The first day of the week, 0 = Sunday. @default from the locale */
  firstDayOfWeek?: Weekday
  /** Today's date ('YYYY-MM-DD'). @default the user's clock */
  today?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<DateFieldMessages>
}

/** The keyboard event fields the date field reads. */
export interface DateFieldKeyEvent {
  key: string
  shiftKey?: boolean
  preventDefault(): void
}

interface Part {
  'data-scope': 'date-field'
  'data-part': string
}

/** One day cell of the month grid. */
export interface CalendarCell {
  /** 'YYYY-MM-DD', or `null` for a blank before the 1st or after the last day. */
  date: string | null
  /** The day number as the locale writes it. */
  label: string
}

/** What a view needs to render a date field and its calendar. */
export interface DateFieldApi extends FieldFrameApi {
  open: boolean
  /** The error to show: the caller's, else the typed text's. */
  errorText: string | null
  /** The month shown: its title, and its weeks of cells. */
  monthTitle: string
  weeks: CalendarCell[][]
  weekdays: { short: string; long: string }[]
  focusedDate: string
  /** Commits the typed text (as blur and Enter do). */
  commit(): void
  close(): void
  getInputProps(): Part & {
    id: string
    type: 'text'
    value: string
    autoComplete: 'off'
    placeholder: string
    required?: boolean
    disabled?: boolean
    readOnly?: boolean
    'aria-invalid'?: 'true'
    'aria-describedby'?: string
    onChange: (event: { target: { value: string } }) => void
    onKeyDown: (event: DateFieldKeyEvent) => void
    onFocus: () => void
    onBlur: () => void
  }
  getCalendarButtonProps(): Part & {
    type: 'button'
    'aria-label': string
    'aria-haspopup': 'dialog'
    'aria-expanded': boolean
    'aria-controls': string
    disabled?: boolean
    onClick: () => void
  }
  getCalendarProps(): Part & {
    id: string
    role: 'dialog'
    'aria-label': string
    popover: 'manual'
    hidden: boolean
    'data-metal-floating': ''
    onBlur: (event: {
      currentTarget: { contains(node: unknown): boolean }
      relatedTarget: unknown
    }) => void
  }
  getCalendarHeaderProps(): Part
  getMonthTitleProps(): Part & { id: string; 'aria-live': 'polite' }
  getPreviousMonthProps(): Part & {
    type: 'button'
    'aria-label': string
    disabled?: boolean
    onClick: () => void
  }
  getNextMonthProps(): Part & {
    type: 'button'
    'aria-label': string
    disabled?: boolean
    onClick: () => void
  }
  getGridProps(): Part & {
    role: 'grid'
    'aria-labelledby': string
    onKeyDown: (event: DateFieldKeyEvent) => void
  }
  getWeekdayProps(index: number): Part & { scope: 'col'; abbr: string }
  getCellProps(cell: CalendarCell): Part & {
    role: 'gridcell'
    id?: string
    tabIndex?: 0 | -1
    'aria-selected'?: boolean
    'aria-current'?: 'date'
    'aria-disabled'?: 'true'
    'aria-label'?: string
    'data-today'?: ''
    'data-selected'?: ''
    'data-focused'?: ''
    'data-disabled'?: ''
    onClick?: () => void
  }
  /** A hidden input carrying the ISO value for forms. */
  getHiddenInputProps(name: string): { type: 'hidden'; name: string; value: string }
  /** Id of the focused day's cell, for moving focus to it. */
  focusedCellId: string
}

/**
 * Prop getters for a Material 3 date field: a text input that takes a date typed in the locale's
 * numeric order or as 'YYYY-MM-DD' (committed on blur and Enter; invalid text shows an error
 * and keeps the value), and a calendar dialog with a month grid (arrows by day and week, flipped
 * right-to-left; PageUp/PageDown by month, with Shift by year; Home/End to the week's ends;
 * Enter/Space pick; Escape closes).
 */
export function connectDateField(
  state: DateFieldState,
  send: (event: DateFieldEvent) => void,
  options: DateFieldConnectOptions,
): DateFieldApi {
  const call = 'connectDateField'
  const { value } = options
  if (value !== null && !isIsoDate(value))
    throw invalid(call, 'value', "a 'YYYY-MM-DD' date or null", value)
  for (const bound of ['min', 'max'] as const) {
    const v = options[bound]
    if (v != null && !isIsoDate(v)) throw invalid(call, bound, "a 'YYYY-MM-DD' date", v)
  }
  const locale = options.locale ?? 'en-US'
  try {
    Intl.getCanonicalLocales(locale)
  } catch {
    throw invalid(call, 'locale', 'a BCP 47 language tag', locale)
  }
  const normalize = options.normalizeProps ?? identityProps
  const messages = { ...DEFAULT_DATE_FIELD_MESSAGES, ...options.messages }
  const { min, max } = options
  const rtl = options.dir === 'rtl'
  const firstDay = options.firstDayOfWeek ?? getFirstDayOfWeek(locale)
  const today = options.today ?? todayIso()
  const pattern = getDatePattern(locale)

  const errorText =
    options.error ||
    (state.error === 'invalid'
      ? messages.invalidDate(pattern)
      : state.error === 'min'
        ? messages.beforeMin(formatDateInput(min!, locale))
        : state.error === 'max'
          ? messages.afterMax(formatDateInput(max!, locale))
          : null)
  const frame = connectFieldFrame({
    ...options,
    messages: undefined,
    error: errorText,
    control: 'date-field',
    focused: state.focused,
    hasValue: state.text !== '',
  })
  const id = options.id
  const calendarId = `${id}-calendar`
  const titleId = `${id}-calendar-title`
  const cellId = (iso: string) => `${id}-day-${iso}`
  const part = (name: string): Part => ({ 'data-scope': 'date-field', 'data-part': name })

  const commit = () => {
    const parsed = parseDateInput(state.text, locale)
    if (parsed === 'invalid') return send({ type: 'COMMITTED', text: state.text, error: 'invalid' })
    if (parsed !== null && min && parsed < min)
      return send({ type: 'COMMITTED', text: state.text, error: 'min' })
    if (parsed !== null && max && parsed > max)
      return send({ type: 'COMMITTED', text: state.text, error: 'max' })
    send({
      type: 'COMMITTED',
      text: parsed === null ? '' : formatDateInput(parsed, locale),
      error: null,
    })
    if (parsed !== value) options.onValueChange?.(parsed)
  }
  const pick = (iso: string) => {
    if (!isWithin(iso, min, max)) return
    send({ type: 'COMMITTED', text: formatDateInput(iso, locale), error: null })
    send({ type: 'CLOSE' })
    if (iso !== value) options.onValueChange?.(iso)
  }
  const focusDate = (iso: string) => send({ type: 'FOCUS_DATE', date: clampDate(iso, min, max) })
  const openCalendar = () => {
    const typed = parseDateInput(state.text, locale)
    const start = typeof typed === 'string' ? typed : (value ?? today)
    send({ type: 'OPEN', date: clampDate(start, min, max) })
  }

  const shown = parseIsoDate(state.focusedDate) ?? parseIsoDate(today)!
  const weekdayShort = getWeekdayNames(locale, firstDay, 'short')
  const weekdayLong = getWeekdayNames(locale, firstDay, 'long')
  const weeks: CalendarCell[][] = getMonthGrid(shown.year, shown.month, firstDay).map((week) =>
    week.map((date) => ({ date, label: date ? formatDayNumber(date, locale) : '' })),
  )
  const firstOfMonth = `${state.focusedDate.slice(0, 8)}01`
  const lastOfPrev = addDays(firstOfMonth, -1)
  const firstOfNext = addMonths(firstOfMonth, 1)

  const onGridKeyDown = (event: DateFieldKeyEvent) => {
    const d = state.focusedDate
    const back = rtl ? 1 : -1
    switch (event.key) {
      case 'ArrowLeft':
        focusDate(addDays(d, back))
        break
      case 'ArrowRight':
        focusDate(addDays(d, -back))
        break
      case 'ArrowUp':
        focusDate(addDays(d, -7))
        break
      case 'ArrowDown':
        focusDate(addDays(d, 7))
        break
      case 'PageUp':
        focusDate(addMonths(d, event.shiftKey ? -12 : -1))
        break
      case 'PageDown':
        focusDate(addMonths(d, event.shiftKey ? 12 : 1))
        break
      case 'Home':
        focusDate(startOfWeek(d, firstDay))
        break
      case 'End':
        focusDate(endOfWeek(d, firstDay))
        break
      case 'Enter':
      case ' ':
        pick(d)
        break
      case 'Escape':
        send({ type: 'CLOSE' })
        break
      default:
        return
    }
    event.preventDefault()
  }

  return {
    ...frame,
    open: state.open,
    errorText,
    monthTitle: formatMonthYear(shown.year, shown.month, locale),
    weeks,
    weekdays: weekdayShort.map((short, i) => ({ short, long: weekdayLong[i]! })),
    focusedDate: state.focusedDate,
    focusedCellId: cellId(state.focusedDate),
    commit,
    close: () => send({ type: 'CLOSE' }),
    getInputProps: () =>
      normalize({
        ...part('input'),
        id: frame.controlId,
        type: 'text',
        value: state.text,
        autoComplete: 'off',
        placeholder: pattern,
        required: options.required || undefined,
        disabled: options.disabled || undefined,
        readOnly: options.readOnly || undefined,
        'aria-invalid': frame.invalid ? 'true' : undefined,
        'aria-describedby': frame.describedBy,
        onChange: (event: { target: { value: string } }) =>
          send({ type: 'INPUT', text: event.target.value }),
        onKeyDown: (event: DateFieldKeyEvent) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            commit()
          }
        },
        onFocus: () => send({ type: 'FOCUS' }),
        onBlur: () => {
          send({ type: 'BLUR' })
          if (state.dirty) commit()
        },
      }),
    getHiddenInputProps: (name: string) =>
      normalize({ type: 'hidden' as const, name, value: value ?? '' }),
    getCalendarButtonProps: () =>
      normalize({
        ...part('calendar-button'),
        type: 'button',
        'aria-label': messages.openCalendar,
        'aria-haspopup': 'dialog',
        'aria-expanded': state.open,
        'aria-controls': calendarId,
        disabled: options.disabled || options.readOnly || undefined,
        onClick: () => (state.open ? send({ type: 'CLOSE' }) : openCalendar()),
      }),
    getCalendarProps: () =>
      normalize({
        ...part('calendar'),
        id: calendarId,
        role: 'dialog',
        'aria-label': messages.calendar,
        popover: 'manual',
        hidden: !state.open,
        'data-metal-floating': '',
        // Non-modal: when focus leaves the calendar for another part of the page, it closes.
        onBlur: (event: {
          currentTarget: { contains(node: unknown): boolean }
          relatedTarget: unknown
        }) => {
          if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget))
            send({ type: 'CLOSE' })
        },
      }),
    getCalendarHeaderProps: () => normalize(part('calendar-header')),
    getMonthTitleProps: () =>
      normalize({ ...part('month-title'), id: titleId, 'aria-live': 'polite' }),
    getPreviousMonthProps: () =>
      normalize({
        ...part('previous-month'),
        type: 'button',
        'aria-label': messages.previousMonth,
        disabled: min && lastOfPrev < min ? true : undefined,
        onClick: () => focusDate(addMonths(state.focusedDate, -1)),
      }),
    getNextMonthProps: () =>
      normalize({
        ...part('next-month'),
        type: 'button',
        'aria-label': messages.nextMonth,
        disabled: max && firstOfNext > max ? true : undefined,
        onClick: () => focusDate(addMonths(state.focusedDate, 1)),
      }),
    getGridProps: () =>
      normalize({
        ...part('grid'),
        role: 'grid',
        'aria-labelledby': titleId,
        onKeyDown: onGridKeyDown,
      }),
    getWeekdayProps: (index: number) =>
      normalize({ ...part('weekday'), scope: 'col', abbr: weekdayLong[index]! }),
    getCellProps: (cell: CalendarCell) => {
      if (cell.date === null) return normalize({ ...part('cell'), role: 'gridcell' })
      const date = cell.date
      const disabled = !isWithin(date, min, max)
      const focused = date === state.focusedDate
      return normalize({
        ...part('cell'),
        role: 'gridcell',
        id: cellId(date),
        tabIndex: focused ? 0 : -1,
        'aria-selected': date === value,
        'aria-current': date === today ? 'date' : undefined,
        'aria-disabled': disabled ? 'true' : undefined,
        'aria-label': formatDateLong(date, locale),
        'data-today': date === today ? '' : undefined,
        'data-selected': date === value ? '' : undefined,
        'data-focused': focused ? '' : undefined,
        'data-disabled': disabled ? '' : undefined,
        onClick: () => {
          focusDate(date)
          pick(date)
        },
      })
    },
  }
}
