import { defineComponent, h, type PropType } from 'vue'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import type { DataTableFilter, ResolvedColumn } from '../../data-table/dataTable.types.js'
import { toDraft } from '../../data-table/dataTable.values.js'
import { Checkbox } from '../controls/Checkbox.js'
import { TextField } from '../controls/TextField.js'
import { DateField } from '../controls/DateField.js'
import { Select } from '../controls/Select.js'

const parseNumber = (text: string) => (text.trim() === '' ? undefined : Number(text))
const parseDate = (text: string | null) => (text ? Date.parse(text) : undefined)
const parseEndOfDay = (text: string | null) => (text ? Date.parse(text) + 86_399_999 : undefined)
const dateText = (ms: number | undefined) => (ms === undefined ? null : toDraft('date', ms))

/**
 * The filter fitted to a column's type: a text field (text), a from/to pair of number fields
 * (number) or date fields (date), a checkbox per option (enum), or any/yes/no (boolean). The
 * first field is exposed as `focus()`, for the panel opened on this column.
 */
export const ColumnFilter = defineComponent({
  name: 'MetalDataTableColumnFilter',
  props: {
    column: { type: Object as PropType<ResolvedColumn<unknown>>, required: true },
    filter: { type: Object as PropType<DataTableFilter>, default: undefined },
    messages: { type: Object as PropType<DataTableMessages>, required: true },
    onChange: {
      type: Function as PropType<(filter: DataTableFilter | null) => void>,
      required: true,
    },
  },
  setup(props) {
    return () => {
      const { column, filter, messages, onChange } = props
      const label = column.header
      const part = { 'data-scope': 'data-table', 'data-part': 'filter', 'data-type': column.type }
      switch (column.type) {
        case 'number': {
          const f = filter?.kind === 'range' ? filter : undefined
          const set = (patch: { min?: number | undefined; max?: number | undefined }) => {
            const next = { kind: 'range' as const, min: f?.min, max: f?.max, ...patch }
            onChange(Number.isNaN(next.min) || Number.isNaN(next.max) ? null : next)
          }
          return h('div', { ...part, role: 'group', 'aria-label': label }, [
            h(TextField, {
              label: messages.rangeFrom(label),
              type: 'number',
              modelValue: f?.min === undefined ? '' : String(f.min),
              'onUpdate:modelValue': (text: string) => set({ min: parseNumber(text) }),
            }),
            h(TextField, {
              label: messages.rangeTo(label),
              type: 'number',
              modelValue: f?.max === undefined ? '' : String(f.max),
              'onUpdate:modelValue': (text: string) => set({ max: parseNumber(text) }),
            }),
          ])
        }
        case 'date': {
          const f = filter?.kind === 'dateRange' ? filter : undefined
          const set = (patch: { from?: number | undefined; to?: number | undefined }) =>
            onChange({ kind: 'dateRange', from: f?.from, to: f?.to, ...patch })
          return h('div', { ...part, role: 'group', 'aria-label': label }, [
            h(DateField, {
              label: messages.rangeFrom(label),
              modelValue: dateText(f?.from),
              'onUpdate:modelValue': (text: string | null) => set({ from: parseDate(text) }),
            }),
            h(DateField, {
              label: messages.rangeTo(label),
              modelValue: dateText(f?.to),
              'onUpdate:modelValue': (text: string | null) => set({ to: parseEndOfDay(text) }),
            }),
          ])
        }
        case 'enum': {
          const values = filter?.kind === 'set' ? filter.values : []
          return h('fieldset', part, [
            h('legend', label),
            ...column.options.map((o) =>
              h(Checkbox, {
                key: o.value,
                label: o.label,
                modelValue: values.includes(o.value),
                'onUpdate:modelValue': (checked: boolean) =>
                  onChange({
                    kind: 'set',
                    values: checked ? [...values, o.value] : values.filter((v) => v !== o.value),
                  }),
              }),
            ),
          ])
        }
        case 'boolean': {
          const value = filter?.kind === 'equals' ? String(filter.value) : 'any'
          return h('div', part, [
            h(Select, {
              label,
              modelValue: value,
              options: [
                { value: 'any', label: messages.any },
                { value: 'true', label: messages.yes },
                { value: 'false', label: messages.no },
              ],
              'onUpdate:modelValue': (v: string) =>
                onChange(v === 'any' ? null : { kind: 'equals', value: v === 'true' }),
            }),
          ])
        }
        default: {
          const text = filter?.kind === 'contains' ? filter.text : ''
          return h('div', part, [
            h(TextField, {
              label,
              modelValue: text,
              'onUpdate:modelValue': (next: string) => onChange({ kind: 'contains', text: next }),
            }),
          ])
        }
      }
    }
  },
})
