import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import type { getDataTableEditorProps } from '../../data-table/dataTable.parts.js'

/** The inline editor of a cell: a text field, or a choice for enum and boolean columns. */
export function CellEditor({
  type,
  options,
  messages,
  props,
}: {
  type: string
  options: readonly { value: string; label: string }[]
  messages: DataTableMessages
  props: ReturnType<typeof getDataTableEditorProps>
}) {
  if (type === 'enum' || type === 'boolean') {
    const choices =
      type === 'enum'
        ? options
        : [
            { value: 'true', label: messages.yes },
            { value: 'false', label: messages.no },
          ]
    return (
      <select {...props} autoFocus>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  }
  return (
    <input
      {...props}
      type="text"
      inputMode={type === 'number' ? 'decimal' : undefined}
      placeholder={type === 'date' ? 'YYYY-MM-DD' : undefined}
      autoFocus
    />
  )
}
