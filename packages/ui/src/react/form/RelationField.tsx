import { useState } from 'react'
import { useMetalDoc, useMetalQuery } from '@metal/react'
import type { RelationDefinition } from '../../form/form.types.js'
import type { RelationBinding } from '../../form/form.controls.js'
import {
  buildRelationQuery,
  initRelationCombobox,
  relationLabel,
  transitionRelationCombobox,
  type RelationComboboxEvent,
} from '../../form/relationCombobox.model.js'
import { connectRelationCombobox } from '../../form/relationCombobox.connect.js'
import { identityProps } from '../../normalizeProps.js'
import type { UseFormResult } from './useForm.js'

/**
 * A searchable select over another collection (WAI-ARIA combobox with a listbox): typing
 * searches by prefix, arrows move, Enter picks, Escape closes. The value is the document id.
 * The behaviour is `connectRelationCombobox`; this view feeds it the live matches.
 */
export function RelationField({ form, path }: { form: UseFormResult; path: string }) {
  const relation = form.fieldAt(path)?.relation as RelationDefinition
  const binding = form.getFieldControl(path) as RelationBinding
  const [state, setState] = useState(initRelationCombobox)
  const send = (event: RelationComboboxEvent) =>
    setState((s) => transitionRelationCombobox(s, event))
  const selected = useMetalDoc(relation.collection, binding.value)
  // Subscribed only while the list is open.
  const rows = useMetalQuery(
    relation.collection,
    (q) => buildRelationQuery(q, relation, state.query ?? ''),
    { enabled: state.open },
  )
  const combobox = connectRelationCombobox(state, send, {
    id: binding.id,
    label: binding.label,
    value: binding.value,
    selectedLabel: relationLabel(selected.data, relation, binding.value ?? ''),
    options: (rows.data ?? []).map((row) => ({
      id: row.id,
      label: relationLabel(row, relation, row.id),
    })),
    loading: state.open && rows.isPending,
    onValueChange: binding.onValueChange,
    onBlur: binding.onBlur,
    readOnly: binding.readOnly,
    messages: form.messages,
    normalizeProps: identityProps,
  })
  const control = form.getControlProps(path)
  return (
    <div data-scope="form" data-part="combobox">
      <input {...control} {...combobox.getInputProps()} data-part="control" />
      <ul {...combobox.getListboxProps()}>
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
