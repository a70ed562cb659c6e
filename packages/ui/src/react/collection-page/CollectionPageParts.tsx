import type { ReactNode } from 'react'
import { Icon } from '../controls/Icon.js'
import { Button } from '../controls/Button.js'
import { IconButton } from '../controls/IconButton.js'
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
      <Icon name="schedule" size={18} />
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
        <IconButton
          data-action="edit-row"
          icon="edit"
          size="small"
          tabIndex={-1}
          label={messages.editRow(label)}
          title={messages.editRow(label)}
          onClick={onEdit}
        />
      )}
      {onDelete && (
        <IconButton
          data-action="delete-row"
          icon="delete"
          size="small"
          tabIndex={-1}
          label={messages.deleteRow(label)}
          title={messages.deleteRow(label)}
          onClick={onDelete}
        />
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
          <Button variant="text" data-action="dismiss" onClick={() => onDismiss(e.id)}>
            {messages.dismiss}
          </Button>
        </div>
      ))}
    </div>
  )
}
