import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { createServer, type MetalServer } from '../server.js'
import { pgliteDriver } from '../sql/pglite.js'
import type { SqlDriver } from '../sql/driver.js'
import { eventually } from './serverProcess.js'
import { json, restServer, send, type RestServer } from './restHarness.js'

// Firestore's value limits at the server's own entry points, from hostile JSON: maps and arrays
// nest at most 20 levels ("Maximum depth of fields in a map or array: 20"), and an array never
// sits directly inside an array ("Nested arrays are not supported"). A 5,000-deep frame or body
// gets an invalid-argument answer, never a stack overflow, and the connection keeps working.

const DEPTH = 5_000
const deepArray = '['.repeat(DEPTH) + '1' + ']'.repeat(DEPTH)
const deepMap = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH)
const QUERY = '{"collection":"c","orderBy":[{"field":"a","direction":"asc"}]'

/** Request texts with a deep value (`@`) in each place a client may put one. */
const DEEP_REQUESTS: Record<string, string> = {
  'set data': '{"type":"commit","writes":[{"op":"set","collection":"c","id":"d","data":{"x":@}}]}',
  'update value':
    '{"type":"commit","writes":[{"op":"update","collection":"c","id":"d","fields":[["x",@]]}]}',
  'arrayUnion operand':
    '{"type":"commit","writes":[{"op":"update","collection":"c","id":"d","fields":[["x",{"$metal":"arrayUnion","operand":[@]}]]}]}',
  'where operand': `{"type":"query","query":${QUERY},"filter":{"type":"where","field":"a","op":"==","value":@}}}`,
  'cursor value': `{"type":"listen","targetId":1,"query":${QUERY},"startAt":{"values":[@],"inclusive":true}}}`,
  'presence metadata':
    '{"type":"presenceTrack","room":"r","diff":{"userId":"u","status":"s","metadata":{"x":@}}}',
  'broadcast payload': '{"type":"presenceBroadcast","room":"r","event":"e","payload":{"x":@}}',
  'credential metadata':
    '{"type":"authenticate","credential":{"type":"custom","token":"t","metadata":{"x":@}}}',
  'request itself': '@',
}

describe('value limits over a socket', () => {
  let driver: SqlDriver
  let server: MetalServer
  let url: string
  let project = 0

  beforeAll(async () => {
    driver = await pgliteDriver()
    server = createServer({ driver, pollMs: 50, port: 0, log: false })
    url = (await server.listen()).url.replace('http', 'ws')
  })
  afterAll(async () => {
    await server.close()
    await driver.close()
  })

  /** A socket past its hello: what it received, and whether it closed. */
  async function socket() {
    const ws = new WebSocket(`${url}/v1/socket`)
    const frames: Record<string, unknown>[] = []
    let closed: number | undefined
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>))
    ws.on('close', (code) => (closed = code))
    ws.on('error', () => {})
    onTestFinished(() => ws.terminate())
    await new Promise<void>((resolve) => ws.once('open', () => resolve()))
    ws.send(JSON.stringify({ hello: { protocol: 1, projectId: `v${++project}` } }))
    await eventually(() => expect(frames[0]).toMatchObject({ welcome: { protocol: 1 } }))
    const answer = async (id: number) => {
      await eventually(() => expect(frames.some((f) => f.id === id) || closed).toBeTruthy())
      return frames.find((f) => f.id === id) as
        { error?: { code: string; message: string }; result?: unknown } | undefined
    }
    return { ws, answer, closed: () => closed }
  }

  for (const [place, template] of Object.entries(DEEP_REQUESTS)) {
    for (const [kind, deep] of [
      ['array', deepArray],
      ['map', deepMap],
    ] as const) {
      it(`answers a ${DEPTH}-deep ${kind} as the ${place} with invalid-argument, and keeps serving`, async () => {
        const c = await socket()
        c.ws.send(`{"id":1,"request":${template.replace('@', deep)}}`)
        const reply = await c.answer(1)
        expect(c.closed()).toBeUndefined()
        expect(reply?.error?.code).toBe('invalid-argument')
        expect(reply?.error?.message).not.toMatch(/call stack|RangeError/)
        c.ws.send(JSON.stringify({ id: 2, request: { type: 'get', collection: 'c', id: 'd' } }))
        expect((await c.answer(2))?.result).toBeDefined()
      })
    }
  }

  it('refuses an array directly inside an array in written data, naming the field', async () => {
    const c = await socket()
    const write = { op: 'set', collection: 'c', id: 'd', data: { a: [1, [2]] } }
    c.ws.send(JSON.stringify({ id: 1, request: { type: 'commit', writes: [write] } }))
    const reply = await c.answer(1)
    expect(reply?.error?.code).toBe('invalid-argument')
    expect(reply?.error?.message).toContain("'a[1]'")
  })

  it('refuses an arrayUnion() element that is an array', async () => {
    const c = await socket()
    const union = { $metal: 'arrayUnion', operand: [[1]] }
    const write = { op: 'update', collection: 'c', id: 'd', fields: [['a', union]] }
    c.ws.send(JSON.stringify({ id: 1, request: { type: 'commit', writes: [write] } }))
    expect((await c.answer(1))?.error?.code).toBe('invalid-argument')
  })
})

describe('value limits over REST', () => {
  let driver: SqlDriver
  let rest: RestServer
  const docs = `/v1/projects/rv/collections/c/docs`

  beforeAll(async () => {
    driver = await pgliteDriver()
    rest = await restServer(driver, { admit: () => ({}) })
  })
  afterAll(async () => {
    await rest.close()
    await driver.close()
  })

  const bodyError = (answer: { status: number; json: unknown }) => {
    expect(answer.status).toBe(400)
    return (answer.json as { error: { code: string; message: string } }).error
  }

  for (const [method, path] of [
    ['POST', docs],
    ['PUT', `${docs}/d1`],
    ['PATCH', `${docs}/d1`],
  ] as const) {
    it(`answers a ${DEPTH}-deep ${method} body with 400 invalid-argument, and keeps serving`, async () => {
      for (const body of [`{"a":${deepArray}}`, `{"a":${deepMap}}`, deepMap]) {
        const error = bodyError(await send(rest.url, method, path, { body }))
        expect(error.code).toBe('invalid-argument')
        expect(error.message).not.toMatch(/call stack|RangeError/)
      }
      expect((await send(rest.url, 'PUT', `${docs}/ok`, json({ a: 1 }))).status).toBe(200)
    })
  }

  it('refuses a nested array in a body', async () => {
    const error = bodyError(await send(rest.url, 'PUT', `${docs}/d2`, json({ a: [[1]] })))
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toContain("'a[0]'")
    expect((await send(rest.url, 'GET', `${docs}/d2`)).status).toBe(404)
  })
})
