import { useRef, useState } from 'react'
import { useMetalDoc, useMetalQuery } from '@metal/react'
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
import { identityProps } from '../../normalizeProps.js'
import { IconButton } from '../controls/IconButton.js'
import { useAnchoredPopover } from '../controls/Popover.js'
import { TextField } from '../controls/TextField.js'
import type { UseFormResult } from './useForm.js'

/**
 * A searchable select over another collection (WAI-ARIA combobox with a listbox popup) in a
 * Material 3 text field: typing searches by prefix, ↓/↑ move, Enter picks, Escape closes. The
 * value is the document id. The behaviour is `connectRelationCombobox`; this view feeds it the
 * live matches and shows the list in the top layer, under the field.
 */
export function RelationField({
  form,
  path,
  variant = 'outlined',
}: {
  form: UseFormResult
  path: string
  variant?: TextFieldVariant
}) {
  const relation = form.fieldAt(path)?.relation as RelationDefinition
  const c = form.getFieldControl(path) as RelationBinding
  const [state, setState] = useState(initRelationCombobox)
  const send = (event: RelationComboboxEvent) =>
    setState((s) => transitionRelationCombobox(s, event))
  const selected = useMetalDoc(relation.collection, c.value)
  // Subscribed only while the list is open.
  const rows = useMetalQuery(
    relation.collection,
    (q) => buildRelationQuery(q, relation, state.query ?? ''),
    { enabled: state.open },
  )
  const combobox = connectRelationCombobox(state, send, {
    id: c.id,
    label: c.label,
    value: c.value,
    selectedLabel: relationLabel(selected.data, relation, c.value ?? ''),
    options: (rows.data ?? []).map((row) => ({
      id: row.id,
      label: relationLabel(row, relation, row.id),
    })),
    loading: state.open && rows.isPending,
    onValueChange: c.onValueChange,
    onBlur: c.onBlur,
    readOnly: c.readOnly,
    messages: form.messages,
    normalizeProps: identityProps,
  })
  const [anchor, setAnchor] = useState<HTMLDivElement | null>(null)
  const list = useRef<HTMLUListElement>(null)
  useAnchoredPopover(combobox.open, anchor, list, {
    matchWidth: true,
    returnFocus: false,
    // The text box handles Escape; a press outside (not on the box) closes the list.
    closeOnEscape: false,
    onDismiss: () => send({ type: 'CLOSE' }),
  })
  const {
    id,
    value,
    onChange,
    onKeyDown,
    onBlur,
    readOnly: _readOnly,
    'data-scope': _scope,
    'data-part': _part,
    type: _type,
    ...aria
  } = combobox.getInputProps()
  const clear = combobox.getClearProps()
  const toggle = combobox.getToggleProps()
  return (
    <div data-scope="form" data-part="combobox" ref={setAnchor}>
      <TextField
        label={c.label}
        id={id}
        name={c.name}
        variant={variant}
        value={value}
        onValueChange={(text) => onChange({ target: { value: text } })}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        readOnly={c.readOnly}
        required={c.required}
        error={c.error}
        {...(c.supportingText ? { supportingText: c.supportingText } : {})}
        inputProps={aria}
        trailing={
          c.readOnly ? null : (
            <>
              {!clear.hidden && (
                <IconButton
                  {...clear}
                  hidden={false}
                  icon="close"
                  label={clear['aria-label']}
                  size="small"
                />
              )}
              <IconButton
                {...toggle}
                icon="arrowDropDown"
                label={toggle['aria-label']}
                size="small"
              />
            </>
          )
        }
      />
      <ul {...combobox.getListboxProps()} ref={list}>
        {combobox.emptyText !== null && <li {...combobox.getEmptyProps()}>{combobox.emptyText}</li>}
        {combobox.options.map((option) => (
          <li key={option.id} {...combobox.getOptionProps(option)}>
            {option.label}
          </li>
        ))}
      </ul>
    </div>
  )
}
