// Who edits a document: the presence state a form publishes, and the other editors it names.

/** A presence member as the form reads it (what `@metal/core`'s `PresenceMember` holds). */
export interface FormPresenceMember {
  userId: string
  metadata: Readonly<Record<string, unknown>>
}

/** Options of {@link getEditingTrack}. */
export interface EditingTrackOptions {
  /** This user; nothing is published without one. */
  userId?: string | undefined
  /** A display name other editors see. */
  name?: string | undefined
  /** Whether the form publishes this user's state itself. @default true */
  publish?: boolean | undefined
}

/**
 * The `metadata.editing` value marking editors of a document.
 * @default `${collection}/${docId}`
 */
export function getEditingKey(collection: string, docId: string, editingKey?: string): string {
  return editingKey ?? `${collection}/${docId}`
}

/**
 * The presence state a form publishes while it edits a document (`metadata.editing = key`), or
 * `null` to publish nothing or clear it: not editing, no user, or `publish: false`.
 */
export function getEditingTrack(
  editing: boolean,
  key: string,
  options: EditingTrackOptions = {},
): { userId: string; metadata: Record<string, unknown> } | null {
  if (!editing || !options.userId || options.publish === false) return null
  return {
    userId: options.userId,
    metadata: { editing: key, ...(options.name ? { name: options.name } : {}) },
  }
}

/** The names (`metadata.name`, else the user id) of the other members editing `key`. */
export function getEditors(others: readonly FormPresenceMember[], key: string): string[] {
  return others
    .filter((m) => m.metadata.editing === key)
    .map((m) =>
      typeof m.metadata.name === 'string' && m.metadata.name ? m.metadata.name : m.userId,
    )
}
