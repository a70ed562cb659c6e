import { createContext, useContext } from 'react'
import type { Query, Session } from '@metal/core'

/** The signed-in user as the app sees them. */
export interface Viewer {
  userId: string
  name: string
  role: string
  isAdmin: boolean
  /** Whether this user reads every task (admins and moderators), not only their own. */
  readsAllTasks: boolean
  /**
   * Narrows a query of an owned collection to what this user may read: a user who may not read
   * everything must ask for their own documents (`where('userId', '==', …)`), or the server's
   * rules refuse the whole query.
   */
  scope<T>(query: Query<T>, collection: 'tasks' | 'processingJobs'): Query<T>
}

/** The viewer of a session (the token carries the user's name and role). */
export function viewerOf(session: Session): Viewer {
  const isAdmin = session.hasRole('admin')
  // Moderators read every task (not every job), as the server's rules say.
  const readsAllTasks = isAdmin || session.hasRole('moderator')
  const name = typeof session.claims.name === 'string' ? session.claims.name : session.userId
  return {
    userId: session.userId,
    name,
    role: session.role ?? 'user',
    isAdmin,
    readsAllTasks,
    scope: <T>(query: Query<T>, collection: 'tasks' | 'processingJobs') =>
      isAdmin || (readsAllTasks && collection === 'tasks')
        ? query
        : ((query as unknown as Query).where(
            'userId',
            '==',
            session.userId,
          ) as unknown as Query<T>),
  }
}

export const ViewerContext = createContext<Viewer | null>(null)

/** The signed-in user (inside the signed-in app). */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext)
  if (!viewer) throw new Error('useViewer() must be used inside the signed-in app')
  return viewer
}
