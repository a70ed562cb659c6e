import { computed, defineComponent, h, ref, shallowRef, type PropType } from 'vue'
import { useMetalDoc, useMetalQuery } from '@metal/vue'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import type { RelationBinding } from '../../form/form.controls.js'
import type { RelationDefinition } from '../../form/form.types.js'
import { connectRelationCombobox } from '../../form/relationCombobox.connect.js'
import {
  buildRelationQuery,
  initRelationCombobox,
  relationLabel,
  transitionRelationCombobox,
  type RelationComboboxEvent,
} from '../../form/relationCombobox.model.js'
import { IconButton } from '../controls/IconButton.js'
import { TextField } from '../controls/TextField.js'
import { useAnchoredPopover } from '../controls/useAnchoredPopover.js'
import { vueProps } from '../normalizeProps.js'
import type { UseFormResult } from './useForm.js'

/** The input props the text field sets itself, kept apart from the ARIA passed through. */
interface ComboboxInput {
  id: string
  value: string
  onInput: (event: { target: { value: string } }) => void
  onKeydown: (event: KeyboardEvent) => void
  onFocusout: () => void
  [attribute: string]: unknown
}

/**
 * A searchable select over another collection (WAI-ARIA combobox with a listbox popup) in a
 * Material 3 text field: typing searches by prefix, ↓/↑ move, Enter picks, Escape closes. The
 * value is the document id. The behaviour is `connectRelationCombobox`; this view feeds it the
 * live matches (through @metal/vue) and shows the list in the top layer, under the field.
 */
export const RelationField = defineComponent({
  name: 'MetalRelationField',
  props: {
    /** The form, from `useForm`. */
    form: { type: Object as PropType<UseFormResult>, required: true },
    /** The relation field's dotted path. */
    path: { type: String, required: true },
    /** The text field's style. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
  },
  setup(props) {
    const relation = () => props.form.fieldAt(props.path)?.relation as RelationDefinition
    const binding = computed(() => props.form.getFieldControl(props.path) as RelationBinding)
    const state = shallowRef(initRelationCombobox())
    const send = (event: RelationComboboxEvent) => {
      state.value = transitionRelationCombobox(state.value, event)
    }
    const selected = useMetalDoc(
      () => relation().collection,
      () => binding.value.value,
    )
    // Subscribed only while the list is open.
    const rows = useMetalQuery(
      () => relation().collection,
      (q) => buildRelationQuery(q, relation(), state.value.query ?? ''),
      () => ({ enabled: state.value.open }),
    )
    const combobox = computed(() => {
      const c = binding.value
      const rel = relation()
      return connectRelationCombobox(state.value, send, {
        id: c.id,
        label: c.label,
        value: c.value,
        selectedLabel: relationLabel(selected.data.value, rel, c.value ?? ''),
        options: (rows.data.value ?? []).map((row) => ({
          id: row.id,
          label: relationLabel(row, rel, row.id),
        })),
        loading: state.value.open && rows.isPending.value,
        onValueChange: c.onValueChange,
        onBlur: c.onBlur,
        readOnly: c.readOnly,
        messages: props.form.messages,
        normalizeProps: vueProps,
      })
    })
    const anchor = ref<HTMLElement | null>(null)
    const list = ref<HTMLElement | null>(null)
    useAnchoredPopover(() => combobox.value.open, anchor, list, {
      matchWidth: true,
      returnFocus: false,
      // The text box handles Escape; a press outside (not on the box) closes the list.
      closeOnEscape: false,
      onDismiss: () => send({ type: 'CLOSE' }),
    })

    return () => {
      const api = combobox.value
      const c = binding.value
      const {
        id,
        value,
        onInput,
        onKeydown,
        onFocusout,
        readOnly: _readOnly,
        'data-scope': _scope,
        'data-part': _part,
        type: _type,
        ...aria
      } = api.getInputProps() as unknown as ComboboxInput
      const clear = api.getClearProps()
      const toggle = api.getToggleProps()
      return h('div', { 'data-scope': 'form', 'data-part': 'combobox', ref: anchor }, [
        h(
          TextField,
          {
            label: c.label,
            id,
            name: c.name,
            variant: props.variant,
            modelValue: value,
            'onUpdate:modelValue': (text: string) => onInput({ target: { value: text } }),
            onKeydown,
            onBlur: onFocusout,
            readOnly: c.readOnly,
            required: c.required,
            error: c.error,
            ...(c.supportingText ? { supportingText: c.supportingText } : {}),
            inputProps: aria,
          },
          c.readOnly
            ? {}
            : {
                trailing: () => [
                  clear.hidden
                    ? null
                    : h(IconButton, {
                        ...clear,
                        hidden: false,
                        icon: 'close',
                        label: clear['aria-label'],
                        size: 'small',
                      }),
                  h(IconButton, {
                    ...toggle,
                    icon: 'arrowDropDown',
                    label: toggle['aria-label'],
                    size: 'small',
                  }),
                ],
              },
        ),
        h('ul', { ...api.getListboxProps(), ref: list }, [
          api.emptyText !== null ? h('li', api.getEmptyProps(), api.emptyText) : null,
          ...api.options.map((option) =>
            h('li', { key: option.id, ...api.getOptionProps(option) }, option.label),
          ),
        ]),
      ])
    }
  },
})
