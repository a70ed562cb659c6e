import { describe, expect, it } from 'vitest'
import { Metal, MetalError, memoryStorage } from '../../index.js'
import type { AuthStatus, KeyValueStorage } from '../../index.js'
import { eventually, settle, type BackendHarness, type BackendTestOptions } from './harness.js'
import { backendFor, clientFor } from './helpers.js'
import { faultyBackend } from '../faultyBackend.js'

/** An unsigned compact JWT with `claims` (the embedded backend decodes; the server verifies). */
export function jwt(claims: Record<string, unknown>): string {
  // Claims in tests are ASCII, so btoa (browsers and Node alike) encodes them exactly.
  const enc = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.sig`
}

export function authSuite(harness: BackendHarness): void {
  const backendWith = (options?: BackendTestOptions) => backendFor(harness, options)
  const client = clientFor
  function record(metal: Metal) {
    const seen: { userId: string | null; status: AuthStatus; reason: string }[] = []
    metal
      .auth()
      .onStateChange((s, status, reason) =>
        seen.push({ userId: s?.userId ?? null, status, reason }),
      )
    return seen
  }

  describe(`auth (${harness.name})`, () => {
    it('starts unknown and settles to signed-out when nothing is stored', async () => {
      const metal = client(await backendWith())
      expect(metal.auth().status).toBe('unknown')
      const seen = record(metal)
      await metal.auth().ready
      expect(seen.map((s) => s.status)).toEqual(['unknown', 'signed-out'])
    })

    it('settles to signed-out when a sign-in made at start is refused', async () => {
      const metal = client(await backendWith())
      const refused = await metal
        .auth()
        .authenticate({ type: 'custom', token: 't', metadata: { expiresAt: 1 } })
        .catch((e: unknown) => e)
      expect(MetalError.is(refused, 'unauthenticated')).toBe(true)
      await metal.auth().ready
      expect(metal.auth().status).toBe('signed-out')
    })

    it('signs in with a custom token and exposes the session with roles', async () => {
      const metal = client(await backendWith())
      await metal.auth().ready
      const session = await metal.auth().authenticate({
        type: 'custom',
        token: 'user-token',
        metadata: { userId: '123', role: 'admin' },
      })
      expect(session.userId).toBe('123')
      expect(session.role).toBe('admin')
      expect(session.roles).toEqual(['admin'])
      expect(session.hasRole('admin')).toBe(true)
      expect(session.hasRole('editor')).toBe(false)
      expect(metal.auth().status).toBe('signed-in')
      expect(metal.auth().session?.claims).toMatchObject({ userId: '123', role: 'admin' })
    })

    it('calls onStateChange at once with the current state, then on every change', async () => {
      const metal = client(await backendWith())
      await metal.auth().ready
      const seen = record(metal)
      await metal.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u1' } })
      await metal.auth().signOut()
      expect(seen).toEqual([
        { userId: null, status: 'signed-out', reason: 'initial' },
        { userId: 'u1', status: 'signed-in', reason: 'signed-in' },
        { userId: null, status: 'signed-out', reason: 'signed-out' },
      ])
    })

    it('reads a JWT session (sub, roles, exp) and rejects an expired JWT', async () => {
      const metal = client(await backendWith())
      await metal.auth().ready
      const exp = Math.floor(Date.now() / 1000) + 3600
      const session = await metal
        .auth()
        .authenticate({ type: 'jwt', token: jwt({ sub: 'u9', roles: ['editor', 'viewer'], exp }) })
      expect(session).toMatchObject({
        userId: 'u9',
        role: 'editor',
        roles: ['editor', 'viewer'],
        expiresAt: exp * 1000,
      })
      await metal.auth().signOut()
      const expired = metal.auth().authenticate({
        type: 'jwt',
        token: jwt({ sub: 'u9', exp: Math.floor(Date.now() / 1000) - 10 }),
      })
      await expect(expired).rejects.toMatchObject({ code: 'unauthenticated' })
      expect(metal.auth().status).toBe('signed-out')
    })

    it("uses the backend's verifyToken and surfaces its refusal as unauthenticated", async () => {
      const backend = await backendWith({
        verifyToken: (credential) => {
          if (credential.token !== 'good') throw new MetalError('unauthenticated', 'bad token')
          return { userId: 'verified', role: null, roles: [], expiresAt: null, claims: {} }
        },
      })
      const metal = client(backend)
      await metal.auth().ready
      await expect(
        metal.auth().authenticate({ type: 'custom', token: 'bad' }),
      ).rejects.toMatchObject({ code: 'unauthenticated' })
      const s = await metal
        .auth()
        .authenticate({ type: 'custom', token: 'good', metadata: { userId: 'spoofed' } })
      expect(s.userId).toBe('verified')
    })

    it('rejects malformed credentials with invalid-argument naming the field', async () => {
      const metal = client(await backendWith())
      await expect(
        metal.auth().authenticate({ type: 'magic', token: 'x' } as never),
      ).rejects.toThrow(/authenticate\(\): credential 'type'.*'magic'/)
      await expect(metal.auth().authenticate({ type: 'custom', token: '' })).rejects.toMatchObject({
        code: 'invalid-argument',
      })
      await expect(metal.auth().authenticate({ type: 'jwt', token: 'not-a-jwt' })).rejects.toThrow(
        /compact JWT/,
      )
    })

    it('goes unknown -> signed-in -> expired -> signed-out when a session without refresh expires', async () => {
      const metal = client(await backendWith())
      const seen = record(metal)
      await metal.auth().ready
      await metal.auth().authenticate({
        type: 'custom',
        token: 't',
        metadata: { userId: 'u1', expiresAt: Date.now() + 150 },
      })
      await eventually(() => expect(metal.auth().status).toBe('signed-out'), 3000)
      expect(seen.map((s) => `${s.status}/${s.reason}`)).toEqual([
        'unknown/initial',
        'signed-out/restored',
        'signed-in/signed-in',
        'signed-out/expired',
      ])
    })

    it('refreshes a session before it expires without ever signing out', async () => {
      let refreshes = 0
      const metal = client(await backendWith(), {
        auth: {
          persistence: false,
          refreshMarginMs: 100,
          refresh: async (s) => {
            refreshes++
            return {
              type: 'custom',
              token: `t${refreshes}`,
              metadata: { userId: s.userId, expiresAt: Date.now() + 250 },
            }
          },
        },
      })
      const seen = record(metal)
      await metal.auth().ready
      await metal.auth().authenticate({
        type: 'custom',
        token: 't0',
        metadata: { userId: 'u1', expiresAt: Date.now() + 250 },
      })
      await settle(700)
      expect(refreshes).toBeGreaterThanOrEqual(2)
      expect(metal.auth().status).toBe('signed-in')
      expect(seen.filter((s) => s.reason === 'refreshed').length).toBe(refreshes)
      expect(seen.some((s) => s.reason === 'expired')).toBe(false)
    })

    it('ends the session at expiry when refresh fails', async () => {
      const metal = client(await backendWith(), {
        auth: {
          persistence: false,
          refreshMarginMs: 100,
          refresh: async () => Promise.reject(new Error('offline')),
        },
      })
      await metal.auth().ready
      const seen = record(metal)
      await metal.auth().authenticate({
        type: 'custom',
        token: 't',
        metadata: { userId: 'u1', expiresAt: Date.now() + 200 },
      })
      await eventually(
        () => expect(seen.at(-1)).toMatchObject({ status: 'signed-out', reason: 'expired' }),
        3000,
      )
    })

    it('restores a stored session across a reload without flashing signed-out', async () => {
      const backend = await backendWith()
      const storage: KeyValueStorage = memoryStorage()
      const first = client(backend, { auth: { persistence: storage } })
      await first.auth().ready
      await first
        .auth()
        .authenticate({ type: 'custom', token: 't', metadata: { userId: 'u7', role: 'admin' } })
      first.close()

      const reloaded = client(backend, { auth: { persistence: storage } })
      const seen = record(reloaded)
      await reloaded.auth().ready
      expect(seen.map((s) => `${s.status}/${s.reason}`)).toEqual([
        'unknown/initial',
        'signed-in/restored',
      ])
      expect(reloaded.auth().session?.userId).toBe('u7')
    })

    it('forgets the stored session on sign-out, and does not persist with persistence: false', async () => {
      const backend = await backendWith()
      const storage = memoryStorage()
      const a = client(backend, { auth: { persistence: storage } })
      await a.auth().ready
      await a.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u7' } })
      await a.auth().signOut()
      const b = client(backend, { auth: { persistence: storage } })
      await b.auth().ready
      expect(b.auth().status).toBe('signed-out')

      const c = client(backend, { auth: { persistence: false } })
      await c.auth().ready
      await c.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u8' } })
      const d = client(backend, { auth: { persistence: false } })
      await d.auth().ready
      expect(d.auth().status).toBe('signed-out')
    })

    it('enforces access rules with the session and re-authorises live queries on token change', async () => {
      const backend = await backendWith({ rules: ({ auth }) => auth !== null })
      const writer = client(backend)
      await writer
        .auth()
        .authenticate({ type: 'custom', token: 'w', metadata: { userId: 'writer' } })
      const reader = client(backend)
      await reader.auth().ready
      await expect(reader.db().collection('notes').get()).rejects.toMatchObject({
        code: 'permission-denied',
      })

      await reader
        .auth()
        .authenticate({ type: 'custom', token: 'r1', metadata: { userId: 'reader' } })
      const calls: string[][] = []
      const errors: MetalError[] = []
      reader
        .db()
        .collection('notes')
        .subscribe(
          (changes) => calls.push(changes.map((c) => `${c.type}:${c.id}`)),
          (e) => errors.push(e),
        )
      await eventually(() => expect(calls).toEqual([[]]))
      await writer.db().collection('notes').doc('n1').set({ text: 'a' })
      await eventually(() => expect(calls).toEqual([[], ['added:n1']]))

      // A new token for the same user keeps the subscription: no error, nothing re-delivered.
      await reader
        .auth()
        .authenticate({ type: 'custom', token: 'r2', metadata: { userId: 'reader' } })
      await writer.db().collection('notes').doc('n2').set({ text: 'b' })
      await eventually(() => expect(calls).toEqual([[], ['added:n1'], ['added:n2']]))
      expect(errors).toEqual([])

      // Signing out revokes it.
      await reader.auth().signOut()
      await eventually(() => expect(errors.map((e) => e.code)).toEqual(['permission-denied']))
      await writer.db().collection('notes').doc('n3').set({ text: 'c' })
      await settle(20)
      expect(calls).toHaveLength(3)
    })

    it('rejects writes the rules forbid and rolls them back', async () => {
      const backend = await backendWith({
        rules: ({ op, auth }) =>
          op === 'get' || op === 'list' || auth?.roles.includes('editor') === true,
      })
      const metal = client(backend)
      await metal.auth().authenticate({
        type: 'custom',
        token: 'v',
        metadata: { userId: 'viewer', role: 'viewer' },
      })
      await expect(metal.db().collection('docs').doc('d').set({ a: 1 })).rejects.toMatchObject({
        code: 'permission-denied',
      })
      expect((await metal.db().collection('docs').doc('d').get()).exists).toBe(false)
      await metal
        .auth()
        .authenticate({ type: 'custom', token: 'e', metadata: { userId: 'ed', role: 'editor' } })
      await metal.db().collection('docs').doc('d').set({ a: 1 })
      expect((await metal.db().collection('docs').doc('d').get()).data()).toEqual({ a: 1 })
    })

    it('restores a stored session while offline and checks it again once connected', async () => {
      const inner = await backendWith()
      const storage = memoryStorage()
      const first = client(inner, { auth: { persistence: storage } })
      await first.auth().ready
      await first.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u1' } })
      first.close()

      const faulty = faultyBackend(inner)
      faulty.offline()
      const reloaded = client(faulty, { auth: { persistence: storage }, sync: { retryBaseMs: 10 } })
      const seen = record(reloaded)
      await reloaded.auth().ready
      expect(seen.map((x) => `${x.status}/${x.reason}/${x.userId}`)).toEqual([
        'unknown/initial/null',
        'signed-in/restored/u1',
      ])
      faulty.online()
      await eventually(
        () =>
          expect(
            faulty.log.some((l) => l.type === 'authenticate' && l.direction === 'response'),
          ).toBe(true),
        3000,
      )
      expect(reloaded.auth().status).toBe('signed-in')
    })

    it('ends the session when the backend refuses the credential after a reconnect', async () => {
      let revoked = false
      const inner = await backendWith({
        verifyToken: (credential) => {
          if (revoked) throw new MetalError('unauthenticated', 'revoked')
          return { userId: credential.token, role: null, roles: [], expiresAt: null, claims: {} }
        },
      })
      const faulty = faultyBackend(inner)
      const metal = client(faulty, { sync: { retryBaseMs: 10 } })
      const seen = record(metal)
      await metal.auth().authenticate({ type: 'custom', token: 'u1' })
      revoked = true
      faulty.blip()
      await eventually(() => expect(metal.auth().status).toBe('signed-out'), 3000)
      expect(seen.at(-1)).toMatchObject({ status: 'signed-out', reason: 'expired' })
    })
  })
}
