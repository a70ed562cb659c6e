import { useMetalPresence } from '@metal/react'
import { Avatar } from './Avatar.js'
import type { Page } from './route.js'
import { useViewer } from './viewer.js'

/** The room where every signed-in user is seen, with the page they are on. */
export const ONLINE_ROOM = 'online'

const PAGE_NAMES: Record<string, string> = { tasks: 'Tasks', users: 'Users', jobs: 'Jobs' }

/** Publishes this user in the online room, with `metadata.currentPage`. */
export function usePagePresence(page: Page): void {
  const viewer = useViewer()
  useMetalPresence({
    room: ONLINE_ROOM,
    track: { userId: viewer.userId, metadata: { name: viewer.name, currentPage: page } },
  })
}

/** Avatars of who is online, each saying which page they are on. */
export function OnlineAvatars() {
  const { members } = useMetalPresence({ room: ONLINE_ROOM })
  const viewer = useViewer()
  return (
    <ul className="demo-online" aria-label="Online now">
      {members.map((m) => {
        const name = typeof m.metadata.name === 'string' ? m.metadata.name : m.userId
        const page = PAGE_NAMES[String(m.metadata.currentPage)] ?? 'the app'
        const who = m.userId === viewer.userId ? `${name} (you)` : name
        return (
          <li key={m.userId} data-user={m.userId}>
            <Avatar name={name} label={`${who}, on ${page}`} />
          </li>
        )
      })}
    </ul>
  )
}
