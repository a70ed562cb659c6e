import { defineComponent, h, nextTick, onMounted, ref, watch, type PropType } from 'vue'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import type { getDataTableEditorProps } from '../../data-table/dataTable.parts.js'
import { Select } from '../controls/Select.js'

/** The neutral props of the editor, as `getDataTableEditorProps` gives them. */
type EditorProps = ReturnType<typeof getDataTableEditorProps>

interface Choice {
  value: string
  label: string
}

/**
 * The inline editor of a cell: a text input (dates typed as YYYY-MM-DD), or a `<Select>` of the
 * choices for enum and boolean columns.
 */
export const CellEditor = defineComponent({
  name: 'MetalDataTableCellEditor',
  props: {
    type: { type: String, required: true },
    header: { type: String, required: true },
    options: { type: Array as PropType<readonly Choice[]>, required: true },
    messages: { type: Object as PropType<DataTableMessages>, required: true },
    editor: { type: Object as PropType<EditorProps>, required: true },
  },
  setup(props) {
    const input = ref<HTMLInputElement | null>(null)
    onMounted(() => input.value?.focus())
    return () => {
      const { type, messages, editor } = props
      if (type === 'enum' || type === 'boolean') {
        const choices =
          type === 'enum'
            ? props.options
            : [
                { value: 'true', label: messages.yes },
                { value: 'false', label: messages.no },
              ]
        return h(ChoiceEditor, { header: props.header, choices, editor })
      }
      const { onChange, onKeyDown, onBlur, value, ...rest } = editor
      return h('input', {
        ...rest,
        ref: input,
        type: 'text',
        value,
        inputmode: type === 'number' ? 'decimal' : undefined,
        placeholder: type === 'date' ? messages.datePlaceholder : undefined,
        onInput: (event: Event) => onChange({ target: event.target as HTMLInputElement }),
        onKeydown: onKeyDown,
        onFocusout: onBlur,
      })
    }
  },
})

/** A choice among options: picking one saves it; Escape (while closed) cancels. */
const ChoiceEditor = defineComponent({
  name: 'MetalDataTableChoiceEditor',
  props: {
    header: { type: String, required: true },
    choices: { type: Array as PropType<readonly Choice[]>, required: true },
    editor: { type: Object as PropType<EditorProps>, required: true },
  },
  setup(props) {
    const root = ref<HTMLElement | null>(null)
    let picked = false
    onMounted(() => root.value?.querySelector<HTMLElement>('[role="combobox"]')?.focus())
    // The pick is saved once the draft holds it (the next render), not from a stale draft.
    watch(
      () => props.editor.value,
      () => {
        if (!picked) return
        picked = false
        void nextTick(() => props.editor.onBlur())
      },
    )
    return () => {
      const { editor } = props
      return h(
        'span',
        {
          ref: root,
          'data-scope': 'data-table',
          'data-part': 'editor',
          'data-type': 'choice',
          onKeydown: (event: KeyboardEvent) => {
            const open = (event.target as HTMLElement).getAttribute('aria-expanded') === 'true'
            if (!open) editor.onKeyDown(event)
          },
          onFocusout: (event: FocusEvent) => {
            const span = event.currentTarget as HTMLElement
            if (!span.contains(event.relatedTarget as Node | null)) editor.onBlur()
          },
        },
        [
          h(Select, {
            label: props.header,
            modelValue: editor.value,
            options: props.choices,
            'onUpdate:modelValue': (next: string) => {
              picked = true
              editor.onChange({ target: { value: next } })
            },
          }),
        ],
      )
    }
  },
})
