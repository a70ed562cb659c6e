// Stand-ins for the controls other branches are still building (Tooltip, Menu, Select,
// Pagination); removed as they land.
import { defineComponent, h, type PropType, type VNodeChild } from 'vue'

export const Tooltip = defineComponent({
  props: { content: { type: String, required: true }, describeChild: Boolean },
  setup(_, { slots }) {
    return () => slots.default?.()
  },
})

export const Menu = defineComponent({
  props: {
    label: { type: String, required: true },
    items: { type: Array as PropType<readonly unknown[]>, required: true },
    placement: { type: String, default: undefined },
  },
  setup(_, { slots }) {
    return () => (slots.trigger as ((p: object) => VNodeChild) | undefined)?.({})
  },
})

export const Select = defineComponent({
  props: {
    label: { type: String, required: true },
    modelValue: { type: String as PropType<string | null>, default: null },
    options: { type: Array as PropType<readonly { value: string; label: string }[]>, required: true },
  },
  emits: ['update:modelValue'],
  setup(props) {
    return () => h('span', { role: 'combobox', 'aria-label': props.label }, props.modelValue ?? '')
  },
})

export const Pagination = defineComponent({
  props: {
    mode: String,
    total: Number,
    page: Number,
    pageSize: Number,
    hasNextPage: Boolean,
    pageItemCount: Number,
    pageSizeOptions: Array,
    focusTarget: Function,
    label: String,
  },
  emits: ['update:page', 'update:pageSize'],
  setup() {
    return () => null
  },
})

export const DateField = defineComponent({
  props: {
    label: { type: String, required: true },
    modelValue: { type: String as PropType<string | null>, default: null },
  },
  emits: ['update:modelValue'],
  setup(props) {
    return () => h('input', { 'aria-label': props.label, value: props.modelValue ?? '' })
  },
})
