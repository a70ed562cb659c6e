import {
  computed,
  defineComponent,
  h,
  onMounted,
  shallowRef,
  useId,
  useModel,
  watch,
  type ComponentPublicInstance,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { formatDateInput, todayIso } from '../../controls/date-field/calendar.js'
import { connectDateField } from '../../controls/date-field/dateField.connect.js'
import { initDateField, updateDateField } from '../../controls/date-field/dateField.model.js'
import { asIconButton } from '../../controls/icon-button/asIconButton.js'
import type {
  DateFieldEvent,
  DateFieldMessages,
} from '../../controls/date-field/dateField.types.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { vueProps } from '../normalizeProps.js'
import { useUiDirection, useUiMessages } from '../provider/MetalUiProvider.js'
import { FieldFrame } from './FieldFrame.js'
import { IconButton } from './IconButton.js'
import { useAnchoredPopover } from './useAnchoredPopover.js'

/** Props of {@link DateField}; `class` and `style` fall through to the field's root. */
export interface DateFieldProps {
  /** The label of the field. */
  label: string
  /** The date (`v-model`), 'YYYY-MM-DD', or `null`. @default null */
  modelValue?: string | null
  /** Earliest allowed day ('YYYY-MM-DD'). */
  min?: string
  /** Latest allowed day ('YYYY-MM-DD'). */
  max?: string
  /** Outlined or filled. @default 'outlined' */
  variant?: TextFieldVariant
  /** Text under the field; or the `supporting-text` slot. */
  supportingText?: string
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
  /** Form field name (a hidden input carries the ISO date). */
  name?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<DateFieldMessages>
}

/** Slots of {@link DateField}. */
export interface DateFieldSlots {
  /** Supporting text with markup, instead of the `supportingText` prop. */
  'supporting-text'?: () => VNodeChild
}

/**
 * A Material 3 date field: type a date in the locale's numeric order (or 'YYYY-MM-DD'), or pick
 * one in the calendar the icon button opens. No native date input. The logic is
 * `connectDateField` and the pure calendar functions in `@metal/ui`. Exposes `focus()` and the
 * input element as `el`.
 *
 * ```vue
 * <DateField v-model="due" label="Due" min="2024-01-01" />
 * ```
 */
export const DateField = defineComponent({
  name: 'MetalDateField',
  inheritAttrs: false,
  props: {
    /** The label of the field. */
    label: { type: String, required: true },
    /** The date (`v-model`), 'YYYY-MM-DD', or `null`. */
    modelValue: { type: String as PropType<string | null>, default: null },
    /** Earliest allowed day ('YYYY-MM-DD'). */
    min: { type: String, default: undefined },
    /** Latest allowed day ('YYYY-MM-DD'). */
    max: { type: String, default: undefined },
    /** Outlined or filled. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** Text under the field; or the `supporting-text` slot. */
    supportingText: { type: String, default: undefined },
    /** An error under the field (wins over the typed text's own). */
    error: { type: String as PropType<string | null>, default: null },
    /** Whether a value is required. */
    required: { type: Boolean, default: false },
    /** Whether it is disabled. */
    disabled: { type: Boolean, default: false },
    /** Whether it is read-only. */
    readOnly: { type: Boolean, default: false },
    /** The locale dates are typed, shown and named in. */
    locale: { type: String, default: 'en-US' },
    /** Today's date ('YYYY-MM-DD'), marked in the calendar; the user's clock when omitted. */
    today: { type: String, default: undefined },
    /** Id of the input; generated when omitted. */
    id: { type: String, default: undefined },
    /** Form field name (a hidden input carries the ISO date). */
    name: { type: String, default: undefined },
    /** Words to use instead of the English defaults. */
    messages: { type: Object as PropType<Partial<DateFieldMessages>>, default: undefined },
  },
  emits: {
    /** The new date, or `null` when cleared. */
    'update:modelValue': (value: string | null) => value === null || typeof value === 'string',
  },
  slots: Object as SlotsType<DateFieldSlots>,
  setup(props, { slots, attrs, expose }) {
    const autoId = useId()
    // v-model's value, or the component's own when no v-model is bound (as `defineModel`).
    const model = useModel(props, 'modelValue')
    const format = (v: string | null) => (v ? formatDateInput(v, props.locale) : '')
    // The text being typed lives in the model's state until it is committed (blur, Enter).
    const state = shallowRef(
      initDateField(format(props.modelValue), props.modelValue ?? props.today ?? todayIso()),
    )
    const send = (event: DateFieldEvent) => (state.value = updateDateField(state.value, event))
    const root = shallowRef<HTMLDivElement | null>(null)
    const button = shallowRef<ComponentPublicInstance | null>(null)
    const calendar = shallowRef<HTMLDivElement | null>(null)
    const input = shallowRef<HTMLInputElement | null>(null)
    const contextDir = useUiDirection()
    const domDir = shallowRef<'ltr' | 'rtl'>('ltr')
    const words = useUiMessages('dateField', () => props.messages)
    const api = computed(() =>
      connectDateField(state.value, send, {
        id: `metal-date-field-${autoId}`,
        controlId: props.id,
        label: props.label,
        value: model.value,
        onValueChange: (value) => (model.value = value),
        min: props.min,
        max: props.max,
        variant: props.variant,
        hasSupportingText: !!slots['supporting-text'] || !!props.supportingText,
        error: props.error,
        required: props.required,
        disabled: props.disabled,
        readOnly: props.readOnly,
        locale: props.locale,
        today: props.today,
        dir: contextDir.value === 'rtl' || domDir.value === 'rtl' ? 'rtl' : 'ltr',
        messages: words.value,
        normalizeProps: vueProps,
      }),
    )
    // A value (or locale) changed from outside: show it, unless the user is typing.
    watch(
      () => format(model.value),
      (text) => send({ type: 'SYNC', text }),
    )

    const anchor = shallowRef<HTMLElement | null>(null)
    onMounted(() => {
      const container = root.value?.querySelector<HTMLElement>('[data-part="container"]') ?? null
      anchor.value = container
      if (container) domDir.value = getComputedStyle(container).direction === 'rtl' ? 'rtl' : 'ltr'
    })
    let opened = false
    // Watchers read the state, not `api`: the connect (and its input checks) runs first in render.
    useAnchoredPopover(
      () => state.value.open,
      anchor,
      calendar,
      () => ({
        returnFocusTo: (button.value?.$el as HTMLElement | undefined) ?? null,
        onDismiss: () => api.value.close(),
        onOpened: () => (opened = true),
      }),
    )
    // On opening, and while the keyboard moves in the grid, focus follows the focused day.
    watch(
      [() => state.value.open, () => state.value.focusedDate],
      ([open]) => {
        if (!open) return
        const { focusedCellId } = api.value
        const grid = calendar.value?.querySelector('[role="grid"]')
        const doc = calendar.value?.ownerDocument
        const active = doc?.activeElement ?? null
        // Also when focus fell to the body: the focused cell was in the month that just went away.
        const inGrid = !!grid?.contains(active) || active === null || active === doc?.body
        if (!opened && !inGrid) return
        opened = false
        doc?.getElementById(focusedCellId)?.focus()
      },
      { flush: 'post' },
    )
    expose({ focus: () => input.value?.focus(), el: input })

    const renderCalendar = () => {
      const a = api.value
      return h('div', { ...a.getCalendarProps(), ref: calendar }, [
        a.open
          ? [
              h('div', a.getCalendarHeaderProps(), [
                h(IconButton, { icon: 'chevronLeft', ...asIconButton(a.getPreviousMonthProps()) }),
                h('span', a.getMonthTitleProps(), a.monthTitle),
                h(IconButton, { icon: 'chevronRight', ...asIconButton(a.getNextMonthProps()) }),
              ]),
              h('table', a.getGridProps(), [
                h('thead', [
                  h(
                    'tr',
                    a.weekdays.map((day, i) =>
                      h('th', { key: day.long, ...a.getWeekdayProps(i) }, day.short),
                    ),
                  ),
                ]),
                h(
                  'tbody',
                  a.weeks.map((week, w) =>
                    h(
                      'tr',
                      { key: w },
                      week.map((cell, d) =>
                        h(
                          'td',
                          { key: cell.date ?? `blank-${w}-${d}`, ...a.getCellProps(cell) },
                          cell.label,
                        ),
                      ),
                    ),
                  ),
                ),
              ]),
            ]
          : null,
      ])
    }

    return () => {
      const a = api.value
      return h('div', { ref: root, style: { display: 'contents' } }, [
        h(
          FieldFrame,
          {
            ...attrs,
            frame: a,
            label: props.label,
            variant: props.variant,
            required: props.required,
            supportingText: props.supportingText,
            error: a.errorText,
          },
          {
            default: () => [
              h('input', { ...a.getInputProps(), ref: input }),
              props.name ? h('input', a.getHiddenInputProps(props.name)) : null,
            ],
            trailing: () =>
              h(IconButton, {
                icon: 'calendar',
                ...asIconButton(a.getCalendarButtonProps()),
                ref: button,
              }),
            'supporting-text': slots['supporting-text'],
            after: renderCalendar,
          },
        ),
      ])
    }
  },
})
