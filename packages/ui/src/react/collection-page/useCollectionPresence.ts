import { useMemo } from 'react'
import type { PresenceMember } from '@metal/core'
import { useMetalPresence } from '@metal/react'

/** Who the page tracks in its presence room. */
export interface CollectionPagePresence {
  /** This user's id. */
  userId: string
  /** The name other members see. @default the user id */
  name?: string
  /** The presence room. @default the collection path */
  room?: string
}

/** Another member of the page's room, as the page shows them. */
export interface CollectionPageMember {
  userId: string
  name: string
  /** The document the member edits, or null. */
  editing: string | null
}

/** What the page's room says: the other members, and who edits which row. */
export interface CollectionPresenceState {
  room: string
  others: readonly CollectionPageMember[]
  /** The other members editing a document, by its id. */
  editors: ReadonlyMap<string, readonly CollectionPageMember[]>
}

function toMember(m: PresenceMember): CollectionPageMember {
  const { name, editing } = m.metadata
  return {
    userId: m.userId,
    name: typeof name === 'string' && name !== '' ? name : m.userId,
    editing: typeof editing === 'string' && editing !== '' ? editing : null,
  }
}

/**
 * Tracks this user in the page's room with `metadata: { name, editing: docId | null }`, one
 * state for the whole page: the edit form only reads the room (`publish: false`), so opening and
 * closing it changes `editing` instead of replacing or withdrawing the page's state.
 */
export function useCollectionPresence(
  collection: string,
  presence: CollectionPagePresence | undefined,
  editing: string | null,
): CollectionPresenceState {
  const room = presence?.room ?? collection
  const track = presence
    ? { userId: presence.userId, metadata: { name: presence.name ?? presence.userId, editing } }
    : null
  const { others } = useMetalPresence({ room, track })
  return useMemo(() => {
    const members = others.map(toMember)
    const editors = new Map<string, CollectionPageMember[]>()
    for (const m of members) {
      if (m.editing !== null) editors.set(m.editing, [...(editors.get(m.editing) ?? []), m])
    }
    return { room, others: members, editors }
  }, [room, others])
}
