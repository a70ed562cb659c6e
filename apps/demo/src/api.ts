// The demo server's own endpoints (not part of Metal): the seeded users to sign in as, and a
// token for one of them. A real app gets its token from its identity provider instead.

/** A seeded user, as the sign-in page lists them. */
export interface DemoUser {
  id: string
  displayName: string
  role: 'user' | 'admin' | 'moderator'
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} failed: HTTP ${response.status}`)
  return (await response.json()) as T
}

/** The users the demo was seeded with. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const { users } = await json<{ users: DemoUser[] }>(
    await fetch('/demo/users'),
    'Loading the demo users',
  )
  return users
}

/** A signed JWT for a seeded user, from the demo's auth endpoint. */
export async function fetchToken(userId: string): Promise<{ token: string; expiresAt: number }> {
  const response = await fetch('/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  return json(response, 'Signing in')
}
