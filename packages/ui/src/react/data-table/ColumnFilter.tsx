import type { Ref } from 'react'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import { toDraft } from '../../data-table/dataTable.values.js'
import type { DataTableFilter, ResolvedColumn } from '../../data-table/dataTable.types.js'
import { Checkbox } from '../controls/Checkbox.js'
import { DateField } from '../controls/DateField.js'
import { Select } from '../controls/Select.js'
import { TextField } from '../controls/TextField.js'

const parseNumber = (text: string) => (text.trim() === '' ? undefined : Number(text))
const parseDate = (text: string | null) => (text ? Date.parse(text) : undefined)
const parseEndOfDay = (text: string | null) => (text ? Date.parse(text) + 86_399_999 : undefined)
const dateText = (ms: number | undefined) => (ms === undefined ? null : toDraft('date', ms))

/**
 * The filter fitted to a column's type: a text field (text), a from/to pair of number fields
 * (number) or date fields (date), a checkbox per option (enum), or any/yes/no (boolean).
 */
export function ColumnFilter<Row>({
  column,
  filter,
  messages,
  onChange,
  inputRef,
}: {
  column: ResolvedColumn<Row>
  filter: DataTableFilter | undefined
  messages: DataTableMessages
  onChange: (filter: DataTableFilter | null) => void
  /** Receives the filter's first input (the panel focuses it when opened on this column). */
  inputRef?: Ref<HTMLInputElement | HTMLTextAreaElement> | undefined
}) {
  const label = column.header
  const part = { 'data-scope': 'data-table', 'data-part': 'filter', 'data-type': column.type }
  switch (column.type) {
    case 'number': {
      const f = filter?.kind === 'range' ? filter : undefined
      const set = (patch: { min?: number | undefined; max?: number | undefined }) => {
        const next = { kind: 'range' as const, min: f?.min, max: f?.max, ...patch }
        onChange(Number.isNaN(next.min) || Number.isNaN(next.max) ? null : next)
      }
      return (
        <div {...part} role="group" aria-label={label}>
          <TextField
            label={messages.rangeFrom(label)}
            type="number"
            value={f?.min === undefined ? '' : String(f.min)}
            onValueChange={(text) => set({ min: parseNumber(text) })}
            {...(inputRef ? { inputRef } : {})}
          />
          <TextField
            label={messages.rangeTo(label)}
            type="number"
            value={f?.max === undefined ? '' : String(f.max)}
            onValueChange={(text) => set({ max: parseNumber(text) })}
          />
        </div>
      )
    }
    case 'date': {
      const f = filter?.kind === 'dateRange' ? filter : undefined
      const set = (patch: { from?: number | undefined; to?: number | undefined }) =>
        onChange({ kind: 'dateRange', from: f?.from, to: f?.to, ...patch })
      return (
        <div {...part} role="group" aria-label={label}>
          <DateField
            label={messages.rangeFrom(label)}
            value={dateText(f?.from)}
            onValueChange={(text) => set({ from: parseDate(text) })}
          />
          <DateField
            label={messages.rangeTo(label)}
            value={dateText(f?.to)}
            onValueChange={(text) => set({ to: parseEndOfDay(text) })}
          />
        </div>
      )
    }
    case 'enum': {
      const values = filter?.kind === 'set' ? filter.values : []
      return (
        <fieldset {...part}>
          <legend>{label}</legend>
          {column.options.map((o) => (
            <Checkbox
              key={o.value}
              label={o.label}
              checked={values.includes(o.value)}
              onCheckedChange={(checked) =>
                onChange({
                  kind: 'set',
                  values: checked ? [...values, o.value] : values.filter((v) => v !== o.value),
                })
              }
            />
          ))}
        </fieldset>
      )
    }
    case 'boolean': {
      const value = filter?.kind === 'equals' ? String(filter.value) : 'any'
      return (
        <div {...part}>
          <Select
            label={label}
            value={value}
            options={[
              { value: 'any', label: messages.any },
              { value: 'true', label: messages.yes },
              { value: 'false', label: messages.no },
            ]}
            onValueChange={(v) =>
              onChange(v === 'any' ? null : { kind: 'equals', value: v === 'true' })
            }
          />
        </div>
      )
    }
    default: {
      const text = filter?.kind === 'contains' ? filter.text : ''
      return (
        <div {...part}>
          <TextField
            label={label}
            value={text}
            onValueChange={(next) => onChange({ kind: 'contains', text: next })}
            {...(inputRef ? { inputRef } : {})}
          />
        </div>
      )
    }
  }
}
