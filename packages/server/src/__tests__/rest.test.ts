import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import type { ConnectionPolicy, RuleContext } from '@metal/core/server'
import { databases, type TestDatabase } from './databases.js'
import { createServer } from '../server.js'
import { AddressLimiter } from '../rest/rateLimit.js'
import { json, jwt, restServer, send, type Answer, type RestServer } from './restHarness.js'

// The REST API against the server logic on PGlite and PostgreSQL: documents created, read,
// replaced, updated and deleted; lists with filters, order, limits, cursors and pages; errors
// with their status; who is admitted.

const KEY = 'test-key'

/** Admits project names starting with 'p' with KEY; refuses every other project alike. */
function admitWithKey({ projectId, apiKey }: { projectId: string; apiKey: string | undefined }) {
  if (!projectId.startsWith('p')) throw new MetalError('not-found', `no project '${projectId}'`)
  if (apiKey !== KEY) throw new MetalError('permission-denied', 'wrong key')
  return {}
}

const H = { 'x-metal-api-key': KEY }

function errorOf(answer: Answer): { code: string; message: string } {
  expect(answer.headers['content-type']).toMatch(/^application\/json/)
  return (answer.json as { error: { code: string; message: string } }).error
}

describe.each(databases)('REST API on $name', ({ create }) => {
  let db: TestDatabase
  let server: RestServer
  let url: string
  let n = 0
  /** A fresh project's collection URL path. */
  const fresh = (collection = 'tasks') =>
    `/v1/projects/p${++n}-${Date.now()}/collections/${collection}/docs`

  beforeAll(async () => {
    db = await create()
    server = await restServer(db.driver, { admit: admitWithKey })
    url = server.url
  })
  afterAll(async () => {
    await server.close()
    await db.drop()
  })

  const call = (
    method: string,
    path: string,
    options: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ) => send(url, method, path, { ...options, headers: { ...H, ...options.headers } })

  describe('documents', () => {
    it('creates a document with a generated id and answers 201 with it and its Location', async () => {
      const docs = fresh()
      const created = await call('POST', docs, json({ title: 'a', n: 1 }))
      expect(created.status).toBe(201)
      const doc = created.json as { id: string; data: unknown; version: number; updateTime: number }
      expect(doc.id).toMatch(/^[A-Za-z0-9]{20}$/)
      expect(doc.data).toEqual({ title: 'a', n: 1 })
      expect(doc.version).toBeGreaterThan(0)
      expect(typeof doc.updateTime).toBe('number')
      expect(created.headers.location).toBe(`${docs}/${doc.id}`)
      const read = await call('GET', `${docs}/${doc.id}`)
      expect(read.status).toBe(200)
      expect(read.json).toEqual(doc)
    })

    it('creates with ?id= and answers 409 already-exists when the id is taken', async () => {
      const docs = fresh()
      expect((await call('POST', `${docs}?id=t1`, json({ a: 1 }))).status).toBe(201)
      const again = await call('POST', `${docs}?id=t1`, json({ a: 2 }))
      expect(again.status).toBe(409)
      expect(errorOf(again).code).toBe('already-exists')
      expect(((await call('GET', `${docs}/t1`)).json as { data: unknown }).data).toEqual({ a: 1 })
    })

    it('replaces with PUT, whether or not the document exists', async () => {
      const docs = fresh()
      const first = await call('PUT', `${docs}/d`, json({ a: 1, b: { c: 2 } }))
      expect(first.status).toBe(200)
      const second = await call('PUT', `${docs}/d`, json({ z: true }))
      expect(second.status).toBe(200)
      const doc = second.json as { data: unknown; version: number }
      expect(doc.data).toEqual({ z: true })
      expect(doc.version).toBeGreaterThan((first.json as { version: number }).version)
    })

    it('updates the given fields with PATCH, dotted paths and sentinels included', async () => {
      const docs = fresh()
      await call('PUT', `${docs}/d`, json({ a: 1, m: { x: 1, y: 2 }, gone: 'x', visits: 1 }))
      const patched = await call(
        'PATCH',
        `${docs}/d`,
        json({
          'm.x': 10,
          visits: { $metal: 'increment', operand: 2 },
          gone: { $metal: 'delete' },
        }),
      )
      expect(patched.status).toBe(200)
      expect((patched.json as { data: unknown }).data).toEqual({
        a: 1,
        m: { x: 10, y: 2 },
        visits: 3,
      })
    })

    it('answers 404 not-found to a PATCH of a missing document, writing nothing', async () => {
      const docs = fresh()
      const patched = await call('PATCH', `${docs}/nope`, json({ a: 1 }))
      expect(patched.status).toBe(404)
      expect(errorOf(patched).code).toBe('not-found')
      expect((await call('GET', `${docs}/nope`)).status).toBe(404)
    })

    it('deletes with 204 and then reads 404 not-found', async () => {
      const docs = fresh()
      await call('PUT', `${docs}/d`, json({ a: 1 }))
      const deleted = await call('DELETE', `${docs}/d`)
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      const read = await call('GET', `${docs}/d`)
      expect(read.status).toBe(404)
      expect(errorOf(read)).toEqual({
        code: 'not-found',
        message: expect.stringContaining("'tasks/d'"),
      })
      expect((await call('DELETE', `${docs}/d`)).status).toBe(204)
    })

    it('serves subcollections, with the path percent-encoded or in raw segments alike', async () => {
      const project = `/v1/projects/p-sub-${Date.now()}/collections`
      const put = await call('PUT', `${project}/users%2Fu1%2Fnotes/docs/n1`, json({ t: 'x' }))
      expect(put.status).toBe(200)
      const raw = await call('GET', `${project}/users/u1/notes/docs/n1`)
      expect(raw.status).toBe(200)
      expect(raw.json).toEqual(put.json)
      const list = await call('GET', `${project}/users/u1/notes/docs`)
      expect((list.json as { documents: unknown[] }).documents).toEqual([put.json])
      expect((await call('GET', `${project}/users/docs/u1`)).status).toBe(404)
    })

    it('percent-decodes ids and project ids, and escapes them in Location', async () => {
      const docs = fresh()
      const id = 'a b ü?#%&+=.'
      const created = await call('POST', `${docs}?id=${encodeURIComponent(id)}`, json({ v: 1 }))
      expect(created.status).toBe(201)
      expect((created.json as { id: string }).id).toBe(id)
      const read = await call('GET', created.headers.location as string)
      expect((read.json as { id: string }).id).toBe(id)
      // '/' in an id is refused: it would name another path.
      const slash = await call('PUT', `${docs}/${encodeURIComponent('a/b')}`, json({ v: 1 }))
      expect(slash.status).toBe(400)
      expect(errorOf(slash).message).toMatch(/document id 'a\/b' contains '\/'/)
    })

    it('round-trips a map with a $metal key of its own (escaped on the way in and out)', async () => {
      const docs = fresh()
      const data = { m: { $metal: 'map', value: { $metal: 'mine' } } }
      const put = await call('PUT', `${docs}/d`, json(data))
      expect((put.json as { data: unknown }).data).toEqual(data)
      const again = await call('PUT', `${docs}/e`, json((put.json as { data: unknown }).data))
      expect((again.json as { data: unknown }).data).toEqual(data)
    })
  })

  describe('lists', () => {
    let docs: string
    const people = [
      { id: 'a', name: 'Ann', age: 31, role: 'admin', tags: ['x'] },
      { id: 'b', name: 'Bob', age: 25, role: 'user', tags: ['y'] },
      { id: 'c', name: 'Cid', age: 40, role: 'moderator', tags: ['x', 'y'] },
      { id: 'd', name: 'Dee', age: 25, role: 'user', tags: [] },
      { id: 'e', name: 'Eve', age: 52, role: 'admin', tags: ['z'] },
    ]
    const ids = (a: Answer) =>
      (a.json as { documents: { id: string }[] }).documents.map((d) => d.id)
    const q = (params: Record<string, string | string[]>) => {
      const parts: string[] = []
      for (const [k, v] of Object.entries(params)) {
        for (const one of Array.isArray(v) ? v : [v]) parts.push(`${k}=${encodeURIComponent(one)}`)
      }
      return `${docs}?${parts.join('&')}`
    }

    beforeAll(async () => {
      docs = fresh('people')
      for (const { id, ...data } of people) await call('PUT', `${docs}/${id}`, json(data))
    })

    it('lists every document in id order without parameters, with no token when the page is not full', async () => {
      const all = await call('GET', docs)
      expect(all.status).toBe(200)
      expect(ids(all)).toEqual(['a', 'b', 'c', 'd', 'e'])
      expect(all.json).not.toHaveProperty('nextPageToken')
      expect((all.json as { documents: { data: unknown }[] }).documents[0]?.data).toEqual({
        name: 'Ann',
        age: 31,
        role: 'admin',
        tags: ['x'],
      })
    })

    it('filters with repeated where (all must hold)', async () => {
      expect(ids(await call('GET', q({ where: JSON.stringify(['role', '==', 'user']) })))).toEqual([
        'b',
        'd',
      ])
      expect(
        ids(
          await call(
            'GET',
            q({
              where: [
                JSON.stringify(['role', 'in', ['admin', 'moderator']]),
                JSON.stringify(['age', '>', 35]),
              ],
            }),
          ),
        ),
      ).toEqual(['c', 'e'])
      expect(
        ids(await call('GET', q({ where: JSON.stringify(['tags', 'array-contains', 'x']) }))),
      ).toEqual(['a', 'c'])
    })

    it('orders by several keys, descending with :desc, ties by id', async () => {
      const answer = await call('GET', q({ orderBy: ['age:desc', 'name'] }))
      expect(ids(answer)).toEqual(['e', 'c', 'a', 'b', 'd'])
      expect(ids(await call('GET', q({ orderBy: 'age', limit: '2' })))).toEqual(['b', 'd'])
    })

    it('takes cursors as JSON arrays of values', async () => {
      expect(ids(await call('GET', q({ orderBy: 'age', startAfter: '[25]' })))).toEqual([
        'a',
        'c',
        'e',
      ])
      expect(
        ids(await call('GET', q({ orderBy: 'age', startAt: '[31]', endBefore: '[52]' }))),
      ).toEqual(['a', 'c'])
      expect(ids(await call('GET', q({ orderBy: 'age', endAt: '[31]' })))).toEqual(['b', 'd', 'a'])
      expect(ids(await call('GET', q({ orderBy: 'age', offset: '1', limit: '2' })))).toEqual([
        'd',
        'a',
      ])
    })

    it('pages through a query with nextPageToken until the last page', async () => {
      for (const order of [[], ['age'], ['age:desc', 'name:desc']]) {
        const seen: string[] = []
        let token: string | undefined
        for (let page = 0; page < 10; page++) {
          const answer = await call(
            'GET',
            q({ orderBy: order, limit: '2', ...(token ? { pageToken: token } : {}) }),
          )
          expect(answer.status).toBe(200)
          seen.push(...ids(answer))
          token = (answer.json as { nextPageToken?: string }).nextPageToken
          if (!token) break
        }
        const full = ids(await call('GET', q({ orderBy: order })))
        expect(seen).toEqual(full)
      }
    })

    it('refuses bad list parameters with 400 naming the parameter', async () => {
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [
          { where: JSON.stringify(['age', '=>', 1]) },
          /where\(\): unknown operator '=>' on field 'age'/,
        ],
        [{ where: 'nope' }, /'where' must be JSON/],
        [{ where: '[1,2]' }, /'where' must be a JSON array \[field, op, value\]/],
        [{ limit: '0' }, /'limit' must be an integer from 1 to 1000, got '0'/],
        [{ limit: '2.5' }, /'limit'/],
        [{ limit: ['1', '2'] }, /'limit' is given 2 times/],
        [{ orderBy: 'a..b' }, /empty segment/],
        [{ startAt: '[1]' }, /orderBy/],
        [{ orderBy: 'age', startAt: '[1]', startAfter: '[2]' }, /at most one of/],
        [{ pageToken: 'garbage!' }, /'pageToken' is not a token this API gave/],
        [{ colour: 'red' }, /unknown query parameter 'colour'/],
      ]
      for (const [params, message] of cases) {
        const answer = await call('GET', q(params))
        expect(answer.status, JSON.stringify(params)).toBe(400)
        const error = errorOf(answer)
        expect(error.code).toBe('invalid-argument')
        expect(error.message).toMatch(/^list documents: /)
        expect(error.message).toMatch(message)
      }
    })
  })

  describe('errors', () => {
    it('answers 405 with Allow for a method a route does not take', async () => {
      const docs = fresh()
      const answer = await call('DELETE', docs)
      expect(answer.status).toBe(405)
      expect(answer.headers.allow).toBe('GET, POST')
      expect((await call('POST', `${docs}/x`, json({}))).headers.allow).toBe(
        'GET, PUT, PATCH, DELETE',
      )
      expect((await call('POST', '/v1/openapi.json')).headers.allow).toBe('GET')
    })

    it('answers 404 JSON for unknown routes under /v1/projects/', async () => {
      for (const path of [
        '/v1/projects/p1',
        '/v1/projects/p1/things/x/docs',
        '/v1/projects/p1/collections/x',
        '/v1/projects/p1/collections/x/docs/y/z',
      ]) {
        const answer = await call('GET', path)
        expect(answer.status, path).toBe(404)
        expect(errorOf(answer).code).toBe('not-found')
      }
    })

    it('answers 415 to a body that is not JSON, and 400 to bad JSON, bad UTF-8 and a non-object', async () => {
      const docs = fresh()
      const text = await call('PUT', `${docs}/d`, {
        body: 'a=1',
        headers: { 'content-type': 'text/plain' },
      })
      expect(text.status).toBe(415)
      const latin = await call('PUT', `${docs}/d`, {
        body: '{}',
        headers: { 'content-type': 'application/json; charset=latin1' },
      })
      expect(latin.status).toBe(415)
      const badJson = await call('PUT', `${docs}/d`, { body: '{"a":' })
      expect(badJson.status).toBe(400)
      expect(errorOf(badJson).message).toMatch(/^set document: the body is not JSON/)
      const badUtf8 = await call('PUT', `${docs}/d`, {
        body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      })
      expect(badUtf8.status).toBe(400)
      expect(errorOf(badUtf8).message).toMatch(/not valid UTF-8/)
      const array = await call('PATCH', `${docs}/d`, json([['a', 1]]))
      expect(array.status).toBe(400)
      expect(errorOf(array).message).toMatch(/^update document: the body must be a JSON object/)
      const notDoc = await call('PUT', `${docs}/d`, json([1]))
      expect(notDoc.status).toBe(400)
      expect((await call('GET', `${docs}/d`)).status).toBe(404)
    })

    it('refuses reserved names, prototype keys and bad percent-encoding with 400', async () => {
      const docs = fresh()
      for (const [path, body] of [
        [`${docs}/__x__`, { a: 1 }],
        [`${docs}/d`, { __proto__: { a: 1 } }],
        [`${docs}/%E0%A4%A`, { a: 1 }],
        [`${docs}/%C3%28`, { a: 1 }],
        [`${docs}/%00`, { a: 1 }],
      ] as const) {
        const raw = path.endsWith('/d') ? '{"__proto__":{"a":1}}' : JSON.stringify(body)
        const answer = await call('PUT', path, { body: raw })
        expect(answer.status, path).toBe(400)
        expect(errorOf(answer).code).toBe('invalid-argument')
      }
    })

    it('answers 413 to a body over maxBodyBytes, by its declared length or as it streams', async () => {
      const small = await restServer(db.driver, { admit: () => ({}), maxBodyBytes: 1000 })
      try {
        const docs = `/v1/projects/p-small/collections/t/docs/d`
        const big = JSON.stringify({ s: 'x'.repeat(2000) })
        const declared = await send(small.url, 'PUT', docs, { body: big })
        expect(declared.status).toBe(413)
        expect(errorOf(declared).message).toMatch(/larger than 1000 bytes/)
        const fits = await send(small.url, 'PUT', docs, json({ s: 'x'.repeat(900) }))
        expect(fits.status).toBe(200)
      } finally {
        await small.close()
      }
    })
  })

  describe('auth and rules (the WebSocket ones, from the policy admit gives)', () => {
    let ruled: RestServer
    const owner = (ctx: RuleContext) =>
      ctx.auth !== null && (ctx.newDoc ?? ctx.doc)?.owner === ctx.auth.userId
    const policies: Record<string, ConnectionPolicy> = {
      // Notes: read and write your own; a list must pin owner to the caller.
      notes: {
        rules: {
          documents: {
            'notes/{noteId}': {
              read: owner,
              create: owner,
              update: (c) => owner(c) && c.doc?.owner === c.newDoc?.owner,
              delete: owner,
            },
            'users/{userId}/items/{itemId}': {
              read: (c) => c.auth?.userId === c.path.params.userId,
              write: (c) => c.auth?.userId === c.path.params.userId,
            },
          },
        },
      },
      // One function judges everything: only admins write.
      admins: { rules: (c) => c.op === 'get' || c.op === 'list' || c.auth?.role === 'admin' },
      // A token check of the project's own.
      tokens: {
        rules: (c) => c.auth !== null,
        verifyToken: (credential) => {
          if (credential.token !== 'project.secret.token')
            throw new MetalError('unauthenticated', 'authenticate(): not our token')
          return { userId: 'svc', role: null, roles: [], expiresAt: null, claims: {} }
        },
      },
      service: { rules: () => false, privileged: true },
    }
    const base = (project: string) => `/v1/projects/${project}-${n}/collections`
    const as = (
      userId: string | null,
      extra: Record<string, unknown> = {},
    ): Record<string, string> =>
      userId === null ? {} : { authorization: `Bearer ${jwt({ sub: userId, ...extra })}` }
    const req = (
      method: string,
      path: string,
      userId: string | null,
      body?: unknown,
      extra?: Record<string, unknown>,
    ) =>
      send(ruled.url, method, path, {
        ...(body === undefined ? {} : json(body)),
        headers: as(userId, extra),
      })

    beforeAll(async () => {
      n++
      ruled = await restServer(db.driver, {
        admit: ({ projectId }) => {
          const policy = policies[projectId.replace(/-\d+$/, '')]
          if (!policy) throw new MetalError('not-found', 'no such project')
          return policy
        },
      })
    })
    afterAll(() => ruled.close())

    it('refuses a signed-out caller with 403 and serves the owner signed in with a bearer JWT', async () => {
      const notes = `${base('notes')}/notes/docs`
      const anonymous = await req('POST', `${notes}?id=n1`, null, { owner: 'u1', t: 'x' })
      expect(anonymous.status).toBe(403)
      expect(errorOf(anonymous)).toEqual({
        code: 'permission-denied',
        message: expect.stringMatching(/without signing in/),
      })
      expect((await req('POST', `${notes}?id=n1`, 'u1', { owner: 'u1', t: 'x' })).status).toBe(201)
      expect((await req('GET', `${notes}/n1`, 'u1')).status).toBe(200)
      const other = await req('GET', `${notes}/n1`, 'u2')
      expect(other.status).toBe(403)
      expect(errorOf(other).message).toMatch(/for user 'u2'/)
      expect((await req('GET', `${notes}/n1`, null)).status).toBe(403)
    })

    it('judges writes by the document as the write leaves it', async () => {
      const notes = `${base('notes')}/notes/docs`
      expect((await req('POST', `${notes}?id=w1`, 'u1', { owner: 'u2' })).status).toBe(403)
      expect((await req('PUT', `${notes}/w1`, 'u1', { owner: 'u1', n: 1 })).status).toBe(200)
      const steal = await req('PATCH', `${notes}/w1`, 'u1', { owner: 'u2' })
      expect(steal.status).toBe(403)
      expect((await req('PATCH', `${notes}/w1`, 'u1', { n: 2 })).status).toBe(200)
      expect((await req('DELETE', `${notes}/w1`, 'u2')).status).toBe(403)
      expect((await req('GET', `${notes}/w1`, 'u1')).json).toMatchObject({
        data: { owner: 'u1', n: 2 },
      })
      expect((await req('DELETE', `${notes}/w1`, 'u1')).status).toBe(204)
    })

    it('refuses a list as a whole unless its filters pin it to readable documents', async () => {
      const notes = `${base('notes')}/notes/docs`
      await req('PUT', `${notes}/l1`, 'u1', { owner: 'u1' })
      await req('PUT', `${notes}/l2`, 'u2', { owner: 'u2' })
      const all = await req('GET', notes, 'u1')
      expect(all.status).toBe(403)
      expect(errorOf(all).code).toBe('permission-denied')
      const mine = await req(
        'GET',
        `${notes}?where=${encodeURIComponent('["owner","==","u1"]')}`,
        'u1',
      )
      expect(mine.status).toBe(200)
      expect((mine.json as { documents: { id: string }[] }).documents.map((d) => d.id)).toContain(
        'l1',
      )
      const theirs = await req(
        'GET',
        `${notes}?where=${encodeURIComponent('["owner","==","u2"]')}`,
        'u1',
      )
      expect(theirs.status).toBe(403)
    })

    it('passes path parameters of subcollection patterns to the rules', async () => {
      const items = (user: string) => `${base('notes')}/users%2F${user}%2Fitems/docs`
      expect((await req('PUT', `${items('u1')}/i1`, 'u1', { a: 1 })).status).toBe(200)
      expect((await req('PUT', `${items('u2')}/i1`, 'u1', { a: 1 })).status).toBe(403)
      expect((await req('GET', items('u1'), 'u1')).status).toBe(200)
      expect((await req('GET', items('u1'), 'u2')).status).toBe(403)
      // A path no pattern matches is refused.
      expect((await req('GET', `${base('notes')}/elsewhere/docs/x`, 'u1')).status).toBe(403)
    })

    it('applies a function rule to every operation, with roles from the JWT', async () => {
      const things = `${base('admins')}/things/docs`
      expect((await req('PUT', `${things}/t1`, 'u1', { a: 1 })).status).toBe(403)
      expect((await req('PUT', `${things}/t1`, 'u1', { a: 1 }, { role: 'admin' })).status).toBe(200)
      expect((await req('GET', `${things}/t1`, null)).status).toBe(200)
      expect(
        (await req('DELETE', `${things}/t1`, 'u1', undefined, { roles: ['admin'] })).status,
      ).toBe(204)
    })

    it('answers 401 to a refused, expired or malformed bearer token', async () => {
      const notes = `${base('notes')}/notes/docs/n1`
      const expired = await req('GET', notes, 'u1', undefined, {
        exp: Math.floor(Date.now() / 1000) - 60,
      })
      expect(expired.status).toBe(401)
      expect(errorOf(expired)).toEqual({
        code: 'unauthenticated',
        message: expect.stringMatching(/expired/),
      })
      for (const authorization of [
        'Basic dTpw',
        'Bearer',
        'Bearer not-a-jwt',
        `Bearer ${jwt({ role: 'x' })}`,
      ]) {
        const answer = await send(ruled.url, 'GET', notes, { headers: { authorization } })
        expect(answer.status, authorization).toBe(401)
        expect(errorOf(answer).code).toBe('unauthenticated')
      }
    })

    it("checks bearer tokens with the policy's own verifyToken", async () => {
      const docs = `${base('tokens')}/t/docs/x`
      const headers = (token: string) => ({
        ...json({ a: 1 }),
        headers: { authorization: `Bearer ${token}` },
      })
      expect((await send(ruled.url, 'PUT', docs, headers('project.secret.token'))).status).toBe(200)
      const refused = await send(ruled.url, 'PUT', docs, headers(jwt({ sub: 'u1' })))
      expect(refused.status).toBe(401)
      expect(errorOf(refused).message).toMatch(/not our token/)
      expect((await send(ruled.url, 'GET', docs)).status).toBe(403)
    })

    it('closes the core connection of every call, served, refused or failed', async () => {
      const notes = `${base('notes')}/notes/docs`
      await Promise.all([
        req('PUT', `${notes}/c1`, 'u1', { owner: 'u1' }),
        req('GET', `${notes}/c1`, 'u2'),
        req('GET', notes, 'u1', undefined, { exp: 1 }),
        req('PATCH', `${notes}/missing`, 'u1', { owner: 'u1' }),
        req('GET', `${notes}?where=${encodeURIComponent('["owner","==","u1"]')}`, 'u1'),
      ])
      expect(ruled.core.stats().connections).toBe(0)
    })

    it('lets a privileged policy past every rule', async () => {
      const docs = `${base('service')}/anything/docs`
      expect((await send(ruled.url, 'PUT', `${docs}/s1`, json({ a: 1 }))).status).toBe(200)
      expect((await send(ruled.url, 'GET', docs)).status).toBe(200)
    })
  })

  describe('admission', () => {
    it('answers an unknown project, a wrong key and a missing key with the same 401', async () => {
      const answers = await Promise.all([
        send(url, 'GET', '/v1/projects/unknown/collections/t/docs', { headers: H }),
        send(url, 'GET', '/v1/projects/p-known/collections/t/docs', {
          headers: { 'x-metal-api-key': 'wrong' },
        }),
        send(url, 'GET', '/v1/projects/p-known/collections/t/docs'),
        send(url, 'GET', '/v1/projects/unknown/collections/t/docs'),
      ])
      for (const answer of answers) {
        expect(answer.status).toBe(401)
        expect(answer.json).toEqual({
          error: { code: 'unauthenticated', message: 'the project id or the API key was refused' },
        })
      }
    })

    it('takes the key from the header or the key parameter, not both', async () => {
      const docs = fresh()
      expect((await send(url, 'GET', `${docs}?key=${KEY}`)).status).toBe(200)
      expect((await send(url, 'GET', docs, { headers: H })).status).toBe(200)
      const both = await send(url, 'GET', `${docs}?key=${KEY}`, { headers: H })
      expect(both.status).toBe(400)
      expect(errorOf(both).message).toMatch(/give the API key once/)
    })

    it('limits calls per client address with 429 and Retry-After, refused calls counted too', async () => {
      let clock = 1_000_000
      const limited = await restServer(db.driver, {
        admit: admitWithKey,
        rateLimit: { perSecond: 1, burst: 3 },
        now: () => clock,
      })
      try {
        const docs = `/v1/projects/p-limit/collections/t/docs`
        expect((await send(limited.url, 'GET', docs, { headers: H })).status).toBe(200)
        expect((await send(limited.url, 'GET', docs)).status).toBe(401)
        expect((await send(limited.url, 'DELETE', docs, { headers: H })).status).toBe(405)
        const over = await send(limited.url, 'GET', docs, { headers: H })
        expect(over.status).toBe(429)
        expect(over.headers['retry-after']).toBe('1')
        expect(errorOf(over)).toEqual({
          code: 'resource-exhausted',
          message: 'too many calls from this address; retry in 1000 ms',
        })
        clock += 1000
        expect((await send(limited.url, 'GET', docs, { headers: H })).status).toBe(200)
        expect((await send(limited.url, 'GET', docs, { headers: H })).status).toBe(429)
      } finally {
        await limited.close()
      }
    })

    it('passes admission limits through with Retry-After, and hides internal errors', async () => {
      const lines: string[] = []
      const limited = await restServer(db.driver, {
        admit: ({ projectId }) => {
          if (projectId === 'boom') throw new Error('secret detail')
          throw Object.assign(new MetalError('resource-exhausted', 'slow down'), {
            retryAfter: 1500,
          })
        },
        log: (line) => lines.push(line),
      })
      try {
        const busy = await send(limited.url, 'GET', '/v1/projects/p/collections/t/docs')
        expect(busy.status).toBe(429)
        expect(busy.headers['retry-after']).toBe('2')
        expect(errorOf(busy)).toEqual({ code: 'resource-exhausted', message: 'slow down' })
        const boom = await send(limited.url, 'GET', '/v1/projects/boom/collections/t/docs')
        expect(boom.status).toBe(500)
        expect(boom.json).toEqual({ error: { code: 'internal', message: 'internal error' } })
        expect(boom.text).not.toMatch(/secret|at /)
        expect(lines.join('\n')).toMatch(/secret detail/)
      } finally {
        await limited.close()
      }
    })
  })
})

describe('createServer', () => {
  it('serves the REST API beside /health, and 404 elsewhere', async () => {
    const server = createServer({ port: 0, log: false })
    const { url } = await server.listen()
    try {
      const put = await send(url, 'PUT', '/v1/projects/demo/collections/t/docs/a', json({ n: 1 }))
      expect(put.status).toBe(200)
      expect((await send(url, 'GET', '/v1/projects/demo/collections/t/docs/a')).json).toEqual(
        put.json,
      )
      expect((await send(url, 'GET', '/v1/openapi.json')).status).toBe(200)
      expect((await send(url, 'GET', '/health')).status).toBe(200)
      const elsewhere = await send(url, 'GET', '/v1/other')
      expect(elsewhere.status).toBe(404)
      expect(elsewhere.headers['content-type']).toMatch(/^application\/json/)
    } finally {
      await server.close()
    }
  })
})

describe('AddressLimiter', () => {
  it('remembers at most 10,000 addresses, forgetting idle (full) buckets first', () => {
    let clock = 0
    const limiter = new AddressLimiter({ perSecond: 10, burst: 10 }, () => clock)
    for (let i = 0; i < 10_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`)
    expect(limiter.size).toBe(10_000)
    clock += 1000 // every bucket is full again: forgetting them changes nothing
    limiter.take('busy')
    expect(limiter.size).toBe(1)
    for (let i = 0; i < 10_000; i++) limiter.take(`a${i}`)
    expect(limiter.size).toBeLessThanOrEqual(10_000)
    expect(limiter.take('a9999')).toBe(0)
  })
})
