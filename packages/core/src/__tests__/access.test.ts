import { describe, expect, it, onTestFinished } from 'vitest'
import { Metal, MetalError, where } from '../index.js'
import { MapStorage } from '../backends/memory/mapStorage.js'
import { encodeHello, encodeRequestFrame } from '../protocol/wire.js'
import {
  ServerCore,
  SocketSession,
  TokenBucket,
  compileRules,
  localBackend,
  pinnedDocs,
  type ServerObserver,
} from '../server/index.js'
import type { Backend, BackendRequest } from '../protocol/backend.js'
import { compileQuery } from '../engine/querySpec.js'
import { eventually } from '../testing/suites/harness.js'

// The access layer of the server logic: rules compiled from patterns, the query proof, policies
// per connection, limits, and the client's backoff when the server says it is sending too fast.

const owned = {
  documents: {
    'tasks/{taskId}': { read: ({ auth, doc }) => doc?.userId === auth?.userId },
  },
} satisfies Parameters<typeof compileRules>[1]

describe('compileRules', () => {
  it('names the bad field of a bad rules object', () => {
    const bad: [unknown, RegExp][] = [
      [42, /option 'rules' must be a function or \{ documents \}, got 42/],
      [{ documents: {}, extra: 1 }, /rules: unknown key 'extra'/],
      [{ documents: [] }, /rules.documents must be an object of path patterns/],
      [{ documents: { tasks: {} } }, /rules.documents\["tasks"\]: a pattern is a document path/],
      [{ documents: { 'a/{b': {} } }, /bad segment '\{b' \(use \{name\}\)/],
      [{ documents: { 'a/{b}': { raed: () => true } } }, /unknown rule 'raed'/],
      [
        { documents: { 'a/{b}': { read: true } } },
        /rules.documents\["a\/\{b\}"\].read must be a function/,
      ],
      [{ documents: {}, presence: 'yes' }, /rules.presence must be a function/],
    ]
    for (const [rules, message] of bad) {
      let error: unknown
      try {
        compileRules('createServer()', rules as never)
      } catch (e) {
        error = e
      }
      expect(MetalError.is(error, 'invalid-argument'), String(message)).toBe(true)
      expect((error as Error).message).toMatch(/^createServer\(\): /)
      expect((error as Error).message).toMatch(message)
    }
  })

  it('matches nested patterns, binds their parameters and ORs every matching pattern', () => {
    const judge = compileRules('t', {
      documents: {
        'users/{userId}/notes/{noteId}': {
          get: ({ auth, path }) =>
            auth?.userId === path.params.userId && path.params.noteId === 'n1',
        },
        'users/{userId}/notes/public': { read: () => true },
      },
    })
    const ask = (userId: string, id: string | null, collection = `users/${userId}/notes`) =>
      judge({
        op: id === null ? 'list' : 'get',
        collection,
        id,
        doc: {},
        newDoc: null,
        query: null,
        room: null,
        auth: { userId: 'u1', role: null, roles: [], expiresAt: null, claims: {} },
        projectId: 'p',
      })
    expect(ask('u1', 'n1')).toBe(true)
    expect(ask('u1', 'n2')).toBe(false)
    expect(ask('u2', 'n1')).toBe(false)
    expect(ask('u2', 'public')).toBe(true) // the second pattern
    expect(ask('u1', 'n1', 'users/u1/other')).toBe(false) // no pattern: refused
    // A query of notes has no note id: the one-document pattern says nothing of it.
    expect(ask('u1', null)).toBe(false)
  })

  it('refuses when a rule throws or answers anything but true', () => {
    const judge = compileRules('t', (ctx) => (ctx.doc as { n: { x: number } }).n.x === 1)
    const base = {
      op: 'get' as const,
      collection: 'c',
      id: 'a',
      newDoc: null,
      query: null,
      room: null,
      auth: null,
      projectId: 'p',
    }
    expect(judge({ ...base, doc: { n: { x: 1 } } })).toBe(true)
    expect(judge({ ...base, doc: {} })).toBe(false)
    expect(compileRules('t', (() => 'yes') as never)({ ...base, doc: {} })).toBe(false)
  })
})

describe('pinnedDocs', () => {
  const spec = (filter?: ReturnType<typeof where>) =>
    compileQuery({ collection: 'c', orderBy: [], ...(filter ? { filter } : {}) }).spec

  it('holds what equality filters fix, per OR branch, and the pinned id', async () => {
    const { and, or } = await import('../index.js')
    expect(pinnedDocs(spec())).toEqual([{ id: null, doc: {} }])
    expect(
      pinnedDocs(
        spec(
          and(
            where('a.b', '==', 1),
            where('c', 'in', ['x']),
            where('d', '>', 2),
            where('__name__', '==', 'id1'),
          ) as never,
        ),
      ),
    ).toEqual([{ id: 'id1', doc: { a: { b: 1 }, c: 'x' } }])
    expect(pinnedDocs(spec(or(where('u', '==', 1), where('u', '==', 2)) as never))).toEqual([
      { id: null, doc: { u: 1 } },
      { id: null, doc: { u: 2 } },
    ])
    // `__proto__` as a field name stays an own field, never the prototype.
    const [pinned] = pinnedDocs(spec(where('__proto__', '==', 1)))
    expect(Object.getPrototypeOf(pinned?.doc)).toBe(Object.prototype)
    expect(Object.hasOwn(pinned?.doc ?? {}, '__proto__')).toBe(true)
  })
})

describe('connection policies', () => {
  function setup(observer?: ServerObserver, maxTargetsPerConnection?: number) {
    const core = new ServerCore({
      storage: new MapStorage(),
      rules: owned,
      observer,
      maxTargetsPerConnection,
    })
    onTestFinished(() => core.close())
    const client = (backend: Backend) => {
      const m = new Metal({ backend, projectId: 'p', auth: { persistence: false } })
      onTestFinished(() => m.close())
      return m
    }
    return { core, client }
  }

  it('lets a privileged connection past every rule, and only it', async () => {
    const { core, client } = setup()
    const admin = client(localBackend(core, { privileged: true }))
    const user = client(localBackend(core))
    await admin.db().collection('tasks').doc('t1').set({ userId: 'u2' })
    expect((await admin.db().collection('tasks').get()).size).toBe(1)
    await expect(user.db().collection('tasks').get()).rejects.toMatchObject({
      code: 'permission-denied',
    })
    // Rules given in a policy replace the server's for that connection.
    const open = client(localBackend(core, { rules: () => true }))
    expect((await open.db().collection('tasks').get()).size).toBe(1)
  })

  it('tells the observer about commits, fan-out and refusals, and counts live targets', async () => {
    const seen: string[] = []
    const { core, client } = setup({
      commit: (p, n) => seen.push(`commit:${p}:${n}`),
      fanout: (ms, n) => seen.push(`fanout:${n}:${ms >= 0}`),
      denied: (op) => seen.push(`denied:${op}`),
    })
    const admin = client(localBackend(core, { privileged: true }))
    const watcher = client(localBackend(core, { privileged: true }))
    const stop = watcher
      .db()
      .collection('tasks')
      .subscribe(() => {})
    onTestFinished(stop)
    await eventually(() => expect(core.stats().listens).toBe(1))
    await admin.db().collection('tasks').doc('t1').set({ userId: 'u1' })
    const user = client(localBackend(core))
    await user
      .db()
      .collection('tasks')
      .get()
      .catch(() => {})
    await eventually(() => expect(seen).toEqual(['commit:p:1', 'fanout:1:true', 'denied:list']))
    expect(core.stats().connections).toBeGreaterThanOrEqual(3)
  })

  it('refuses a live query over the per-connection limit with resource-exhausted', async () => {
    const { core } = setup(undefined, 2)
    const pushes: unknown[] = []
    const conn = localBackend(core, { privileged: true }).connect({
      projectId: 'p',
      onPush: (m) => pushes.push(m),
    })
    onTestFinished(() => conn.close())
    const listen = (targetId: number): BackendRequest => ({
      type: 'listen',
      targetId,
      query: { collection: 'tasks', orderBy: [] },
    })
    await conn.request(listen(1))
    await conn.request(listen(2))
    await expect(conn.request(listen(3))).rejects.toMatchObject({
      code: 'resource-exhausted',
      message: expect.stringMatching(/already has 2 live queries/),
    })
    await conn.request({ type: 'unlisten', targetId: 1 })
    await conn.request(listen(3))
  })
})

describe('rate limit', () => {
  it('spends tokens, refills them over time and says how long to wait', () => {
    let now = 0
    const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, () => now)
    expect([bucket.take(), bucket.take()]).toEqual([0, 0])
    expect(bucket.take()).toBe(100)
    now = 50
    expect(bucket.take()).toBe(50)
    now = 100
    expect(bucket.take()).toBe(0)
    now = 10_000
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 100])
  })

  it('answers a request over the limit with resource-exhausted and retryAfter, unserved', async () => {
    const core = new ServerCore({ storage: new MapStorage() })
    const sent: Record<string, unknown>[] = []
    let limited = 0
    const s = new SocketSession(
      core,
      { send: (t) => sent.push(JSON.parse(t)), close: () => {}, bufferedAmount: () => 0 },
      {
        epoch: 'e',
        rateLimit: { perSecond: 1, burst: 2 },
        now: () => 0,
        maxMessageBytes: 1000,
        onRateLimited: () => limited++,
      },
    )
    s.receive(encodeHello({ protocol: 1, projectId: 'p' }))
    for (const id of [1, 2, 3]) {
      s.receive(encodeRequestFrame(id, { type: 'get', collection: 'c', id: 'a' }))
    }
    await eventually(() => expect(sent).toHaveLength(4))
    expect(sent[0]).toEqual({ welcome: { protocol: 1, epoch: 'e', maxMessageBytes: 1000 } })
    expect(sent.slice(1)).toContainEqual({
      id: 3,
      error: {
        code: 'resource-exhausted',
        message: 'get: too many requests on this connection; retry in 1000 ms',
        retryAfter: 1000,
      },
    })
    expect(limited).toBe(1)
  })

  it('makes the client wait as told and send the request again', async () => {
    const inner = localBackend(new ServerCore({ storage: new MapStorage() }))
    let refusals = 0
    const times: number[] = []
    // A backend whose first two commits are refused as over the rate limit.
    const limited: Backend = {
      connect(options) {
        const conn = inner.connect(options)
        return {
          request(message) {
            if (message.type === 'commit') {
              times.push(Date.now())
              if (refusals < 2) {
                refusals++
                const e = Object.assign(new MetalError('resource-exhausted', 'slow down'), {
                  retryAfter: 40,
                })
                return Promise.reject(e)
              }
            }
            return conn.request(message)
          },
          close: () => conn.close(),
        }
      },
    }
    const metal = new Metal({ backend: limited, projectId: 'p', auth: { persistence: false } })
    onTestFinished(() => metal.close())
    await metal.db().collection('c').doc('a').set({ n: 1 })
    expect(times).toHaveLength(3)
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(39)
    // The second wait doubles.
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(79)
    expect((await metal.db().collection('c').doc('a').get()).data()).toEqual({ n: 1 })
  })
})

describe('hello timeout', () => {
  it('closes a socket that sends no hello in time, and not one that did', async () => {
    const core = new ServerCore({ storage: new MapStorage() })
    const open = (hello: boolean) => {
      const closes: number[] = []
      const s = new SocketSession(
        core,
        { send: () => {}, close: (code) => closes.push(code), bufferedAmount: () => 0 },
        { epoch: 'e', helloTimeoutMs: 30 },
      )
      if (hello) s.receive(encodeHello({ protocol: 1, projectId: 'p' }))
      return closes
    }
    const silent = open(false)
    const polite = open(true)
    await eventually(() => expect(silent).toEqual([4001]))
    await new Promise((r) => setTimeout(r, 60))
    expect(polite).toEqual([])
  })
})

describe('hello fields', () => {
  it('refuses a project id or API key a database cannot store, naming the field', async () => {
    const { decodeClientFrame } = await import('../protocol/wire.js')
    for (const [hello, message] of [
      [
        { protocol: 1, projectId: 'a\u0000b' },
        /'projectId' holds U\+0000 or an unpaired surrogate/,
      ],
      [{ protocol: 1, projectId: 'p', apiKey: '\ud800' }, /'apiKey' holds U\+0000/],
    ] as const) {
      expect(() => decodeClientFrame(JSON.stringify({ hello }))).toThrow(message)
    }
  })
})

describe('text a database cannot store', () => {
  it('is refused in field paths and request ids by the decoder, naming the field', async () => {
    const { decodeRequest } = await import('../protocol/decode.js')
    const commit = (extra: Record<string, unknown>, field = 'a') => ({
      type: 'commit',
      writes: [{ op: 'update', collection: 'c', id: 'd', fields: [[field, 1]] }],
      ...extra,
    })
    expect(() => decodeRequest(commit({}, 'a\u0000b'))).toThrow(/field path .* holds U\+0000/)
    expect(() => decodeRequest(commit({}, 'x.\udc00'))).toThrow(/unpaired surrogate/)
    expect(() => decodeRequest(commit({ mutationId: 'm\u0000' }))).toThrow(
      /'mutationId' holds U\+0000/,
    )
    expect(decodeRequest(commit({ mutationId: 'm1' }))).toMatchObject({ mutationId: 'm1' })
  })
})

describe('internal errors', () => {
  it('tell the client only internal, and hand the cause to onInternalError', async () => {
    class Broken extends MapStorage {
      override get(): never {
        throw new Error('disk on fire')
      }
    }
    const core = new ServerCore({ storage: new Broken() })
    const sent: Record<string, unknown>[] = []
    const causes: [string, string][] = []
    const s = new SocketSession(
      core,
      { send: (t) => sent.push(JSON.parse(t)), close: () => {}, bufferedAmount: () => 0 },
      {
        epoch: 'e',
        onInternalError: (error, type) => causes.push([(error as Error).message, type]),
      },
    )
    s.receive(encodeHello({ protocol: 1, projectId: 'p' }))
    s.receive(encodeRequestFrame(1, { type: 'get', collection: 'c', id: 'a' }))
    s.receive(encodeRequestFrame(2, { type: 'get', collection: 5 as never, id: 'a' }))
    await eventually(() => expect(sent).toHaveLength(3))
    expect(sent).toContainEqual({ id: 1, error: { code: 'internal', message: 'internal error' } })
    expect(sent.find((f) => f.id === 2)).toMatchObject({ error: { code: 'invalid-argument' } })
    expect(causes).toEqual([['disk on fire', 'get']])
  })
})
