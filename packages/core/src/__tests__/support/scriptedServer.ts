import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { SOCKET_PATH } from '../../protocol/wire.js'

// A test-only WebSocket server whose every frame the test writes: it records what clients send
// and answers only what it is told to. It stands in for a Metal server where a test needs frames
// the shared server logic does not send (resume tokens, resent versions, malformed frames).

/** A frame a client sent, parsed (`text` when it was not JSON). */
export type ReceivedFrame = {
  hello?: { protocol: number; projectId: string; apiKey?: string }
  id?: number
  request?: { type: string; [key: string]: unknown }
  text?: string
}

/** One accepted client socket. */
export interface ScriptedSocket {
  readonly raw: WebSocket
  /** Frames received so far, in order. */
  readonly frames: ReceivedFrame[]
  /** Resolves with the first received frame (from the start) that `match` accepts. */
  frame(match: (frame: ReceivedFrame) => boolean): Promise<ReceivedFrame>
  /** The request frame of the given type (the first not taken yet). */
  request(type: string): Promise<{ id: number; request: Record<string, unknown> }>
  /** Sends a frame (an object is sent as JSON, a string as is). */
  send(frame: object | string): void
  /** Sends the welcome. */
  welcome(): void
  /** Resolves once the socket closed, with its close code. */
  readonly closed: Promise<number>
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string
  /** Sockets accepted so far, in order. */
  readonly sockets: ScriptedSocket[]
  /** Resolves with the n-th accepted socket (0-based). */
  socket(n: number): Promise<ScriptedSocket>
  close(): Promise<void>
}

/** Starts a scripted server on a free loopback port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: SOCKET_PATH })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const sockets: ScriptedSocket[] = []
  const waiters: (() => void)[] = []
  wss.on('connection', (raw) => {
    sockets.push(scripted(raw))
    for (const w of waiters.splice(0)) w()
  })
  const port = (wss.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    async socket(n) {
      while (sockets.length <= n) await new Promise<void>((resolve) => waiters.push(resolve))
      return sockets[n] as ScriptedSocket
    },
    async close() {
      for (const s of sockets) s.raw.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

function scripted(raw: WebSocket): ScriptedSocket {
  const frames: ReceivedFrame[] = []
  const taken = new Set<ReceivedFrame>()
  let wake: (() => void)[] = []
  raw.on('message', (data) => {
    const text = data.toString()
    try {
      frames.push(JSON.parse(text) as ReceivedFrame)
    } catch {
      frames.push({ text })
    }
    for (const w of wake.splice(0)) w()
  })
  raw.on('error', () => {})
  const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)))
  const frame = async (match: (f: ReceivedFrame) => boolean): Promise<ReceivedFrame> => {
    for (;;) {
      const found = frames.find((f) => !taken.has(f) && match(f))
      if (found) return found
      await new Promise<void>((resolve) => (wake = [...wake, resolve]))
    }
  }
  return {
    raw,
    frames,
    frame,
    async request(type) {
      const f = await frame((x) => x.request?.type === type)
      taken.add(f)
      return { id: f.id as number, request: f.request as Record<string, unknown> }
    },
    send(f) {
      raw.send(typeof f === 'string' ? f : JSON.stringify(f))
    },
    welcome() {
      raw.send(JSON.stringify({ welcome: { protocol: 1, epoch: 'scripted' } }))
    },
    closed,
  }
}
