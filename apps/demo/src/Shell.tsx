import { useMemo, type ReactNode } from 'react'
import type { Session } from '@metal/core'
import { useMetalAuth, useMetalCount } from '@metal/react'
import { Button, IconButton } from '@metal/ui/react'
import { ConflictDialog } from './ConflictDialog.js'
import { NetworkControl } from './NetworkControl.js'
import { OnlineAvatars, usePagePresence } from './OnlinePresence.js'
import { JobsPage } from './pages/JobsPage.js'
import { TasksPage } from './pages/TasksPage.js'
import { UsersPage } from './pages/UsersPage.js'
import { usePage, type Page } from './route.js'
import type { ThemeName } from './theme.js'
import { useViewer, viewerOf, ViewerContext } from './viewer.js'

const TITLES: Record<Page, string> = { tasks: 'Tasks', users: 'Users', jobs: 'Jobs' }

/** The signed-in app: top bar, navigation with live counts, the current page. */
export function Shell(props: {
  session: Session
  theme: ThemeName
  onThemeChange: (theme: ThemeName) => void
}) {
  const viewer = useMemo(() => viewerOf(props.session), [props.session])
  return (
    <ViewerContext.Provider value={viewer}>
      <Frame {...props} />
    </ViewerContext.Provider>
  )
}

function Frame({
  theme,
  onThemeChange,
}: {
  theme: ThemeName
  onThemeChange: (t: ThemeName) => void
}) {
  const viewer = useViewer()
  const { signOut } = useMetalAuth()
  const [page, go] = usePage()
  usePagePresence(page)
  return (
    <div className="demo-shell">
      <header className="demo-bar">
        <span className="demo-brand">Metal demo</span>
        <OnlineAvatars />
        <NetworkControl />
        <IconButton
          icon={theme === 'dark' ? 'lightMode' : 'darkMode'}
          label={theme === 'dark' ? 'Use the light theme' : 'Use the dark theme'}
          selected={theme === 'dark'}
          onClick={() => onThemeChange(theme === 'dark' ? 'light' : 'dark')}
        />
        <span className="demo-viewer">
          {viewer.name} <span className="demo-chip">{viewer.role}</span>
        </span>
        <Button variant="text" onClick={() => void signOut()}>
          Sign out
        </Button>
      </header>
      <nav className="demo-nav" aria-label="Pages">
        <NavLink page="tasks" current={page} go={go} count={<TaskCount />} />
        <NavLink page="users" current={page} go={go} count={<UserCount />} />
        <NavLink page="jobs" current={page} go={go} count={<JobCount />} />
      </nav>
      <main className="demo-main" aria-label={TITLES[page]}>
        {page === 'tasks' && <TasksPage />}
        {page === 'users' && <UsersPage />}
        {page === 'jobs' && <JobsPage />}
      </main>
      <ConflictDialog collection="tasks" />
    </div>
  )
}

function NavLink(props: { page: Page; current: Page; go: (p: Page) => void; count: ReactNode }) {
  const here = props.page === props.current
  return (
    <a
      href={`/${props.page}`}
      className="demo-nav-link"
      aria-current={here ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
        e.preventDefault()
        props.go(props.page)
      }}
    >
      <span>{TITLES[props.page]}</span>
      {props.count}
    </a>
  )
}

function Count({ value, label }: { value: number | undefined; label: string }) {
  return (
    <span className="demo-count" aria-label={`${value ?? 'unknown'} ${label}`}>
      {value ?? '…'}
    </span>
  )
}

function TaskCount() {
  const viewer = useViewer()
  const { data } = useMetalCount('tasks', (q) => viewer.scope(q, 'tasks'))
  return <Count value={data} label="tasks" />
}

function UserCount() {
  const { data } = useMetalCount('users')
  return <Count value={data} label="users" />
}

function JobCount() {
  const viewer = useViewer()
  const { data } = useMetalCount('processingJobs', (q) => viewer.scope(q, 'processingJobs'))
  return <Count value={data} label="jobs" />
}
