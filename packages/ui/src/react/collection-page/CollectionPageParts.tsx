import type { ReactNode } from 'react'
import { avatarTone, initialsOf } from '../../collection-page/collectionPage.model.js'
import type { CollectionPageMessages } from '../../collection-page/collectionPage.model.js'
import type { CollectionPageMember } from './useCollectionPresence.js'

// The small pieces a collection page draws: avatars, the pending mark, a row's buttons and the
// list of failed writes.

const part = (name: string) => ({ 'data-scope': 'collection-page', 'data-part': name })

/** A member's initials in a tinted circle, named by `label` for assistive technology. */
export function Avatar({ member, label }: { member: CollectionPageMember; label: string }) {
  return (
    <span
      {...part('avatar')}
      data-tone={avatarTone(member.userId)}
      role="img"
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true">{initialsOf(member.name)}</span>
    </span>
  )
}

/** The small "saving" mark of a row whose write the backend has not confirmed yet. */
export function PendingMark({ label }: { label: string }) {
  return (
    <span {...part('pending-mark')} role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 4a8 8 0 1 0 8 8h-2a6 6 0 1 1-6-6V4zm-1 3v6l5 3 .9-1.5-3.9-2.3V7H11z"
        />
      </svg>
    </span>
  )
}

/** A row's marks: pending, and the other members editing it. */
export function RowMarks({
  pending,
  editors,
  messages,
}: {
  pending: boolean
  editors: readonly CollectionPageMember[] | undefined
  messages: CollectionPageMessages
}) {
  return (
    <span {...part('row-marks')}>
      {pending && <PendingMark label={messages.pendingRow} />}
      {editors?.map((m) => (
        <Avatar key={m.userId} member={m} label={messages.editing(m.name)} />
      ))}
    </span>
  )
}

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={d} />
    </svg>
  )
}

const EDIT_ICON =
  'M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z'
const DELETE_ICON = 'M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z'

/**
 * A row's edit and delete buttons. They leave the grid's single tab stop alone (`tabIndex`
 * -1): from the keyboard, Enter on the row edits it and the edit dialog offers delete.
 */
export function RowActions(props: {
  label: string
  messages: CollectionPageMessages
  onEdit: (() => void) | undefined
  onDelete: (() => void) | undefined
}) {
  const { label, messages, onEdit, onDelete } = props
  return (
    <span {...part('row-actions')}>
      {onEdit && (
        <button
          {...part('edit-row')}
          type="button"
          tabIndex={-1}
          aria-label={messages.editRow(label)}
          title={messages.editRow(label)}
          onClick={onEdit}
        >
          <Icon d={EDIT_ICON} />
        </button>
      )}
      {onDelete && (
        <button
          {...part('delete-row')}
          type="button"
          tabIndex={-1}
          aria-label={messages.deleteRow(label)}
          title={messages.deleteRow(label)}
          onClick={onDelete}
        >
          <Icon d={DELETE_ICON} />
        </button>
      )}
    </span>
  )
}

/** A failed write as the page lists it until dismissed. */
export interface PageError {
  id: number
  message: string
}

/** The failed writes, in an alert region (a snackbar stack), each with a dismiss button. */
export function ErrorList({
  errors,
  messages,
  onDismiss,
}: {
  errors: readonly PageError[]
  messages: CollectionPageMessages
  onDismiss: (id: number) => void
}): ReactNode {
  return (
    <div {...part('errors')} role="alert">
      {errors.map((e) => (
        <div key={e.id} {...part('error')}>
          <span>{messages.writeFailed(e.message)}</span>
          <button type="button" {...part('dismiss')} onClick={() => onDismiss(e.id)}>
            {messages.dismiss}
          </button>
        </div>
      ))}
    </div>
  )
}
