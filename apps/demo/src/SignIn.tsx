import { useEffect, useState } from 'react'
import { useMetalAuth } from '@metal/react'
import { fetchDemoUsers, fetchToken, type DemoUser } from './api.js'
import { Avatar } from './Avatar.js'

/** Pick a seeded user: the demo's auth endpoint signs a token for them. */
export function SignIn() {
  const { authenticate } = useMetalAuth()
  const [users, setUsers] = useState<DemoUser[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    fetchDemoUsers().then(
      (list) => live && setUsers(list),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [])

  async function signIn(user: DemoUser) {
    setBusy(user.id)
    setError(null)
    try {
      const { token } = await fetchToken(user.id)
      await authenticate({ type: 'jwt', token })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(null)
    }
  }

  return (
    <main className="demo-signin">
      <h1>Metal demo</h1>
      <p>
        Sign in as one of the seeded users. Admins see every task and manage users; the others see
        only their own tasks — the server's rules enforce it.
      </p>
      {error && (
        <p role="alert" className="demo-error">
          {error}
        </p>
      )}
      {!users && !error && <p role="status">Loading users…</p>}
      <ul className="demo-signin-list">
        {users?.map((user) => (
          <li key={user.id}>
            <button
              type="button"
              className="demo-signin-user"
              disabled={busy !== null}
              onClick={() => void signIn(user)}
            >
              <Avatar name={user.displayName} />
              <span className="demo-signin-name">{user.displayName}</span>
              <span className="demo-chip">{user.role}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
