import { useUiMessages } from '../provider/MetalUiProvider.js'
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { formatDateInput, todayIso } from '../../controls/date-field/calendar.js'
import { connectDateField } from '../../controls/date-field/dateField.connect.js'
import { initDateField, updateDateField } from '../../controls/date-field/dateField.model.js'
import { asIconButton } from '../../controls/icon-button/asIconButton.js'
import type { DateFieldMessages } from '../../controls/date-field/dateField.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { invalid } from '../../invalid.js'
import { useUiDirection } from '../provider/MetalUiProvider.js'
import { IconButton } from './IconButton.js'
import { useAnchoredPopover } from './Popover.js'
import { FieldFrame } from './TextField.js'

/** Props of {@link DateField}. */
export interface DateFieldProps {
  /** The label of the field. */
  label: string
  /** The date, 'YYYY-MM-DD', or `null`. */
  value: string | null
  /** Called with the new date (or `null` when cleared). */
  onValueChange: (value: string | null) => void
  /** Earliest allowed day ('YYYY-MM-DD'). */
  min?: string
  /** Latest allowed day ('YYYY-MM-DD'). */
  max?: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field. */
  supportingText?: ReactNode
  /** An error under the field (wins over the typed text's own). */
  error?: string | null
  /** @default false */
  required?: boolean
  /** @default false */
  disabled?: boolean
  /** @default false */
  readOnly?: boolean
  /** The locale dates are typed, shown and named in. @default 'en-US' */
  locale?: string
  /** Today's date ('YYYY-MM-DD'), marked in the calendar. @default the user's clock */
  today?: string
  /** Id of the input. @default a generated id */
  id?: string
  /** Form field name. */
  name?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<DateFieldMessages>
}

/**
 * A Material 3 date field: type a date in the locale's numeric order (or 'YYYY-MM-DD'), or pick
 * one in the calendar the icon button opens. No native date input. The logic is
 * `connectDateField` and the pure calendar functions in `@metal/ui`.
 */
export function DateField({
  label,
  value,
  onValueChange,
  min,
  max,
  variant = 'outlined',
  supportingText,
  error,
  required,
  disabled,
  readOnly,
  locale = 'en-US',
  today,
  id,
  name,
  messages,
}: DateFieldProps) {
  if (typeof onValueChange !== 'function')
    throw invalid('<DateField>', 'onValueChange', 'a function', onValueChange)
  const autoId = useId()
  const format = (v: string | null) => (v ? formatDateInput(v, locale) : '')
  const [state, setState] = useState(() =>
    initDateField(format(value), value ?? today ?? todayIso()),
  )
  const send = (event: Parameters<typeof updateDateField>[1]) =>
    setState((s) => updateDateField(s, event))
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const calendar = useRef<HTMLDivElement>(null)
  const contextDir = useUiDirection()
  const [domDir, setDomDir] = useState<'ltr' | 'rtl'>('ltr')
  const words = useUiMessages('dateField', messages)
  const api = connectDateField(state, send, {
    id: `metal-date-field-${autoId}`,
    controlId: id,
    label,
    value,
    onValueChange,
    min,
    max,
    variant,
    hasSupportingText: supportingText != null && supportingText !== false,
    error,
    required,
    disabled,
    readOnly,
    locale,
    today,
    dir: contextDir === 'rtl' || domDir === 'rtl' ? 'rtl' : 'ltr',
    messages: words,
  })
  const text = format(value)
  useEffect(() => send({ type: 'SYNC', text }), [text])

  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  useLayoutEffect(() => {
    const container = root.current?.querySelector<HTMLElement>('[data-part="container"]') ?? null
    setAnchor(container)
    if (container) setDomDir(getComputedStyle(container).direction === 'rtl' ? 'rtl' : 'ltr')
  }, [])
  const opened = useRef(false)
  useAnchoredPopover(api.open, anchor, calendar, {
    returnFocusTo: button.current,
    onDismiss: () => api.close(),
    onOpened: () => (opened.current = true),
  })
  // On opening, and while the keyboard moves in the grid, focus follows the focused day.
  useEffect(() => {
    if (!api.open) return
    const grid = calendar.current?.querySelector('[role="grid"]')
    const doc = calendar.current?.ownerDocument
    const active = doc?.activeElement ?? null
    // Also when focus fell to the body: the focused cell was in the month that just went away.
    const inGrid = !!grid?.contains(active) || active === null || active === doc?.body
    if (!opened.current && !inGrid) return
    opened.current = false
    doc?.getElementById(api.focusedCellId)?.focus()
  }, [api.open, api.focusedCellId])

  return (
    <div ref={root} style={{ display: 'contents' }}>
      <FieldFrame
        frame={api}
        label={label}
        variant={variant}
        required={required}
        supportingText={supportingText}
        error={api.errorText}
        trailing={
          <IconButton
            icon="calendar"
            {...asIconButton(api.getCalendarButtonProps())}
            ref={button}
          />
        }
        after={
          <div {...api.getCalendarProps()} ref={calendar}>
            {api.open ? (
              <>
                <div {...api.getCalendarHeaderProps()}>
                  <IconButton icon="chevronLeft" {...asIconButton(api.getPreviousMonthProps())} />
                  <span {...api.getMonthTitleProps()}>{api.monthTitle}</span>
                  <IconButton icon="chevronRight" {...asIconButton(api.getNextMonthProps())} />
                </div>
                <table {...api.getGridProps()}>
                  <thead>
                    <tr>
                      {api.weekdays.map((day, i) => (
                        <th key={day.long} {...api.getWeekdayProps(i)}>
                          {day.short}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {api.weeks.map((week, w) => (
                      <tr key={w}>
                        {week.map((cell, d) => (
                          <td key={cell.date ?? `blank-${w}-${d}`} {...api.getCellProps(cell)}>
                            {cell.label}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
          </div>
        }
      >
        <input {...api.getInputProps()} />
        {name ? <input {...api.getHiddenInputProps(name)} /> : null}
      </FieldFrame>
    </div>
  )
}
