import { useState } from 'react'
import type {
  CollectionPageBulkAction,
  CollectionPageMessages,
} from '../../collection-page/collectionPage.model.js'
import { Button } from '../controls/Button.js'
import type { DataTableToolbarContext } from '../data-table/DataTable.js'

const part = (name: string) => ({ 'data-scope': 'collection-page', 'data-part': name })

/**
 * The bulk actions, shown in the table's toolbar while rows are selected. Each first resolves
 * the selection to ids ("select all matching" reads the matching rows), then hands them on.
 */
export function BulkToolbar(props: {
  context: DataTableToolbarContext
  actions: readonly CollectionPageBulkAction[]
  canDelete: boolean
  messages: CollectionPageMessages
  onAction: (action: CollectionPageBulkAction, ids: readonly string[]) => void
  onDelete: (ids: readonly string[]) => void
  onError: (error: unknown) => void
}) {
  const { context, actions, messages } = props
  const [busy, setBusy] = useState(false)
  const { selection } = context
  if (!selection.all && selection.ids.length === 0) return null
  const withIds = (then: (ids: readonly string[]) => void) => () => {
    setBusy(true)
    context
      .getSelectedIds()
      .then((ids) => {
        if (ids.length > 0) then(ids)
      }, props.onError)
      .finally(() => setBusy(false))
  }
  return (
    <div {...part('bulk-actions')} role="group" aria-label={messages.bulkActions}>
      {actions.map((action) => (
        <Button
          key={action.label}
          variant="tonal"
          data-action="bulk-action"
          disabled={busy}
          onClick={withIds((ids) => props.onAction(action, ids))}
        >
          {action.label}
        </Button>
      ))}
      {props.canDelete && (
        <Button
          variant="text"
          danger
          icon="delete"
          data-action="delete-selected"
          disabled={busy}
          onClick={withIds(props.onDelete)}
        >
          {messages.deleteSelected}
        </Button>
      )}
    </div>
  )
}
