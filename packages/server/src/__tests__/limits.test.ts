import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { MetalError } from '@metal/core'
import { CLOSE_CODES } from '@metal/core/protocol'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import { pgliteDriver } from '../sql/pglite.js'
import type { SqlDriver } from '../sql/driver.js'
import { connect, eventually } from './serverProcess.js'

// The per-connection and per-address limits of the server, over real sockets. They sit in the
// transport, before any storage, so one in-memory PGlite serves every test.

let driver: SqlDriver
const servers: MetalServer[] = []
let project = 0

beforeAll(async () => {
  driver = await pgliteDriver()
})
afterAll(async () => {
  for (const s of servers) await s.close()
  await driver?.close()
})

async function serve(options: Omit<ServerOptions, 'port' | 'log' | 'driver'> = {}) {
  const server = createServer({ driver, pollMs: 50, ...options, port: 0, log: false })
  servers.push(server)
  const { url } = await server.listen()
  onTestFinished(() => server.close())
  return url
}

/** A raw socket: what it received, how it closed, and whether the upgrade was refused. */
function raw(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
  const frames: Record<string, unknown>[] = []
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>))
  ws.on('error', () => {})
  const refused = new Promise<number>((resolve) =>
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  )
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()))
  onTestFinished(() => ws.terminate())
  const hello = async () => {
    await opened
    ws.send(JSON.stringify({ hello: { protocol: 1, projectId: `l${++project}` } }))
    await eventually(() => expect(frames[0]).toMatchObject({ welcome: { protocol: 1 } }))
  }
  return { ws, frames, closed, opened, refused, hello }
}

describe('server limits', () => {
  it('answers requests over the rate limit with resource-exhausted and retryAfter, unserved', async () => {
    const url = await serve({ rateLimit: { perSecond: 2, burst: 3 } })
    const c = raw(url)
    await c.hello()
    for (let id = 1; id <= 5; id++) {
      c.ws.send(JSON.stringify({ id, request: { type: 'get', collection: 'c', id: 'a' } }))
    }
    await eventually(() => expect(c.frames).toHaveLength(6))
    const answers = c.frames.slice(1)
    expect(answers.filter((f) => 'result' in f)).toHaveLength(3)
    const refused = answers.filter((f) => 'error' in f) as {
      error: { code: string; retryAfter: number }
    }[]
    expect(refused.map((f) => f.error.code)).toEqual(['resource-exhausted', 'resource-exhausted'])
    for (const f of refused) expect(f.error.retryAfter).toBeGreaterThan(0)
  })

  it('lets a client that writes faster than the limit back off and land every write once', async () => {
    const url = await serve({ rateLimit: { perSecond: 20, burst: 5 } })
    const metal = connect(url, { projectId: `l${++project}` })
    const coll = metal.db().collection('burst')
    await Promise.all(Array.from({ length: 30 }, (_, i) => coll.doc(`d${i}`).set({ i })))
    const all = await coll.get()
    expect(all.size).toBe(30)
  })

  it('refuses a live query over the per-connection limit with resource-exhausted', async () => {
    const url = await serve({ maxTargetsPerConnection: 2 })
    const c = raw(url)
    await c.hello()
    const listen = (id: number) =>
      c.ws.send(
        JSON.stringify({
          id,
          request: { type: 'listen', targetId: id, query: { collection: 'c', orderBy: [] } },
        }),
      )
    listen(1)
    listen(2)
    listen(3)
    await eventually(() =>
      expect(c.frames).toContainEqual({
        id: 3,
        error: expect.objectContaining({ code: 'resource-exhausted' }),
      }),
    )
  })

  it('refuses connections over the per-address limit with HTTP 429 and takes them again once one closes', async () => {
    const url = await serve({ maxConnectionsPerIp: 2 })
    const a = raw(url)
    const b = raw(url)
    await Promise.all([a.opened, b.opened])
    const c = raw(url)
    expect(await c.refused).toBe(429)
    a.ws.close()
    await a.closed
    await eventually(async () => {
      const d = raw(url)
      await d.opened
    })
  })

  it('closes a socket that sends no hello in time', async () => {
    const url = await serve({ helloTimeoutMs: 100 })
    const c = raw(url)
    await c.opened
    expect(await c.closed).toBe(CLOSE_CODES.badHello)
  })

  it('tells the client its message limit, so a write too large fails at once and is not resent', async () => {
    const url = await serve({ maxMessageBytes: 64 * 1024 })
    const sent: string[] = []
    class Recording extends WebSocket {
      override send(data: string): void {
        sent.push(data)
        super.send(data)
      }
    }
    const metal = connect(url, { projectId: `l${++project}`, WebSocket: Recording as never })
    const coll = metal.db().collection('big')
    await coll.doc('small').set({ n: 1 })
    const error = await coll
      .doc('large')
      .set({ text: 'x'.repeat(100_000) })
      .catch((e: unknown) => e)
    expect(MetalError.is(error, 'invalid-argument')).toBe(true)
    expect((error as Error).message).toMatch(/takes at most 65536 bytes per message/)
    expect(sent.some((s) => s.length > 64 * 1024)).toBe(false)
    // The connection is fine: later writes go through.
    await coll.doc('after').set({ n: 2 })
    expect((await coll.doc('large').get()).exists).toBe(false)
  })

  it('validates the limit options, naming the field', () => {
    expect(() => createServer({ rateLimit: { perSecond: 0, burst: 1 } })).toThrow(
      /option 'rateLimit.perSecond' must be a positive number, got 0/,
    )
    expect(() => createServer({ rateLimit: 'fast' as never })).toThrow(/option 'rateLimit'/)
    expect(() => createServer({ maxConnectionsPerIp: 1.5 })).toThrow(
      /option 'maxConnectionsPerIp' must be a positive integer, got 1.5/,
    )
    expect(() => createServer({ helloTimeoutMs: -1 })).toThrow(/option 'helloTimeoutMs'/)
    expect(() => createServer({ maxTargetsPerConnection: 0 })).toThrow(
      /option 'maxTargetsPerConnection'/,
    )
  })
})
