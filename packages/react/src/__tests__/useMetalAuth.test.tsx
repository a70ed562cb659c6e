import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MetalError, type AuthStatus } from '@metal/core'
import { useMetalAuth } from '../index.js'
import { realtime } from './helpers.js'

let env: ReturnType<typeof realtime>
afterEach(() => env?.close())

/** Renders useMetalAuth and records each distinct status it shows. */
function renderAuth(wrapper: ReturnType<ReturnType<typeof realtime>['client']>['wrapper']) {
  const statuses: AuthStatus[] = []
  const view = renderHook(
    () => {
      const auth = useMetalAuth()
      if (statuses.at(-1) !== auth.status) statuses.push(auth.status)
      return auth
    },
    { wrapper },
  )
  return { ...view, statuses }
}

describe('useMetalAuth', () => {
  it('goes unknown -> signed-out -> signed-in -> signed-out', async () => {
    env = realtime()
    const { result, statuses } = renderAuth(env.client().wrapper)
    expect(result.current.status).toBe('unknown')
    expect(result.current.session).toBeNull()
    await waitFor(() => expect(result.current.status).toBe('signed-out'))

    await act(() =>
      result.current.authenticate({
        type: 'custom',
        token: 'user-token',
        metadata: { userId: '123', role: 'admin' },
      }),
    )
    expect(result.current.status).toBe('signed-in')
    expect(result.current.session).toMatchObject({ userId: '123', role: 'admin' })
    expect(result.current.session?.hasRole('admin')).toBe(true)

    await act(() => result.current.signOut())
    expect(result.current.status).toBe('signed-out')
    expect(result.current.session).toBeNull()
    expect(statuses).toEqual(['unknown', 'signed-out', 'signed-in', 'signed-out'])
  })

  it('signs out when the session expires', async () => {
    env = realtime()
    const { result, statuses } = renderAuth(env.client().wrapper)
    await waitFor(() => expect(result.current.status).toBe('signed-out'))
    await act(() =>
      result.current.authenticate({
        type: 'custom',
        token: 't',
        metadata: { userId: 'u1', expiresAt: Date.now() + 300 },
      }),
    )
    expect(result.current.session?.expiresAt).toBeGreaterThan(Date.now())
    await waitFor(() => expect(result.current.status).toBe('signed-out'), { timeout: 2000 })
    expect(result.current.session).toBeNull()
    expect(statuses).toEqual(['unknown', 'signed-out', 'signed-in', 'signed-out'])
  })

  it('follows a sign-in made outside the hook', async () => {
    env = realtime()
    const client = env.client()
    const { result } = renderAuth(client.wrapper)
    await act(() =>
      client.metal.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u2' } }),
    )
    expect(result.current.session?.userId).toBe('u2')
  })

  it('rejects a credential the backend refuses and stays signed out', async () => {
    env = realtime({
      verifyToken: () => {
        throw new MetalError('unauthenticated', 'bad token')
      },
    })
    const { result } = renderAuth(env.client().wrapper)
    await waitFor(() => expect(result.current.status).toBe('signed-out'))
    await act(async () => {
      await expect(
        result.current.authenticate({ type: 'custom', token: 'forged' }),
      ).rejects.toMatchObject({ code: 'unauthenticated' })
    })
    expect(result.current.status).toBe('signed-out')
  })

  it('keeps its snapshot and actions stable across renders', async () => {
    env = realtime()
    const { result, rerender } = renderAuth(env.client().wrapper)
    await waitFor(() => expect(result.current.status).toBe('signed-out'))
    const { authenticate, signOut, session } = result.current
    rerender()
    expect(result.current.authenticate).toBe(authenticate)
    expect(result.current.signOut).toBe(signOut)
    expect(result.current.session).toBe(session)
  })
})
