import type { DataTableMessages } from '../../data-table/dataTable.messages.js'
import { Button } from '../controls/Button.js'
import { LinearProgress } from '../controls/Progress.js'

/**
 * What the grid says when it has no rows to show, or is fetching: a progress bar under the
 * header while loading (with skeleton rows when there is nothing yet), the error with a Retry
 * button, or the empty message.
 */
export function DataTableStatus({
  messages,
  loading,
  empty,
  error,
  onRetry,
  template,
  skeletonRows,
}: {
  messages: DataTableMessages
  loading: boolean
  empty: boolean
  error: Error | null
  onRetry: (() => void) | undefined
  /** `grid-template-columns` of the rows, for the skeleton rows. */
  template: string
  skeletonRows: number
}) {
  if (error) {
    return (
      <div data-scope="data-table" data-part="error" role="alert">
        <span data-scope="data-table" data-part="error-title">
          {messages.loadError}
        </span>
        <span data-scope="data-table" data-part="error-message">
          {error.message}
        </span>
        {onRetry && (
          <Button variant="tonal" icon="refresh" onClick={onRetry}>
            {messages.retry}
          </Button>
        )}
      </div>
    )
  }
  if (loading) {
    return (
      <>
        <div data-scope="data-table" data-part="progress">
          <LinearProgress label={messages.loading} />
        </div>
        {empty && (
          <div data-scope="data-table" data-part="skeleton" aria-hidden="true">
            {Array.from({ length: skeletonRows }, (_, i) => (
              <div
                key={i}
                data-scope="data-table"
                data-part="skeleton-row"
                style={{ gridTemplateColumns: template }}
              >
                {template.split(' ').map((_, j) => (
                  <span key={j} data-scope="data-table" data-part="skeleton-cell" />
                ))}
              </div>
            ))}
          </div>
        )}
      </>
    )
  }
  if (empty) {
    return (
      <div data-scope="data-table" data-part="empty" role="status">
        {messages.empty}
      </div>
    )
  }
  return null
}
