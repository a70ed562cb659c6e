import { useMetalAuth } from '@metal/react'
import { Shell } from './Shell.js'
import { SignIn } from './SignIn.js'
import { useTheme } from './theme.js'

/**
 * Signed out: the sign-in page. Signed in: the admin app. While a stored session is being
 * restored (after a reload) nothing reads data yet, so no request goes out without it.
 */
export function App() {
  const { status, session } = useMetalAuth()
  const [theme, setTheme] = useTheme()
  if (status === 'unknown') {
    return (
      <p className="demo-splash" role="status">
        Restoring your session…
      </p>
    )
  }
  if (!session) return <SignIn />
  return <Shell key={session.userId} session={session} theme={theme} onThemeChange={setTheme} />
}
