import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStorage } from '@metal/core'
import { useMetalAuth } from '../index.js'
import { settle, setup } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const ADMIN = {
  type: 'custom',
  token: 'user-token',
  metadata: { userId: '123', role: 'admin' },
} as const

describe('useMetalAuth', () => {
  it("starts 'unknown', then settles on 'signed-out' with no stored session", async () => {
    env = setup()
    const { result } = env.withSetup(useMetalAuth)
    expect(result.status.value).toBe('unknown')
    await vi.waitFor(() => expect(result.status.value).toBe('signed-out'))
    expect(result.session.value).toBeNull()
  })

  it('follows sign-in and sign-out', async () => {
    env = setup()
    const { result } = env.withSetup(useMetalAuth)
    const session = await result.authenticate(ADMIN)
    expect(result.status.value).toBe('signed-in')
    expect(result.session.value).toBe(session)
    expect(result.session.value).toMatchObject({ userId: '123', role: 'admin', roles: ['admin'] })

    await result.signOut()
    expect(result.status.value).toBe('signed-out')
    expect(result.session.value).toBeNull()
  })

  it('follows a sign-in made elsewhere, and the session ending when it expires', async () => {
    env = setup()
    const { result } = env.withSetup(useMetalAuth)
    await env.metal.auth().authenticate({
      type: 'custom',
      token: 't',
      metadata: { userId: 'ada', expiresAt: Date.now() + 80 },
    })
    expect(result.session.value?.userId).toBe('ada')
    await vi.waitFor(() => expect(result.status.value).toBe('signed-out'))
    expect(result.session.value).toBeNull()
  })

  it('restores a stored session', async () => {
    const storage = memoryStorage()
    env = setup({ metal: { auth: { persistence: storage } } })
    await env.metal.auth().authenticate(ADMIN)
    env.close()

    env = setup({ metal: { auth: { persistence: storage } } })
    const { result } = env.withSetup(useMetalAuth)
    expect(result.status.value).toBe('unknown')
    await vi.waitFor(() => expect(result.status.value).toBe('signed-in'))
    expect(result.session.value?.userId).toBe('123')
  })

  it('rejects a refused credential and stays signed out', async () => {
    env = setup()
    const { result } = env.withSetup(useMetalAuth)
    await expect(
      result.authenticate({ type: 'custom', token: 't', metadata: { expiresAt: 1 } }),
    ).rejects.toMatchObject({ code: 'unauthenticated' })
    await settle()
    expect(result.status.value).toBe('signed-out')
  })

  it('stops following the session when its scope stops', async () => {
    env = setup()
    const { result, scope } = env.inScope(useMetalAuth)
    await vi.waitFor(() => expect(result.status.value).toBe('signed-out'))
    scope.stop()
    await env.metal.auth().authenticate(ADMIN)
    expect(result.status.value).toBe('signed-out')
  })
})
