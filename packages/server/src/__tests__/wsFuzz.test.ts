import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { CLOSE_CODES, FrameError, decodeClientFrame } from '@metal/core/protocol'
import { createServer, type MetalServer } from '../server.js'
import { databases, type TestDatabase } from './databases.js'
import { fuzzFrames, type FuzzFrame } from './fuzzFrames.js'
import { connect, eventually, health } from './serverProcess.js'

// Seeded hostile frames over real sockets against a real server: requests of every type
// mutated at random (wrong types, unknown types and fields, prototype keys, NaN-like strings,
// U+0000, lone surrogates, 10,000-level nesting, large strings), frames that are not messages
// (not JSON, binary, invalid UTF-8, over maxMessageBytes), frames before the hello and bad
// hellos. What each frame must get is what the protocol's decoder says of it: a request with a
// usable id gets an answer (invalid-argument when it is bad, never `internal`), anything else
// closes its socket with the documented code. Meanwhile a real client's live query keeps
// receiving writes, /health answers, and the heap after GC stays bounded.

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const SEED = Number(process.env.METAL_FUZZ_SEED ?? 20261202)
const MAX_MESSAGE_BYTES = 512 * 1024
/** Rounds of 1,020 frames: about 30 s per database on an idle machine (4 minutes allowed). */
const ROUNDS = 10
/** Sockets per round that carry answered requests, and requests per socket. */
const SOCKETS = 3
const REQUESTS = 300
/** Sockets per round that each get one frame that must close them. */
const CLOSERS = 120
/** Heap growth allowed across the whole run (after GC), in bytes. */
const HEAP_BOUND = 48 * 1024 * 1024

interface Answer {
  id: number
  result?: unknown
  error?: { code: string; message: string }
}

/** A raw client socket, with its answers by id and how it closed. */
async function open(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
  const answers = new Map<number, Answer>()
  const other: unknown[] = []
  let closeCode: number | undefined
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>
    if (typeof frame.id === 'number') answers.set(frame.id, frame as unknown as Answer)
    else other.push(frame)
  })
  ws.on('error', () => {})
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => resolve((closeCode = code))),
  )
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  onTestFinished(() => ws.terminate())
  return {
    ws,
    answers,
    other,
    closed,
    get closeCode() {
      return closeCode
    },
    send(frame: FuzzFrame) {
      if (frame.kind === 'text') ws.send(frame.text)
      else ws.send(frame.bytes, { binary: frame.binary })
    },
  }
}

/** A frame over maxMessageBytes: the socket closes with 1009 whatever it holds. */
const tooLarge = (frame: FuzzFrame): boolean =>
  (frame.kind === 'text' ? Buffer.byteLength(frame.text) : frame.bytes.length) > MAX_MESSAGE_BYTES

type Expected = { answer: 'invalid' | 'valid' } | { close: number } | { welcome: true }

/** What the protocol says a frame sent after the welcome must get. */
function afterHello(frame: FuzzFrame): Expected & { id?: number } {
  if (tooLarge(frame)) return { close: 1009 }
  if (frame.kind === 'bytes') return { close: frame.binary ? CLOSE_CODES.badFrame : 1007 }
  try {
    const decoded = decodeClientFrame(frame.text)
    if (decoded.kind === 'hello') return { close: CLOSE_CODES.badHello }
    return { answer: 'valid', id: decoded.id }
  } catch (error) {
    if (!(error instanceof FrameError)) throw error
    return error.id === undefined
      ? { close: CLOSE_CODES.badFrame }
      : { answer: 'invalid', id: error.id }
  }
}

/** What the protocol says a first frame must get. */
function asFirst(frame: FuzzFrame): Expected {
  if (tooLarge(frame)) return { close: 1009 }
  if (frame.kind === 'bytes')
    return frame.binary ? { close: CLOSE_CODES.badHello } : { close: 1007 }
  try {
    return decodeClientFrame(frame.text).kind === 'hello'
      ? { welcome: true }
      : { close: CLOSE_CODES.badHello }
  } catch {
    return { close: CLOSE_CODES.badHello }
  }
}

const show = (frame: FuzzFrame): string =>
  frame.kind === 'text' ? frame.text.slice(0, 200) : `<${frame.label}>`

describe.each(databases)('WebSocket fuzz against the server on $name', ({ name, create }) => {
  let db: TestDatabase
  let server: MetalServer
  let url: string

  beforeAll(async () => {
    db = await create()
    server = createServer({
      driver: db.driver,
      port: 0,
      log: false,
      pollMs: 50,
      maxMessageBytes: MAX_MESSAGE_BYTES,
    })
    ;({ url } = await server.listen())
  })
  afterAll(async () => {
    await server?.close()
    await db?.drop()
  })

  it('answers invalid-argument, not internal, for text the database cannot store', async () => {
    const c = await open(url)
    c.ws.send(JSON.stringify({ hello: { protocol: 1, projectId: 'unstorable' } }))
    const requests = [
      // Found by the fuzz on PostgreSQL: a lone surrogate in an update's field path, U+0000 in a
      // mutation id.
      { type: 'commit', writes: [{ collection: 'c', id: 'a', op: 'set', data: { n: 1 } }] },
      {
        type: 'commit',
        writes: [{ collection: 'c', id: 'a', op: 'update', fields: [['\ud800', 1]] }],
      },
      {
        type: 'commit',
        writes: [{ collection: 'c', id: 'b', op: 'set', data: { n: 1 } }],
        mutationId: 'm\u0000',
      },
    ]
    requests.forEach((request, i) => c.ws.send(JSON.stringify({ id: i + 1, request })))
    await eventually(() => expect(c.answers.size).toBe(requests.length))
    expect(c.answers.get(1)).toEqual({ id: 1, result: expect.anything() })
    for (const id of [2, 3]) {
      expect(c.answers.get(id)?.error?.code, JSON.stringify(c.answers.get(id))).toBe(
        'invalid-argument',
      )
    }
    c.ws.close()
    await c.closed
  })

  it('answers or closes every hostile frame as documented, and keeps serving a live query', async () => {
    const seed = SEED + (name === 'PGlite' ? 0 : 1)
    const monitor = connect(url, { projectId: 'monitor' })
    const writer = connect(url, { projectId: 'monitor' })
    const seen = new Set<string>()
    onTestFinished(
      monitor
        .db()
        .collection('live')
        .subscribe((changes) => changes.forEach((c) => seen.add(c.id))),
    )
    await writer.db().collection('live').doc('start').set({ round: -1 })
    await eventually(() => expect(seen.has('start')).toBe(true))
    const baseline = server.connections
    gc()
    const heapBefore = process.memoryUsage().heapUsed

    const tally = { frames: 0, answered: 0, valid: 0, closed: 0, welcomed: 0 }
    const codes = new Map<string, number>()
    let nextId = 1
    for (let round = 0; round < ROUNDS; round++) {
      const gen = fuzzFrames(seed * 100 + round, `fz${round}`)
      // The live query's client writes while the round runs; it must see every write.
      const liveWrite = writer.db().collection('live').doc(`r${round}`).set({ round })

      // Sockets that get many requests with usable ids: each must be answered.
      const answering = Array.from({ length: SOCKETS }, async (_, s) => {
        const c = await open(url)
        const projectId = `fz${round}s${s}`
        c.ws.send(JSON.stringify({ hello: { protocol: 1, projectId } }))
        const expected = new Map<number, { answer: 'invalid' | 'valid'; frame: FuzzFrame }>()
        let began = false
        while (expected.size < REQUESTS) {
          const frame = gen.request(nextId++)
          const want = afterHello(frame)
          if (!('answer' in want) || want.id === undefined || expected.has(want.id)) continue
          if (
            want.answer === 'valid' &&
            frame.kind === 'text' &&
            /"beginTransaction"/.test(frame.text)
          ) {
            // A second transaction on one project waits for the first (up to its timeout).
            if (began) continue
            began = true
          }
          expected.set(want.id, { answer: want.answer, frame })
          c.send(frame)
        }
        tally.frames += expected.size
        await eventually(() => {
          expect(c.closeCode).toBeUndefined()
          expect(c.answers.size).toBeGreaterThanOrEqual(expected.size)
        }, 30_000)
        for (const [id, { answer, frame }] of expected) {
          const got = c.answers.get(id)
          const context = `frame ${show(frame)} got ${JSON.stringify(got)?.slice(0, 300)}`
          expect(got, context).toBeDefined()
          if (answer === 'invalid') {
            expect(got!.error?.code, context).toBe('invalid-argument')
            expect(got!.error?.message, context).toMatch(/\S/)
          } else {
            expect(got!.error?.code, context).not.toBe('internal')
            tally.valid++
          }
          const code = got!.error?.code ?? 'ok'
          codes.set(code, (codes.get(code) ?? 0) + 1)
          tally.answered++
        }
        c.ws.close()
        await c.closed
      })

      // Sockets that each get one frame that ends them (or a hello that is welcomed).
      const closing = Array.from({ length: CLOSERS }, async (_, k) => {
        const c = await open(url)
        let frame: FuzzFrame
        let want: Expected
        const kind = k % 5
        if (kind === 0) {
          frame = gen.hello()
          want = asFirst(frame)
        } else if (kind === 1) {
          frame = gen.chance(0.5) ? gen.request(nextId++) : gen.nonMessage()
          want = asFirst(frame)
        } else {
          c.ws.send(JSON.stringify({ hello: { protocol: 1, projectId: `fz${round}c${k}` } }))
          do {
            frame =
              kind === 2
                ? gen.oversized(MAX_MESSAGE_BYTES, nextId++)
                : gen.chance(0.5)
                  ? gen.nonMessage()
                  : gen.request(nextId++)
            want = kind === 2 ? { close: 1009 } : afterHello(frame)
          } while (!('close' in want))
        }
        c.send(frame)
        tally.frames++
        if ('welcome' in want) {
          await eventually(() => expect(c.other[0]).toMatchObject({ welcome: { protocol: 1 } }))
          tally.welcomed++
          c.ws.close()
          await c.closed
          return
        }
        const code = 'close' in want ? want.close : undefined
        expect(await c.closed, `frame ${show(frame)}`).toBe(code)
        expect(c.answers.size, `frame ${show(frame)}`).toBe(0)
        tally.closed++
      })

      await Promise.all([...answering, ...closing])
      await liveWrite
      await eventually(() => expect(seen.has(`r${round}`)).toBe(true))
      expect((await health(url)).status).toBe(200)
    }

    // Every hostile socket is gone; only the two real clients remain.
    await eventually(() => expect(server.connections).toBe(baseline))
    gc()
    gc()
    const heapAfter = process.memoryUsage().heapUsed
    console.log(
      `[fuzz ${name}] seed ${seed}: ${tally.frames} frames (${tally.answered} answered, ` +
        `${tally.valid} of them valid requests; ${tally.closed} closed their socket; ` +
        `${tally.welcomed} hellos welcomed); answers ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `heap after GC ${(heapBefore / 2 ** 20).toFixed(1)} MiB before, ` +
        `${(heapAfter / 2 ** 20).toFixed(1)} MiB after`,
    )
    expect(tally.frames).toBeGreaterThanOrEqual(10_000)
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_BOUND)
    // Nothing a frame carried reached a prototype.
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // The live query is still served after all of it.
    await writer.db().collection('live').doc('end').set({ round: ROUNDS })
    await eventually(() => expect(seen.has('end')).toBe(true))
    expect(seen.size).toBe(ROUNDS + 2)
  }, 240_000)
})
