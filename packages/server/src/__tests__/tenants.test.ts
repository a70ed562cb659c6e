import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { SignJWT } from 'jose'
import { MetalError, type Metal } from '@metal/core'
import { CLOSE_CODES, PROTOCOL_VERSION } from '@metal/core/protocol'
import { remote } from '@metal/core/remote'
import { createServer, type MetalServer } from '../server.js'
import { admitClient, type Projects } from '../projects.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually } from './serverProcess.js'

// Tenants: two projects on one server and one database, each with its own API key, service
// key, JWT secret, rules and data. Nothing a client of one project sends reaches the other:
// it cannot read, write or list the other's documents, its tokens are refused there, and a
// wrong key and a project that does not exist are refused alike, so it cannot learn which
// projects exist. A service key bypasses rules, but not from a browser unless allowed.

const ALPHA_SECRET = 'alpha: an HS256 secret of at least 32 bytes'
const BETA_SECRET = 'beta: an HS256 secret of at least 32 bytes!!'
const ALPHA_SERVICE = 'alpha-service-key-0123456789abcdefghijkl'
const BETA_SERVICE = 'beta-service-key-0123456789abcdefghijklmn'
const BETA_ADMIN = 'https://admin.beta.test'

/** Only signed-in users read and write; their notes carry their user id. */
const signedIn = ({ auth }: { auth: { userId: string } | null }) => auth !== null

const PROJECTS: Projects = {
  alpha: {
    apiKeys: ['alpha-key'],
    serviceKeys: [ALPHA_SERVICE],
    auth: { jwt: { secret: ALPHA_SECRET } },
    rules: signedIn,
  },
  beta: {
    apiKeys: ['beta-key', 'beta-key-2'],
    serviceKeys: [BETA_SERVICE],
    auth: { jwt: { secret: BETA_SECRET } },
    rules: signedIn,
    allowServiceKeyFromOrigins: [BETA_ADMIN],
  },
}

/** A JWT for `sub`, signed with `secret`, valid for an hour. */
function jwt(sub: string, secret: string): Promise<string> {
  return new SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret))
}

/** What the server answers a raw hello: the welcome, or the close code and reason. */
async function hello(
  url: string,
  hello: { projectId: string; apiKey?: string },
  origin?: string,
): Promise<'welcome' | { code: number; reason: string }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`, origin ? { origin } : {})
  ws.on('error', () => {})
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  ws.send(JSON.stringify({ hello: { protocol: PROTOCOL_VERSION, ...hello } }))
  return new Promise((resolve) => {
    ws.once('message', (data) => {
      const text = String(data as Buffer)
      ws.close()
      resolve(text.startsWith('{"welcome"') ? 'welcome' : { code: -1, reason: text })
    })
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
}

/** A WebSocket class that sends `origin` as a browser would. */
function fromOrigin(origin: string) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin })
    }
  }
}

describe.each(databases)('tenants on a server on $name', ({ create }) => {
  let db: TestDatabase
  let server: MetalServer
  let url: string

  beforeAll(async () => {
    db = await create()
    server = createServer({
      driver: db.driver,
      projects: PROJECTS,
      port: 0,
      log: false,
      pollMs: 50,
    })
    url = (await server.listen()).url
  })
  afterAll(async () => {
    await server?.close()
    await db?.drop()
  })

  /** A client of `projectId` with `apiKey`, signed in as `user` with a JWT signed by `secret`. */
  async function signedInClient(
    projectId: string,
    apiKey: string,
    user: string,
    secret: string,
  ): Promise<Metal> {
    const metal = connect(url, { projectId, apiKey })
    await metal.auth().authenticate({ type: 'jwt', token: await jwt(user, secret) })
    return metal
  }

  it("admits each project's own API keys", async () => {
    expect(await hello(url, { projectId: 'alpha', apiKey: 'alpha-key' })).toBe('welcome')
    expect(await hello(url, { projectId: 'beta', apiKey: 'beta-key' })).toBe('welcome')
    expect(await hello(url, { projectId: 'beta', apiKey: 'beta-key-2' })).toBe('welcome')
  })

  it('refuses a wrong key, a missing key and a project that does not exist with one identical close', async () => {
    const refusals = [
      await hello(url, { projectId: 'beta', apiKey: 'alpha-key' }), // another project's key
      await hello(url, { projectId: 'alpha', apiKey: 'beta-key' }),
      await hello(url, { projectId: 'alpha', apiKey: 'alpha-key ' }),
      await hello(url, { projectId: 'alpha' }), // no key
      await hello(url, { projectId: 'gamma', apiKey: 'alpha-key' }), // no such project
      await hello(url, { projectId: 'gamma' }),
      await hello(url, { projectId: 'constructor', apiKey: 'alpha-key' }), // not an own property
      await hello(url, { projectId: '__proto__', apiKey: 'alpha-key' }),
      await hello(url, { projectId: 'Alpha', apiKey: 'alpha-key' }),
    ]
    for (const refusal of refusals) {
      expect(refusal).toEqual({
        code: CLOSE_CODES.badHello,
        reason: 'hello refused: the project id or API key is not valid',
      })
    }
  })

  it("keeps each project's documents to itself: reads, queries and live queries see only their own", async () => {
    const alice = await signedInClient('alpha', 'alpha-key', 'alice', ALPHA_SECRET)
    const bob = await signedInClient('beta', 'beta-key', 'bob', BETA_SECRET)
    await alice.db().collection('notes').doc('n1').set({ project: 'alpha', by: 'alice' })
    await bob.db().collection('notes').doc('n1').set({ project: 'beta', by: 'bob' })
    await bob.db().collection('notes').doc('only-beta').set({ project: 'beta', by: 'bob' })

    expect((await alice.db().collection('notes').doc('n1').get()).data()).toEqual({
      project: 'alpha',
      by: 'alice',
    })
    expect((await alice.db().collection('notes').doc('only-beta').get()).exists).toBe(false)
    const listed = await alice.db().collection('notes').get()
    expect(listed.docs.map((d) => [d.id, d.data()])).toEqual([
      ['n1', { project: 'alpha', by: 'alice' }],
    ])
    expect((await bob.db().collection('notes').where('project', '==', 'alpha').get()).empty).toBe(
      true,
    )

    // A live query of alpha hears alpha's writes and none of beta's.
    const seen: string[] = []
    const stop = alice
      .db()
      .collection('notes')
      .subscribe((changes) =>
        changes.forEach((c) => seen.push(`${c.type} ${c.id} ${String(c.doc.data()?.project)}`)),
      )
    await eventually(() => expect(seen).toEqual(['added n1 alpha']))
    await bob.db().collection('notes').doc('n2').set({ project: 'beta' })
    await bob.db().collection('notes').doc('n1').delete()
    await alice.db().collection('notes').doc('n3').set({ project: 'alpha' })
    await eventually(() => expect(seen).toEqual(['added n1 alpha', 'added n3 alpha']))
    stop()
  })

  it("refuses a JWT signed with another project's secret", async () => {
    const metal = connect(url, { projectId: 'beta', apiKey: 'beta-key' })
    const error = (await metal
      .auth()
      .authenticate({ type: 'jwt', token: await jwt('alice', ALPHA_SECRET) })
      .catch((e: unknown) => e)) as MetalError
    expect(MetalError.is(error, 'unauthenticated')).toBe(true)
    expect(error.message).toMatch(/the JWT signature is not valid/)
    // Signed out, beta's rules refuse it.
    await expect(metal.db().collection('notes').get()).rejects.toMatchObject({
      code: 'permission-denied',
    })
  })

  it('refuses custom credentials in a project that configures no verifyToken', async () => {
    const metal = connect(url, { projectId: 'alpha', apiKey: 'alpha-key' })
    await expect(
      metal.auth().authenticate({
        type: 'custom',
        token: 'trust-me',
        metadata: { userId: 'root', role: 'admin' },
      }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringMatching(/does not accept custom tokens/) as unknown,
    })
  })

  it("keeps each project's presence rooms to itself", async () => {
    const alice = await signedInClient('alpha', 'alpha-key', 'alice', ALPHA_SECRET)
    const bob = await signedInClient('beta', 'beta-key', 'bob', BETA_SECRET)
    const carol = await signedInClient('beta', 'beta-key', 'carol', BETA_SECRET)
    const seenByBob: string[][] = []
    const seenByAlice: string[][] = []
    bob.presence('lobby').subscribe((members) => seenByBob.push(members.map((m) => m.userId)))
    alice.presence('lobby').subscribe((members) => seenByAlice.push(members.map((m) => m.userId)))
    alice.presence('lobby').track({ userId: 'alice', status: 'online' })
    carol.presence('lobby').track({ userId: 'carol', status: 'online' })
    await eventually(() => expect(seenByBob.at(-1)).toEqual(['carol']))
    expect(seenByBob.flat()).not.toContain('alice')
    await eventually(() => expect(seenByAlice.at(-1)).toEqual(['alice']))
    expect(seenByAlice.flat()).not.toContain('carol')
  })

  it('lets a service key read and write without signing in (rules do not apply), and an API key not', async () => {
    const service = connect(url, { projectId: 'alpha', apiKey: ALPHA_SERVICE })
    await service.db().collection('audit').doc('a1').set({ by: 'service' })
    expect((await service.db().collection('audit').get()).size).toBe(1)
    const anonymous = connect(url, { projectId: 'alpha', apiKey: 'alpha-key' })
    await expect(anonymous.db().collection('audit').doc('a1').get()).rejects.toMatchObject({
      code: 'permission-denied',
    })
    await expect(
      anonymous.db().collection('audit').doc('a2').set({ by: 'anonymous' }),
    ).rejects.toMatchObject({
      code: 'permission-denied',
    })
    // A service key of alpha is not one of beta.
    expect(await hello(url, { projectId: 'beta', apiKey: ALPHA_SERVICE })).toEqual({
      code: CLOSE_CODES.badHello,
      reason: 'hello refused: the project id or API key is not valid',
    })
  })

  it('refuses a service key from a browser origin unless the project allows that origin', async () => {
    const refused = await hello(
      url,
      { projectId: 'alpha', apiKey: ALPHA_SERVICE },
      'https://app.alpha.test',
    )
    expect(refused).toMatchObject({ code: CLOSE_CODES.badHello })
    expect((refused as { reason: string }).reason).toMatch(
      /^hello refused: a service key may not be used from a browser/,
    )
    expect(
      await hello(url, { projectId: 'beta', apiKey: BETA_SERVICE }, 'https://other.test'),
    ).toMatchObject({
      code: CLOSE_CODES.badHello,
    })
    // The API key is meant for browsers.
    expect(
      await hello(url, { projectId: 'alpha', apiKey: 'alpha-key' }, 'https://app.alpha.test'),
    ).toBe('welcome')
    // Beta's admin console is allowed: its service connection bypasses rules.
    expect(await hello(url, { projectId: 'beta', apiKey: BETA_SERVICE }, BETA_ADMIN)).toBe(
      'welcome',
    )
    const admin = connect(url, {
      projectId: 'beta',
      apiKey: BETA_SERVICE,
      WebSocket: fromOrigin(BETA_ADMIN),
    })
    await admin.db().collection('audit').doc('b1').set({ by: 'admin console' })
    expect((await admin.db().collection('audit').doc('b1').get()).data()).toEqual({
      by: 'admin console',
    })
  })

  it("admits REST calls as it admits sockets: the project's key and token, one refusal otherwise", async () => {
    const bob = await signedInClient('beta', 'beta-key', 'bob', BETA_SECRET)
    await bob.db().collection('notes').doc('rest').set({ project: 'beta' })
    const get = (project: string, key: string, token?: string) =>
      fetch(`${url}/v1/projects/${project}/collections/notes/docs/rest`, {
        headers: { 'x-metal-api-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      })
    const ok = await get('beta', 'beta-key', await jwt('bob', BETA_SECRET))
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { data: unknown }).data).toEqual({ project: 'beta' })
    // Beta's rules refuse a caller that is not signed in; alpha's secret does not sign one in.
    expect((await get('beta', 'beta-key')).status).toBe(403)
    expect((await get('beta', 'beta-key', await jwt('alice', ALPHA_SECRET))).status).toBe(401)
    // The service key needs no token, but not from a browser.
    expect((await get('beta', BETA_SERVICE)).status).toBe(200)
    const fromBrowser = await fetch(`${url}/v1/projects/beta/collections/notes/docs/rest`, {
      headers: { 'x-metal-api-key': BETA_SERVICE, origin: 'https://other.test' },
    })
    expect(fromBrowser.status).toBe(401)
    // Another project's key and a project that does not exist: the same answer, byte for byte.
    const refusals = await Promise.all(
      [
        get('beta', 'alpha-key'),
        get('gamma', 'alpha-key'),
        get('alpha', 'beta-key'),
        get('constructor', 'alpha-key'),
      ].map(async (pending) => {
        const r = await pending
        return [r.status, await r.text()]
      }),
    )
    expect(refusals[0]?.[0]).toBe(401)
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0])
  })

  it('tells a Metal client of a project it does not serve why it is refused, as for a wrong key', async () => {
    const messages: string[] = []
    for (const [projectId, apiKey] of [
      ['gamma', 'alpha-key'],
      ['alpha', 'gamma-key'],
    ] as const) {
      const connection = remote({ url, WebSocket }).connect({
        projectId,
        apiKey,
        onPush: () => {},
        onClose: () => {},
      })
      const error = (await connection
        .request({ type: 'get', collection: 'notes', id: 'n1' })
        .catch((e: unknown) => e)) as MetalError
      connection.close()
      expect(error.code).toBe('unavailable')
      messages.push(error.message)
    }
    expect(messages[0]).toContain('hello refused: the project id or API key is not valid')
    expect(messages[1]).toBe(messages[0])
  })
})

describe('admitClient', () => {
  it("gives an API key its project's rules and token check, and a service key a privileged policy", () => {
    const policy = admitClient(PROJECTS, { projectId: 'alpha', apiKey: 'alpha-key' })
    expect(policy.rules).toBe(PROJECTS.alpha?.rules)
    expect(typeof policy.verifyToken).toBe('function')
    expect(policy.privileged).toBeFalsy()
    const service = admitClient(PROJECTS, { projectId: 'alpha', apiKey: ALPHA_SERVICE })
    expect(service).toMatchObject({ privileged: true })
    expect(service.rules).toBeUndefined()
    // The same policy every time: the project's JWT check (and its JWKS cache) is made once.
    expect(admitClient(PROJECTS, { projectId: 'alpha', apiKey: 'alpha-key' })).toBe(policy)
  })

  it('throws one identical unauthenticated error for an unknown project, a wrong key and no key', () => {
    const errors = [
      { projectId: 'gamma', apiKey: 'alpha-key' },
      { projectId: 'alpha', apiKey: 'beta-key' },
      { projectId: 'alpha' },
      { projectId: 'hasOwnProperty', apiKey: 'x' },
    ].map((request) => {
      try {
        admitClient(PROJECTS, request)
      } catch (error) {
        return error as MetalError
      }
      throw new Error(`admitted ${JSON.stringify(request)}`)
    })
    for (const error of errors) {
      expect(error).toBeInstanceOf(MetalError)
      expect([error.code, error.message]).toEqual([
        'unauthenticated',
        'the project id or API key is not valid',
      ])
    }
  })

  it('refuses a service key with an Origin unless that origin is allowed, in any spelling', () => {
    expect(() =>
      admitClient(PROJECTS, {
        projectId: 'alpha',
        apiKey: ALPHA_SERVICE,
        origin: 'https://x.test',
      }),
    ).toThrow(expect.objectContaining({ code: 'permission-denied' }) as Error)
    expect(() =>
      admitClient(PROJECTS, { projectId: 'beta', apiKey: BETA_SERVICE, origin: 'null' }),
    ).toThrow(/a service key may not be used from a browser/)
    for (const origin of [BETA_ADMIN, 'https://ADMIN.beta.test:443']) {
      expect(
        admitClient(PROJECTS, { projectId: 'beta', apiKey: BETA_SERVICE, origin }),
      ).toMatchObject({
        privileged: true,
      })
    }
  })

  it('refuses bad arguments with invalid-argument naming them', () => {
    expect(() => admitClient(null as unknown as Projects, { projectId: 'a' })).toThrow(
      /admitClient\(\): 'projects' must be an object, got null/,
    )
    expect(() => admitClient(PROJECTS, { projectId: 7 as unknown as string })).toThrow(
      /admitClient\(\): 'projectId' must be a string, got 7/,
    )
    expect(() =>
      admitClient(PROJECTS, { projectId: 'a', origin: [] as unknown as string }),
    ).toThrow(/'origin' must be a string/)
  })
})
