import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose'
import { MetalError } from '@metal/core'
import { remote } from '@metal/core/remote'
import type { BackendPush } from '@metal/core/protocol'
import { jwtVerifier, type JwtOptions } from '../auth/jwt.js'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually } from './serverProcess.js'

// Verified sign-in: jwtVerifier checks JWTs with jose (HS256 with a secret; RS256 and ES256
// through a JWKS file or a JWKS URL served on 127.0.0.1), on a real server over real sockets,
// and refuses every bad token with `unauthenticated`, saying why without quoting the token.

const SECRET = 'an HS256 secret of more than 32 bytes, for tests only'
const ISSUER = 'https://issuer.test'
const AUDIENCE = 'metal-tests'
const NOW = () => Math.floor(Date.now() / 1000)
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

/** A JWT signed with `key` (HS256 with SECRET unless told), valid for an hour unless told. */
async function token(
  claims: JWTPayload,
  options: { key?: PrivateKey | Uint8Array; alg?: string; kid?: string; exp?: number | null } = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({
    alg: options.alg ?? 'HS256',
    ...(options.kid ? { kid: options.kid } : {}),
  })
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? NOW() + 3600)
  return jwt.sign(options.key ?? new TextEncoder().encode(SECRET))
}

/** What `verify` says of `credential`: the session, or the refusal. */
async function outcome(
  verify: ReturnType<typeof jwtVerifier>,
  jwt: string,
): Promise<{ userId: string } | MetalError> {
  try {
    return await verify({ type: 'jwt', token: jwt }, Date.now())
  } catch (error) {
    return error as MetalError
  }
}

function invalid(make: () => unknown): MetalError {
  try {
    make()
  } catch (error) {
    expect(MetalError.is(error, 'invalid-argument')).toBe(true)
    return error as MetalError
  }
  throw new Error('expected an invalid-argument error')
}

const folders: string[] = []
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

/** An asymmetric key pair: the private key and its public JWK (with `kid` and `alg`). */
async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg)
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { privateKey, jwk }
}

/** A JWKS file holding `keys`. */
async function jwksFile(keys: JWK[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'metal-jwks-'))
  folders.push(dir)
  const file = join(dir, 'jwks.json')
  await writeFile(file, JSON.stringify({ keys }))
  return file
}

/** An HTTP server on 127.0.0.1 serving `keys()` as a JWKS at /jwks.json; counts its fetches. */
async function jwksServer(keys: () => JWK[]) {
  let fetches = 0
  const http: Server = createHttpServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end()
      return
    }
    fetches++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ keys: keys() }))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  }
}

describe('jwtVerifier options', () => {
  it.each([
    [{}, /'options' needs exactly one of 'secret' and 'jwks'/],
    [{ secret: SECRET, jwks: { keys: [] } }, /exactly one of 'secret' and 'jwks'/],
    [
      { secret: 'short' },
      /'options.secret' must be a string or bytes of at least 32 bytes.*got 5 bytes/,
    ],
    [
      { secret: SECRET, algorithms: ['RS256'] },
      /'options.algorithms\[0\]' must be one of HS256, HS384, HS512 with a secret, got 'RS256'/,
    ],
    [{ secret: SECRET, algorithms: ['none'] }, /'options.algorithms\[0\]'.*got 'none'/],
    [
      { jwks: { keys: [{ kty: 'oct', k: 'abc' }] } },
      /'options.jwks' key 0 is a private or secret key/,
    ],
    [{ jwks: { keys: [] } }, /'options.jwks' must be a URL, a file path or a JSON Web Key Set/],
    [
      { jwks: '/nowhere/jwks.json' },
      /'options.jwks' names the file '\/nowhere\/jwks.json', which cannot be read \(ENOENT\)/,
    ],
    [
      { jwks: 'ftp://keys.example/jwks.json' },
      /'options.jwks' must be an https:\/\/ or http:\/\/ URL/,
    ],
    [
      { secret: SECRET, issuer: '' },
      /'options.issuer' must be a non-empty string or array of strings/,
    ],
    [{ secret: SECRET, audience: [1] }, /'options.audience' must be/],
    [
      { secret: SECRET, clockToleranceSec: -1 },
      /'options.clockToleranceSec' must be a number of seconds >= 0, got -1/,
    ],
    [{ secret: SECRET, requireExpiry: 'yes' }, /'options.requireExpiry' must be a boolean/],
    [{ secret: SECRET, issuers: ISSUER }, /'options' has an unknown option 'issuers'/],
  ])('refuses %j with invalid-argument naming the field', (options, message) => {
    const error = invalid(() => jwtVerifier(options as JwtOptions))
    expect(error.message).toMatch(/^jwtVerifier\(\): /)
    expect(error.message).toMatch(message)
  })

  it('never quotes the secret when it is too short', () => {
    const error = invalid(() => jwtVerifier({ secret: 'hunter2-secret' }))
    expect(error.message).not.toContain('hunter2')
  })
})

describe('jwtVerifier with an HS256 secret', () => {
  const verify = jwtVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE })
  const good = { sub: 'ada', iss: ISSUER, aud: AUDIENCE }

  it('accepts a good token: userId is sub, role and roles from their claims, expiresAt from exp', async () => {
    const exp = NOW() + 600
    const session = await verify(
      {
        type: 'jwt',
        token: await token(
          { ...good, role: 'admin', roles: ['editor', 'admin', 7], amr: ['pwd'] },
          { exp },
        ),
      },
      Date.now(),
    )
    expect(session).toEqual({
      userId: 'ada',
      role: 'admin',
      roles: ['editor', 'admin'],
      expiresAt: exp * 1000,
      claims: expect.objectContaining({ sub: 'ada', role: 'admin', amr: ['pwd'], exp }) as unknown,
    })
  })

  it('puts role first in roles when the roles claim lacks it, and gives null without one', async () => {
    const withRole = await verify(
      { type: 'jwt', token: await token({ ...good, role: 'admin' }) },
      Date.now(),
    )
    expect(withRole.roles).toEqual(['admin'])
    const without = await verify({ type: 'jwt', token: await token(good) }, Date.now())
    expect(without).toMatchObject({ role: null, roles: [] })
  })

  it.each([
    [
      'a bad signature',
      () => token(good, { key: new TextEncoder().encode(`${SECRET} but another`) }),
      /the JWT signature is not valid/,
    ],
    ['an expired token', () => token(good, { exp: NOW() - 10 }), /the JWT has expired/],
    [
      'a wrong issuer',
      () => token({ ...good, iss: 'https://evil.test' }),
      /issued by an issuer this project does not accept/,
    ],
    [
      'a wrong audience',
      () => token({ ...good, aud: 'someone-else' }),
      /for an audience this project does not accept/,
    ],
    ['no sub', () => token({ iss: ISSUER, aud: AUDIENCE }), /the JWT has no 'sub' claim/],
    ['no exp', () => token(good, { exp: null }), /the JWT has no 'exp' claim/],
    [
      'an algorithm not allowed',
      () => token(good, { alg: 'HS512' }),
      /signed with an algorithm this project does not accept \(HS256\)/,
    ],
    [
      'a token that is not valid yet',
      () =>
        new SignJWT({ ...good, nbf: NOW() + 600 })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('2h')
          .sign(new TextEncoder().encode(SECRET)),
      /not valid yet/,
    ],
  ])('refuses %s with unauthenticated, without quoting the token', async (_, make, message) => {
    const jwt = await make()
    const result = await outcome(verify, jwt)
    expect(MetalError.is(result, 'unauthenticated')).toBe(true)
    expect((result as MetalError).message).toMatch(message)
    for (const part of jwt.split('.')) expect((result as MetalError).message).not.toContain(part)
  })

  it('refuses an unsigned token (alg none) and a malformed one', async () => {
    const payload = Buffer.from(JSON.stringify({ ...good, exp: NOW() + 60 })).toString('base64url')
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`
    expect(MetalError.is(await outcome(verify, none), 'unauthenticated')).toBe(true)
    expect(((await outcome(verify, 'a.b.c')) as MetalError).message).toMatch(/the JWT is malformed/)
  })

  it('allows clock skew within clockToleranceSec', async () => {
    const lenient = jwtVerifier({ secret: SECRET, clockToleranceSec: 30 })
    const jwt = await token({ sub: 'ada' }, { exp: NOW() - 5 })
    expect(await outcome(lenient, jwt)).toMatchObject({ userId: 'ada' })
    expect(((await outcome(jwtVerifier({ secret: SECRET }), jwt)) as MetalError).message).toMatch(
      /expired/,
    )
  })

  it('accepts a token without exp only when requireExpiry is false, with no expiry', async () => {
    const jwt = await token({ sub: 'ada' }, { exp: null })
    expect(await outcome(jwtVerifier({ secret: SECRET, requireExpiry: false }), jwt)).toMatchObject(
      {
        userId: 'ada',
        expiresAt: null,
      },
    )
  })

  it('refuses custom credentials', async () => {
    await expect(
      verify({ type: 'custom', token: 'trust-me', metadata: { userId: 'root' } }, Date.now()),
    ).rejects.toThrow(/accepts only JWTs, not 'custom' credentials/)
  })
})

describe('jwtVerifier with a JWKS', () => {
  it.each(['RS256', 'ES256'] as const)(
    'accepts %s tokens signed by a key of a JWKS file, and refuses others',
    async (alg) => {
      const signer = await keyPair(alg, `${alg}-1`)
      const stranger = await keyPair(alg, `${alg}-1`) // same kid, another key
      const verify = jwtVerifier({ jwks: await jwksFile([signer.jwk]), issuer: ISSUER })
      const claims = { sub: 'grace', iss: ISSUER }
      expect(
        await outcome(
          verify,
          await token(claims, { key: signer.privateKey, alg, kid: `${alg}-1` }),
        ),
      ).toMatchObject({
        userId: 'grace',
      })
      const forged = await outcome(
        verify,
        await token(claims, { key: stranger.privateKey, alg, kid: `${alg}-1` }),
      )
      expect((forged as MetalError).code).toBe('unauthenticated')
      expect((forged as MetalError).message).toMatch(/the JWT signature is not valid/)
      const unknownKid = await outcome(
        verify,
        await token(claims, { key: signer.privateKey, alg, kid: 'other' }),
      )
      expect((unknownKid as MetalError).message).toMatch(
        /no single key of the project's JWKS matches/,
      )
    },
  )

  it('refuses an HS256 token signed with the public key as a secret (algorithm confusion)', async () => {
    const signer = await keyPair('RS256', 'k1')
    const verify = jwtVerifier({ jwks: { keys: [signer.jwk] } })
    const asSecret = new TextEncoder().encode(JSON.stringify(signer.jwk))
    const result = await outcome(
      verify,
      await token({ sub: 'mallory' }, { key: asSecret, kid: 'k1' }),
    )
    expect(MetalError.is(result, 'unauthenticated')).toBe(true)
    expect((result as MetalError).message).toMatch(
      /signed with an algorithm this project does not accept/,
    )
  })

  it.each(['RS256', 'ES256'] as const)(
    'accepts %s tokens through a JWKS URL fetched once; an unknown kid within the 30 s cooldown is refused without a refetch',
    async (alg) => {
      const first = await keyPair(alg, 'first')
      const keys = [first.jwk]
      const jwks = await jwksServer(() => keys)
      try {
        const verify = jwtVerifier({ jwks: jwks.url, audience: AUDIENCE })
        const claims = { sub: 'lin', aud: AUDIENCE }
        for (let i = 0; i < 3; i++) {
          expect(
            await outcome(
              verify,
              await token(claims, { key: first.privateKey, alg, kid: 'first' }),
            ),
          ).toMatchObject({
            userId: 'lin',
          })
        }
        expect(jwks.fetches()).toBe(1)
        // The issuer rotates its keys: a token with an unknown kid fetches the set again (once the
        // cooldown after the last fetch has passed, so a flood of unknown kids cannot hammer it).
        const second = await keyPair(alg, 'second')
        keys.push(second.jwk)
        const rotated = await outcome(
          verify,
          await token(claims, { key: second.privateKey, alg, kid: 'second' }),
        )
        expect((rotated as MetalError).message).toMatch(/no single key/)
        expect(jwks.fetches()).toBe(1)
      } finally {
        await jwks.close()
      }
    },
  )

  it('fails with unavailable, naming the URL, when the JWKS cannot be fetched', async () => {
    const jwks = await jwksServer(() => [])
    await jwks.close()
    const signer = await keyPair('ES256', 'k')
    const verify = jwtVerifier({ jwks: jwks.url })
    const result = await outcome(
      verify,
      await token({ sub: 'x' }, { key: signer.privateKey, alg: 'ES256', kid: 'k' }),
    )
    expect((result as MetalError).code).toBe('unavailable')
    expect((result as MetalError).message).toContain(jwks.url)
  })
})

describe.each(databases)('JWT sign-in on a server on $name', ({ create }) => {
  let db: TestDatabase
  let servers: MetalServer[] = []
  let projects = 0

  beforeAll(async () => {
    db = await create()
  })
  afterEach(async () => {
    for (const s of servers) await s.close()
    servers = []
  })
  afterAll(async () => {
    await db?.drop()
  })

  async function serve(options: Omit<ServerOptions, 'port' | 'log' | 'driver'>): Promise<string> {
    const server = createServer({ driver: db.driver, pollMs: 50, ...options, port: 0, log: false })
    servers.push(server)
    return (await server.listen()).url
  }

  it('signs a client in with a verified HS256 JWT; its writes carry the verified user', async () => {
    const url = await serve({ verifyToken: jwtVerifier({ secret: SECRET, issuer: ISSUER }) })
    const metal = connect(url, { projectId: `jwt${++projects}` })
    const session = await metal.auth().authenticate({
      type: 'jwt',
      token: await token({ sub: 'ada', iss: ISSUER, role: 'admin' }),
    })
    expect(session).toMatchObject({ userId: 'ada', role: 'admin', roles: ['admin'] })
    await metal.db().collection('notes').doc('n1').set({ by: 'ada' })
    expect((await metal.db().collection('notes').doc('n1').get()).data()).toEqual({ by: 'ada' })
  })

  it.each([
    ['a bad signature', { sub: 'ada', iss: ISSUER }, `${SECRET}!`, /signature is not valid/],
    ['a wrong issuer', { sub: 'ada', iss: 'https://evil.test' }, SECRET, /issuer/],
    ['no sub', { iss: ISSUER }, SECRET, /no 'sub' claim/],
  ])(
    'refuses %s over the socket with unauthenticated; the client stays signed out',
    async (_, claims, secret, message) => {
      const url = await serve({ verifyToken: jwtVerifier({ secret: SECRET, issuer: ISSUER }) })
      const metal = connect(url, { projectId: `jwt${++projects}` })
      const jwt = await token(claims, { key: new TextEncoder().encode(secret) })
      const error = (await metal
        .auth()
        .authenticate({ type: 'jwt', token: jwt })
        .catch((e: unknown) => e)) as MetalError
      expect(error.code).toBe('unauthenticated')
      expect(error.message).toMatch(message)
      expect(error.message).not.toContain(jwt.split('.')[2])
      expect(metal.auth().session).toBeNull()
    },
  )

  it('refuses an expired JWT over the socket', async () => {
    const url = await serve({ verifyToken: jwtVerifier({ secret: SECRET }) })
    const metal = connect(url, { projectId: `jwt${++projects}` })
    await expect(
      metal
        .auth()
        .authenticate({ type: 'jwt', token: await token({ sub: 'ada' }, { exp: NOW() - 1 }) }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringMatching(/expired/) as unknown,
    })
  })

  it('signs in with an ES256 JWT checked against a JWKS URL on 127.0.0.1', async () => {
    const signer = await keyPair('ES256', 'es')
    const jwks = await jwksServer(() => [signer.jwk])
    try {
      const url = await serve({ verifyToken: jwtVerifier({ jwks: jwks.url }) })
      const metal = connect(url, { projectId: `jwt${++projects}` })
      const session = await metal.auth().authenticate({
        type: 'jwt',
        token: await token({ sub: 'es-user' }, { key: signer.privateKey, alg: 'ES256', kid: 'es' }),
      })
      expect(session.userId).toBe('es-user')
    } finally {
      await jwks.close()
    }
  })
})

describe.each(databases)('sign-in per project on a server on $name', ({ create }) => {
  let db: TestDatabase
  let server: MetalServer
  let url: string
  let jwks: Awaited<ReturnType<typeof jwksServer>>
  let rsa: Awaited<ReturnType<typeof keyPair>>

  /** Reads and writes of the vault need a second factor: the token's `amr` claim lists 'mfa'. */
  const mfa = ({ auth }: { auth: { claims: Readonly<Record<string, unknown>> } | null }) =>
    Array.isArray(auth?.claims.amr) && auth.claims.amr.includes('mfa')

  beforeAll(async () => {
    db = await create()
    rsa = await keyPair('RS256', 'rsa-1')
    jwks = await jwksServer(() => [rsa.jwk])
    server = createServer({
      driver: db.driver,
      port: 0,
      log: false,
      pollMs: 50,
      projects: {
        bank: {
          apiKeys: ['bank-key'],
          auth: { jwt: { secret: SECRET, issuer: ISSUER } },
          rules: { documents: { 'vault/{itemId}': { read: mfa, write: mfa } } },
        },
        partner: {
          apiKeys: ['partner-key'],
          auth: { jwt: { jwks: jwks.url, audience: AUDIENCE } },
        },
        legacy: {
          apiKeys: ['legacy-key'],
          auth: {
            jwt: { secret: SECRET },
            verifyToken: (credential) => {
              if (credential.type === 'custom' && credential.token === 'legacy-session-ok') {
                return { userId: 'legacy-user', role: null, roles: [], expiresAt: null, claims: {} }
              }
              throw new MetalError('unauthenticated', 'authenticate(): unknown legacy session')
            },
          },
        },
      },
    })
    url = (await server.listen()).url
  })
  afterAll(async () => {
    await server?.close()
    await jwks?.close()
    await db?.drop()
  })

  it("refuses the vault to a session whose amr lacks 'mfa', and opens it to one with it", async () => {
    const password = connect(url, { projectId: 'bank', apiKey: 'bank-key' })
    await password
      .auth()
      .authenticate({ type: 'jwt', token: await token({ sub: 'ada', iss: ISSUER, amr: ['pwd'] }) })
    const vault = password.db().collection('vault')
    await expect(vault.doc('gold').set({ bars: 3 })).rejects.toMatchObject({
      code: 'permission-denied',
    })
    await expect(vault.doc('gold').get()).rejects.toMatchObject({ code: 'permission-denied' })

    const twoFactor = connect(url, { projectId: 'bank', apiKey: 'bank-key' })
    await twoFactor.auth().authenticate({
      type: 'jwt',
      token: await token({ sub: 'ada', iss: ISSUER, amr: ['pwd', 'mfa'] }),
    })
    await twoFactor.db().collection('vault').doc('gold').set({ bars: 3 })
    expect((await twoFactor.db().collection('vault').doc('gold').get()).data()).toEqual({ bars: 3 })
    // The rules name no other collection: it is refused even with a second factor.
    await expect(twoFactor.db().collection('notes').doc('n').set({ n: 1 })).rejects.toMatchObject({
      code: 'permission-denied',
    })
  })

  it("ends a live query with unauthenticated when the JWT's exp passes", async () => {
    // A raw connection: what the server decides, without the client's own session logic.
    const pushes: BackendPush[] = []
    const conn = remote({ url, WebSocket }).connect({
      projectId: 'bank',
      apiKey: 'bank-key',
      onPush: (push) => pushes.push(push),
      onClose: () => {},
    })
    onTestFinished(() => conn.close())
    const exp = NOW() + 2
    const { session } = await conn.request({
      type: 'authenticate',
      credential: {
        type: 'jwt',
        token: await token({ sub: 'ada', iss: ISSUER, amr: ['mfa'] }, { exp }),
      },
    })
    expect(session.expiresAt).toBe(exp * 1000)
    await conn.request({ type: 'listen', targetId: 1, query: { collection: 'vault', orderBy: [] } })
    await eventually(
      () =>
        expect(pushes.filter((p) => p.type === 'targetError')).toEqual([
          expect.objectContaining({ targetId: 1, code: 'unauthenticated' }),
        ]),
      10_000,
    )
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000)
  })

  it("signs in with an RS256 JWT checked against the project's JWKS URL; the audience must match", async () => {
    const metal = connect(url, { projectId: 'partner', apiKey: 'partner-key' })
    const signed = (aud: string) =>
      token({ sub: 'pat', aud }, { key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' })
    await expect(
      metal.auth().authenticate({ type: 'jwt', token: await signed('elsewhere') }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringMatching(/audience/) as unknown,
    })
    expect(
      (await metal.auth().authenticate({ type: 'jwt', token: await signed(AUDIENCE) })).userId,
    ).toBe('pat')
    // The bank's secret does not sign partner's users in.
    await expect(
      metal.auth().authenticate({ type: 'jwt', token: await token({ sub: 'ada', aud: AUDIENCE }) }),
    ).rejects.toMatchObject({ code: 'unauthenticated' })
  })

  it('takes custom credentials only in a project with its own verifyToken, and JWTs through its jwt options', async () => {
    const bank = connect(url, { projectId: 'bank', apiKey: 'bank-key' })
    await expect(
      bank
        .auth()
        .authenticate({ type: 'custom', token: 'legacy-session-ok', metadata: { userId: 'root' } }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringMatching(/custom tokens/) as unknown,
    })
    const legacy = connect(url, { projectId: 'legacy', apiKey: 'legacy-key' })
    expect(
      (
        await legacy.auth().authenticate({
          type: 'custom',
          token: 'legacy-session-ok',
          metadata: { userId: 'root' },
        })
      ).userId,
    ).toBe('legacy-user')
    await expect(
      legacy.auth().authenticate({ type: 'custom', token: 'forged' }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    })
    expect(
      (await legacy.auth().authenticate({ type: 'jwt', token: await token({ sub: 'jo' }) })).userId,
    ).toBe('jo')
  })
})
