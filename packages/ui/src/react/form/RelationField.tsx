import { useState, type KeyboardEvent } from 'react'
import { useMetalDoc, useMetalQuery } from '@metal/react'
import type { RelationDefinition } from '../../form/form.types.js'
import type { UseFormResult } from './useForm.js'

interface Choice {
  id: string
  label: string
}

const labelOf = (row: Record<string, unknown> | null | undefined, field: string, id: string) => {
  const value = row?.[field]
  return typeof value === 'string' ? value : id
}

/**
 * A searchable select over another collection (WAI-ARIA combobox with a listbox): typing
 * searches by prefix, arrows move, Enter picks, Escape closes. The value is the document id.
 */
export function RelationField({ form, path }: { form: UseFormResult; path: string }) {
  const relation = form.fieldAt(path)?.relation as RelationDefinition
  const value = form.valueAt(path)
  const id = typeof value === 'string' ? value : ''
  const selected = useMetalDoc(relation.collection, id || null)
  const [text, setText] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const control = form.getControlProps(path)
  const listId = `${control.id}-listbox`
  const shown = text ?? (id ? labelOf(selected.data, relation.labelField, id) : '')

  const { labelField, limit = 20 } = relation
  const search = text ?? ''
  // Prefix search on the label field by the query engine, so it scales with the collection;
  // subscribed only while the list is open.
  const rows = useMetalQuery(
    relation.collection,
    (q) =>
      (search ? q.where(labelField, '>=', search).where(labelField, '<', `${search}\uf8ff`) : q)
        .orderBy(labelField)
        .limit(limit),
    { enabled: open },
  )
  const choices: Choice[] = (rows.data ?? []).map((row) => ({
    id: row.id,
    label: labelOf(row, labelField, row.id),
  }))
  const current = choices[Math.min(active, choices.length - 1)]

  const pick = (choice: Choice) => {
    form.setValue(path, choice.id)
    setText(null)
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) return setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((i) => Math.max(0, Math.min(choices.length - 1, i + step)))
    } else if (event.key === 'Enter' && open) {
      event.preventDefault()
      if (current) pick(current)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      setOpen(false)
      setText(null)
    }
  }
  return (
    <div data-scope="form" data-part="combobox">
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        {...(open && current ? { 'aria-activedescendant': `${listId}-${current.id}` } : {})}
        value={shown}
        onChange={(event) => {
          setText(event.target.value)
          setActive(0)
          setOpen(true)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (text === '') form.setValue(path, '')
          setText(null)
          setOpen(false)
          control.onBlur()
        }}
      />
      <ul id={listId} role="listbox" data-scope="form" data-part="listbox" hidden={!open}>
        {open && choices.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" data-part="empty">
            {form.messages.noMatches}
          </li>
        )}
        {open &&
          choices.map((choice) => (
            <li
              key={choice.id}
              id={`${listId}-${choice.id}`}
              role="option"
              aria-selected={choice.id === id}
              data-scope="form"
              data-part="option"
              {...(choice === current ? { 'data-active': '' } : {})}
              // Picking must not blur the input first (which would close the list).
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(choice)}
            >
              {choice.label}
            </li>
          ))}
      </ul>
    </div>
  )
}
