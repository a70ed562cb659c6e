import WebSocket from 'ws'
import {
  PROTOCOL_VERSION,
  encodeHello,
  encodeRequestFrame,
  socketUrl,
  type BackendPush,
  type BackendRequest,
} from '@metal/core/protocol'
import type { QuerySpec } from '@metal/core/engine'

// A Metal client reduced to the wire (packages/core/src/protocol/wire.ts): hello → welcome,
// `{ id, request }` frames, `{ id, result | error }` answers and `{ push }` frames. Load
// generators use it instead of `new Metal()` so that they are not the bottleneck: a push can be
// handled as raw text, without parsing.

/** A target push as it arrives. */
export type TargetPush = Extract<BackendPush, { type: 'target' }>

/** The equality query `collection where field == value`. */
export function equalityQuery(collection: string, field: string, value: unknown): QuerySpec {
  return { collection, filter: { type: 'where', field, op: '==', value }, orderBy: [] }
}

/** The frame of a commit that sets one document. */
export function setFrame(
  id: number,
  collection: string,
  docId: string,
  data: Record<string, unknown>,
  mutationId: string,
): string {
  return encodeRequestFrame(id, {
    type: 'commit',
    writes: [{ op: 'set', collection, id: docId, data }],
    mutationId,
  })
}

/** One raw Metal connection. */
export class MetalSocket {
  /** Receives each push frame's text (set it to handle pushes without parsing them). */
  onPushText: ((text: string) => void) | undefined
  /** Receives each parsed push (used when `onPushText` is not set). */
  onPush: ((push: BackendPush) => void) | undefined
  /** Receives each answer's id (used by pipelined writers instead of `request()`). */
  onAnswer: ((id: number, error: string | undefined) => void) | undefined
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >()
  /** Listens waiting for their first push, by target id. */
  private readonly firstPush = new Map<number, (push: TargetPush) => void>()
  private constructor(readonly ws: WebSocket) {}

  /** Connects to a Metal server, sends the hello and waits for the welcome. */
  static open(url: string, projectId: string, timeoutMs = 30_000): Promise<MetalSocket> {
    const ws = new WebSocket(socketUrl(url), { perMessageDeflate: false })
    const socket = new MetalSocket(ws)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate()
        reject(new Error('no welcome in time'))
      }, timeoutMs)
      ws.once('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
      ws.once('close', (code, reason) => {
        clearTimeout(timer)
        reject(new Error(`closed before the welcome: ${code} ${reason.toString()}`))
      })
      ws.once('open', () =>
        ws.send(encodeHello({ protocol: PROTOCOL_VERSION, projectId, apiKey: 'bench' })),
      )
      ws.once('message', (data) => {
        clearTimeout(timer)
        const text = data.toString()
        if (!text.startsWith('{"welcome"')) {
          reject(new Error(`expected a welcome, got ${text.slice(0, 200)}`))
          return
        }
        ws.removeAllListeners('close')
        ws.removeAllListeners('error')
        ws.on('error', () => {})
        ws.on('close', () => socket.failAll('socket closed'))
        ws.on('message', (d) => socket.receive(d.toString()))
        resolve(socket)
      })
    })
  }

  /** Sends a request and resolves with its result. */
  request<T = unknown>(request: BackendRequest): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.ws.send(encodeRequestFrame(id, request))
    })
  }

  /** A fresh request id, for frames built by the caller and sent with `sendFrame`. */
  takeId(): number {
    return this.nextId++
  }

  /** Sends a prepared frame; its answer goes to `onAnswer`. */
  sendFrame(text: string): void {
    this.ws.send(text)
  }

  /** Listens to `query` as `targetId`; resolves with the first push (initial or resumed). */
  async listen(targetId: number, query: QuerySpec, resume?: string): Promise<TargetPush> {
    const first = new Promise<TargetPush>((resolve) => this.firstPush.set(targetId, resolve))
    await this.request({ type: 'listen', targetId, query, ...(resume ? { resume } : {}) })
    return first
  }

  /** Closes the socket and waits until it is closed. */
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve())
      this.ws.close()
    })
  }

  private receive(text: string): void {
    if (text.startsWith('{"push"')) {
      if (this.onPushText && this.firstPush.size === 0) {
        this.onPushText(text)
        return
      }
      const push = (JSON.parse(text) as { push: BackendPush }).push
      const first = push.type === 'target' ? this.firstPush.get(push.targetId) : undefined
      if (first && push.type === 'target') {
        this.firstPush.delete(push.targetId)
        first(push)
      } else if (this.onPushText) this.onPushText(text)
      else this.onPush?.(push)
      return
    }
    const frame = JSON.parse(text) as { id: number; result?: unknown; error?: { message: string } }
    const waiter = this.pending.get(frame.id)
    if (waiter) {
      this.pending.delete(frame.id)
      if (frame.error) waiter.reject(new Error(frame.error.message))
      else waiter.resolve(frame.result)
      return
    }
    this.onAnswer?.(frame.id, frame.error?.message)
  }

  private failAll(why: string): void {
    for (const p of this.pending.values()) p.reject(new Error(why))
    this.pending.clear()
  }
}

/** Reads the send time `"t":<number>` carried in a pushed document without parsing the frame. */
export function sentAt(text: string): number {
  const at = text.indexOf('"t":')
  if (at < 0) return NaN
  let end = at + 4
  while (end < text.length) {
    const c = text.charCodeAt(end)
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 45 || c === 43) end++
    else break
  }
  return Number(text.slice(at + 4, end))
}
