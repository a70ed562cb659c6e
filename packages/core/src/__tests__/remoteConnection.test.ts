import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { remote } from '../backends/remote/index.js'
import { Metal, MetalError } from '../index.js'
import type { BackendConnection, BackendPush, MetalOptions } from '../index.js'
import { eventually, settle } from '../testing/suites/harness.js'
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer.js'

// The remote backend's connection against a server whose frames the test writes.

let server: ScriptedServer
let connections: BackendConnection[]

beforeEach(async () => {
  server = await startScriptedServer()
  connections = []
})

afterEach(async () => {
  for (const c of connections) c.close()
  await server.close()
})

function connect(apiKey?: string) {
  const pushes: BackendPush[] = []
  const closes: MetalError[] = []
  const conn = remote({ url: server.url, WebSocket }).connect({
    projectId: 'p',
    ...(apiKey !== undefined ? { apiKey } : {}),
    onPush: (m) => pushes.push(m),
    onClose: (e) => closes.push(e),
  })
  connections.push(conn)
  return { conn, pushes, closes }
}

/** Connects and answers the hello. */
async function welcomed(apiKey?: string) {
  const client = connect(apiKey)
  const socket = await server.socket(0)
  await socket.frame((f) => f.hello !== undefined)
  socket.welcome()
  return { ...client, socket }
}

async function rejection(promise: Promise<unknown>): Promise<MetalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MetalError)
  return error as MetalError
}

describe('remote connection', () => {
  it('sends the hello with the project and API key first, and holds requests until the welcome', async () => {
    const { conn } = connect('key-1')
    const answer = conn.request({ type: 'get', collection: 'c', id: 'a' })
    const socket = await server.socket(0)
    await socket.frame((f) => f.hello !== undefined)
    await settle(30)
    expect(socket.frames).toEqual([{ hello: { protocol: 1, projectId: 'p', apiKey: 'key-1' } }])
    socket.welcome()
    const { id, request } = await socket.request('get')
    expect(request).toEqual({ type: 'get', collection: 'c', id: 'a' })
    socket.send({ id, result: { doc: null } })
    expect(await answer).toEqual({ doc: null })
  })

  it('sends no apiKey field when there is none', async () => {
    connect()
    const socket = await server.socket(0)
    expect(await socket.frame((f) => f.hello !== undefined)).toEqual({
      hello: { protocol: 1, projectId: 'p' },
    })
  })

  it('matches answers to requests by id, whatever their order', async () => {
    const { conn, socket } = await welcomed()
    const first = conn.request({ type: 'get', collection: 'c', id: 'a' })
    const second = conn.request({ type: 'get', collection: 'c', id: 'b' })
    const a = await socket.request('get')
    const b = await socket.request('get')
    expect(a.id).not.toBe(b.id)
    const doc = (id: string) => ({ id, data: { id }, version: 1, updateTime: 1 })
    socket.send({ id: b.id, result: { doc: doc('b') } })
    socket.send({ id: a.id, result: { doc: doc('a') } })
    expect((await first).doc?.id).toBe('a')
    expect((await second).doc?.id).toBe('b')
  })

  it('turns an error answer into a MetalError with its code and message, keeping retryAfter', async () => {
    const { conn, socket } = await welcomed()
    const limited = conn.request({ type: 'get', collection: 'c', id: 'a' })
    const odd = conn.request({ type: 'get', collection: 'c', id: 'b' })
    const a = await socket.request('get')
    const b = await socket.request('get')
    socket.send({
      id: a.id,
      error: { code: 'resource-exhausted', message: 'get: slow down', retryAfter: 250 },
    })
    socket.send({ id: b.id, error: { code: 'no-such-code' } })
    const error = await rejection(limited)
    expect(error.code).toBe('resource-exhausted')
    expect(error.message).toBe('get: slow down')
    expect((error as MetalError & { retryAfter?: number }).retryAfter).toBe(250)
    expect((await rejection(odd)).code).toBe('internal')
  })

  it('delivers pushes in order, deep-frozen', async () => {
    const { pushes, socket } = await welcomed()
    for (const n of [1, 2, 3]) {
      socket.send({
        push: {
          type: 'target',
          targetId: 1,
          upserts: [{ id: `d${n}`, data: { m: { n } }, version: n, updateTime: n }],
          removes: [],
        },
      })
    }
    await eventually(() => expect(pushes).toHaveLength(3))
    expect(pushes.map((p) => p.type === 'target' && p.upserts[0]?.id)).toEqual(['d1', 'd2', 'd3'])
    const data = (pushes[0] as Extract<BackendPush, { type: 'target' }>).upserts[0]?.data
    expect(Object.isFrozen(data)).toBe(true)
    expect(Object.isFrozen(data?.m)).toBe(true)
  })

  it('ignores frames that are not JSON, not frames, or pushes of an unknown shape', async () => {
    const { conn, pushes, closes, socket } = await welcomed()
    const pending = conn.request({ type: 'get', collection: 'c', id: 'a' })
    const { id } = await socket.request('get')
    for (const bad of [
      'not json',
      '[1,2]',
      'null',
      '{"id": 999, "result": {}}',
      '{"id": "x", "result": {}}',
      '{"push": {"type": "nope"}}',
      '{"push": {"type": "target", "targetId": 1}}',
      '{"push": {"type": "target", "targetId": 1, "upserts": [{"id": 5}], "removes": []}}',
      '{"welcome": "again"}',
      '{}',
    ]) {
      socket.send(bad)
    }
    socket.raw.send(Buffer.from('binary'), { binary: true })
    socket.send({ push: { type: 'aggregate', targetId: 2, values: { n: 1 } } })
    await eventually(() => expect(pushes).toHaveLength(1))
    socket.send({ id, result: { doc: null } })
    expect(await pending).toEqual({ doc: null })
    expect(closes).toEqual([])
  })

  it('rejects every unanswered request with unavailable and calls onClose once when the socket drops', async () => {
    const { conn, closes, socket } = await welcomed()
    const waiting = [
      conn.request({ type: 'get', collection: 'c', id: 'a' }),
      conn.request({ type: 'query', query: { collection: 'c', orderBy: [] } }),
    ]
    await socket.request('query')
    socket.raw.close(4008, 'slow consumer')
    for (const p of waiting) expect((await rejection(p)).code).toBe('unavailable')
    await settle(30)
    expect(closes).toHaveLength(1)
    expect(closes[0]?.code).toBe('unavailable')
    expect(closes[0]?.message).toContain('4008')
    expect((await rejection(conn.request({ type: 'signOut' }))).code).toBe('unavailable')
  })

  it('does not call onClose after its own close(), and rejects what was waiting', async () => {
    const { conn, closes, socket } = await welcomed()
    const waiting = conn.request({ type: 'get', collection: 'c', id: 'a' })
    await socket.request('get')
    conn.close()
    expect((await rejection(waiting)).code).toBe('unavailable')
    expect(await socket.closed).toBe(1000)
    await settle(20)
    expect(closes).toEqual([])
  })

  it('closes quietly while still connecting', async () => {
    const { conn, closes } = connect()
    const waiting = conn.request({ type: 'signOut' })
    conn.close()
    expect((await rejection(waiting)).code).toBe('unavailable')
    await settle(50)
    expect(closes).toEqual([])
  })

  it('fails a connection to a server that is not there: requests reject, onClose once', async () => {
    await server.close()
    const { conn, closes } = connect()
    expect((await rejection(conn.request({ type: 'signOut' }))).code).toBe('unavailable')
    await settle(30)
    expect(closes).toHaveLength(1)
  })

  it('ends a connection whose server speaks another protocol version', async () => {
    const { conn, closes } = connect()
    const waiting = conn.request({ type: 'signOut' })
    const socket = await server.socket(0)
    await socket.frame((f) => f.hello !== undefined)
    socket.send({ welcome: { protocol: 2, epoch: 'e' } })
    expect((await rejection(waiting)).message).toContain('protocol 2')
    expect(closes).toHaveLength(1)
    expect(socket.frames.filter((f) => f.request)).toEqual([])
  })
})

describe('remote() options', () => {
  it.each([
    [null, 'options must be an object, got null'],
    [{ url: 42 }, "option 'url' must be a string, got 42"],
    [{ url: 'not a url' }, "'url' must be an absolute URL, got 'not a url'"],
    [{ url: 'ftp://example.com' }, "'url' must use http, https, ws or wss, got 'ftp:'"],
    [
      { url: 'http://example.com', WebSocket: 'ws' },
      "option 'WebSocket' must be a WebSocket class, got 'ws'",
    ],
  ])('remote(%j) throws', (options, message) => {
    expect(() => remote(options as never)).toThrow(`remote(): ${message}`)
  })

  it('connects to the /v1/socket endpoint under the server URL', async () => {
    // The scripted server accepts sockets on that path only.
    const conn = remote({ url: `${server.url}/`, WebSocket }).connect({
      projectId: 'p',
      onPush() {},
    })
    connections.push(conn)
    const socket = await server.socket(0)
    expect(await socket.frame((f) => f.hello !== undefined)).toBeDefined()
  })

  it('names the WebSocket option where the platform has no WebSocket', () => {
    vi.stubGlobal('WebSocket', undefined)
    try {
      const backend = remote({ url: 'http://127.0.0.1:9' })
      const error = (() => {
        try {
          backend.connect({ projectId: 'p', onPush() {} })
        } catch (e) {
          return e as MetalError
        }
      })()
      expect(error).toBeInstanceOf(MetalError)
      expect(error?.message).toContain("pass one as the 'WebSocket' option")
      expect(error?.message).toContain("import { WebSocket } from 'ws'")
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('tells a client with a url and no WebSocket to pass one, in its failed requests', async () => {
    vi.stubGlobal('WebSocket', undefined)
    const metal = new Metal({ projectId: 'p', url: server.url, sync: { storage: false } })
    try {
      const error = await rejection(metal.db().collection('c').doc('a').get())
      expect(error.code).toBe('unavailable')
      expect(error.message).toContain("pass one as the 'WebSocket' option")
    } finally {
      metal.close()
      vi.unstubAllGlobals()
    }
  })

  it('new Metal() throws for a WebSocket option that is not a class', () => {
    const options = { url: 'http://127.0.0.1:9', WebSocket: 42 } as unknown as MetalOptions
    expect(() => new Metal(options)).toThrow(
      "new Metal(): option 'WebSocket' must be a WebSocket class, got 42",
    )
  })

  it('new Metal({ apiKey, projectId, url, WebSocket }) connects with its API key', async () => {
    const metal = new Metal({ apiKey: 'the-key', projectId: 'proj', url: server.url, WebSocket })
    try {
      const socket = await server.socket(0)
      expect(await socket.frame((f) => f.hello !== undefined)).toEqual({
        hello: { protocol: 1, projectId: 'proj', apiKey: 'the-key' },
      })
    } finally {
      metal.close()
    }
  })
})
