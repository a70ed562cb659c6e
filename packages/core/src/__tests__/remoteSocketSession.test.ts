import { describe, expect, it } from 'vitest'
import { MapStorage } from '../backends/memory/mapStorage.js'
import { MetalError } from '../errors.js'
import { CLOSE_CODES, encodeHello, encodeRequestFrame } from '../protocol/wire.js'
import { ServerCore, SocketSession, type SocketSessionOptions } from '../server/index.js'
import { eventually, settle } from '../testing/suites/harness.js'

// SocketSession, the server side of a client's socket, over a transport that records frames.

function session(options: Partial<SocketSessionOptions> = {}) {
  const core = new ServerCore({ storage: new MapStorage() })
  const sent: Record<string, unknown>[] = []
  const closes: { code: number; reason: string }[] = []
  let buffered = 0
  const s = new SocketSession(
    core,
    {
      send: (text) => sent.push(JSON.parse(text) as Record<string, unknown>),
      close: (code, reason) => closes.push({ code, reason }),
      bufferedAmount: () => buffered,
    },
    { epoch: 'e1', ...options },
  )
  return {
    core,
    s,
    sent,
    closes,
    setBuffered: (n: number) => (buffered = n),
    hello: () => s.receive(encodeHello({ protocol: 1, projectId: 'p', apiKey: 'k' })),
  }
}

const listen = (id: number, targetId = 1) =>
  encodeRequestFrame(id, { type: 'listen', targetId, query: { collection: 'c', orderBy: [] } })

describe('SocketSession', () => {
  it('answers the hello with the welcome, then serves requests by id', async () => {
    const t = session()
    t.hello()
    t.s.receive(encodeRequestFrame(3, { type: 'get', collection: 'c', id: 'a' }))
    await eventually(() => expect(t.sent).toHaveLength(2))
    expect(t.sent).toEqual([
      { welcome: { protocol: 1, epoch: 'e1' } },
      { id: 3, result: { doc: null } },
    ])
  })

  it('pushes a listened query’s results after its answer', async () => {
    const t = session()
    t.hello()
    t.s.receive(listen(1, 7))
    await eventually(() => expect(t.sent).toHaveLength(3))
    expect(t.sent[1]).toEqual({ id: 1, result: { ok: true } })
    expect(t.sent[2]).toMatchObject({ push: { type: 'target', targetId: 7, initial: true } })
  })

  it('checks the hello with onHello, holding early requests until it passes', async () => {
    let pass!: () => void
    const hellos: unknown[] = []
    const t = session({
      onHello: (hello) => {
        hellos.push(hello)
        return new Promise<void>((resolve) => (pass = resolve))
      },
    })
    t.hello()
    t.s.receive(encodeRequestFrame(1, { type: 'signOut' }))
    await settle(5)
    expect(t.sent).toEqual([])
    pass()
    await eventually(() => expect(t.sent).toHaveLength(2))
    expect(hellos).toEqual([{ protocol: 1, projectId: 'p', apiKey: 'k' }])
    expect(t.sent).toEqual([
      { welcome: { protocol: 1, epoch: 'e1' } },
      { id: 1, result: { ok: true } },
    ])
  })

  it.each([
    ['throws', () => { throw new MetalError('permission-denied', 'bad key') }], // prettier-ignore
    ['rejects', () => Promise.reject(new MetalError('permission-denied', 'bad key'))],
  ])('closes with 4001 when onHello %s, naming why', async (_, onHello) => {
    const t = session({ onHello })
    t.hello()
    t.s.receive(encodeRequestFrame(1, { type: 'signOut' }))
    await eventually(() => expect(t.closes).toHaveLength(1))
    expect(t.closes[0]).toEqual({ code: CLOSE_CODES.badHello, reason: 'hello refused: bad key' })
    await settle(5)
    expect(t.sent).toEqual([])
  })

  it('does not name an unexpected onHello failure to the client', async () => {
    const t = session({ onHello: () => Promise.reject(new Error('db password wrong')) })
    t.hello()
    await eventually(() => expect(t.closes).toHaveLength(1))
    expect(t.closes[0]?.reason).toBe('hello refused: refused')
  })

  it('closes a client that sends too many frames before its hello passes', async () => {
    const t = session({ onHello: () => new Promise(() => {}) })
    t.hello()
    for (let i = 0; i < 65; i++) t.s.receive(encodeRequestFrame(i, { type: 'signOut' }))
    expect(t.closes.map((c) => c.code)).toEqual([CLOSE_CODES.badFrame])
  })

  it('answers a bad request that has an id with an error, and closes on one without', async () => {
    const t = session()
    t.hello()
    t.s.receive('{"id":4,"request":{"type":"get"}}')
    expect(t.sent[1]).toMatchObject({ id: 4, error: { code: 'invalid-argument' } })
    expect(t.closes).toEqual([])
    t.s.receive('{"request":{"type":"signOut"}}')
    expect(t.closes[0]?.code).toBe(CLOSE_CODES.badFrame)
    t.s.receive(encodeRequestFrame(5, { type: 'signOut' }))
    await settle(5)
    expect(t.sent).toHaveLength(2) // nothing after the close
  })

  it('cuts a close reason to the 123 bytes a WebSocket allows', () => {
    const t = session({
      onHello: () => {
        throw new MetalError('permission-denied', `no key ${'é'.repeat(200)}`)
      },
    })
    t.hello()
    const reason = t.closes[0]?.reason ?? ''
    expect(t.closes[0]?.code).toBe(CLOSE_CODES.badHello)
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123)
    expect(reason.endsWith('...')).toBe(true)
  })

  it('closes a client that stops reading with 4008 and ends its live queries', async () => {
    const t = session({ maxBufferedBytes: 1000 })
    t.hello()
    t.s.receive(listen(1))
    await eventually(() => expect(t.sent).toHaveLength(3))
    expect(t.core.listenerCount('p', 'c')).toBe(1)
    t.setBuffered(1001)
    t.s.receive(encodeRequestFrame(2, { type: 'signOut' }))
    await eventually(() => expect(t.closes).toHaveLength(1))
    expect(t.closes[0]?.code).toBe(CLOSE_CODES.slowConsumer)
    expect(t.core.listenerCount('p', 'c')).toBe(0)
  })

  it('ends the connection’s live queries when the socket closes', async () => {
    const t = session()
    t.hello()
    t.s.receive(listen(1))
    await eventually(() => expect(t.core.listenerCount('p', 'c')).toBe(1))
    t.s.closed()
    expect(t.core.listenerCount('p', 'c')).toBe(0)
    t.s.receive(listen(2, 2))
    await settle(5)
    expect(t.core.listenerCount('p', 'c')).toBe(0)
  })
})
