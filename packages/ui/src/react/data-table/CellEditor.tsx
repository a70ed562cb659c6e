import { useEffect, useRef } from 'react'
import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import type { getDataTableEditorProps } from '../../data-table/dataTable.parts.js'
import { Select } from '../controls/Select.js'

type EditorProps = ReturnType<typeof getDataTableEditorProps>

/**
 * The inline editor of a cell: a text input (dates typed as YYYY-MM-DD), or a `<Select>` of the
 * choices for enum and boolean columns.
 */
export function CellEditor({
  type,
  header,
  options,
  messages,
  props,
}: {
  type: string
  header: string
  options: readonly { value: string; label: string }[]
  messages: DataTableMessages
  props: EditorProps
}) {
  if (type === 'enum' || type === 'boolean') {
    const choices =
      type === 'enum'
        ? options
        : [
            { value: 'true', label: messages.yes },
            { value: 'false', label: messages.no },
          ]
    return <ChoiceEditor header={header} choices={choices} props={props} />
  }
  return (
    <input
      {...props}
      type="text"
      inputMode={type === 'number' ? 'decimal' : undefined}
      placeholder={type === 'date' ? messages.datePlaceholder : undefined}
      autoFocus
    />
  )
}

/** A choice among options: picking one saves it; Escape (while closed) cancels. */
function ChoiceEditor({
  header,
  choices,
  props,
}: {
  header: string
  choices: readonly { value: string; label: string }[]
  props: EditorProps
}) {
  const root = useRef<HTMLSpanElement>(null)
  const picked = useRef(false)
  const { onChange, onKeyDown, onBlur, value } = props
  useEffect(() => root.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus(), [])
  // The pick is saved once the draft holds it (the next render), not from a stale draft.
  useEffect(() => {
    if (!picked.current) return
    picked.current = false
    onBlur()
  }, [value, onBlur])
  return (
    <span
      ref={root}
      data-scope="data-table"
      data-part="editor"
      data-type="choice"
      onKeyDown={(event) => {
        const open = (event.target as HTMLElement).getAttribute('aria-expanded') === 'true'
        if (!open) onKeyDown(event)
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onBlur()
      }}
    >
      <Select
        label={header}
        value={value}
        options={choices}
        onValueChange={(next) => {
          picked.current = true
          onChange({ target: { value: next } })
        }}
      />
    </span>
  )
}
