import type { ChannelLike } from '../../platform.js'
import { MetalError, isMetalErrorCode, type MetalErrorCode } from '../../errors.js'
import { FieldValue } from '../../engine/fieldValues.js'
import type {
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from '../../protocol/backend.js'

// The messages of the tabs sharing one embedded database, on a BroadcastChannel (structured
// clone, no JSON). Every tab gets every message; `to` names the tab (or connection's tab) it is
// for. A follower's client connection `c` sends requests; the holder answers and pushes.
//
//   any      → all       { t: 'who', from }                  who holds the database?
//   holder   → all       { t: 'leader', from }               I do (on taking it, and to 'who')
//   follower → holder    { t: 'open', c, to, p }             a connection to project p
//            → holder    { t: 'req', c, to, id, m, s }       a request; s: where its sentinels are
//   holder   → follower  { t: 'res', c, to, id, r }          its result
//            → follower  { t: 'err', c, to, id, code, msg }  its failure
//            → follower  { t: 'push', c, to, p }             a push
//   either   → other     { t: 'close', c, to }

/** Where a field-value sentinel sits in a request: keys from the request down to it. */
export type SentinelPath = (string | number)[]

/** A message between the tabs sharing an embedded database. */
export type TabMessage =
  | { t: 'who'; from: string }
  | { t: 'leader'; from: string }
  | { t: 'open'; c: string; to: string; p: string }
  | { t: 'req'; c: string; to: string; id: number; m: BackendRequest; s: SentinelPath[] }
  | { t: 'res'; c: string; to: string; id: number; r: unknown }
  | { t: 'err'; c: string; to: string; id: number; code: MetalErrorCode; msg: string }
  | { t: 'push'; c: string; to: string; p: BackendPush }
  | { t: 'close'; c: string; to: string }

/** A BroadcastChannel carrying the tabs' messages. */
export type TabChannel = ChannelLike<TabMessage>

/**
 * Paths of the {@link FieldValue}s in a request. Structured clone turns a sentinel into a plain
 * `{ kind, operand }`; the holder makes those at these paths sentinels again ({@link revive}).
 */
export function sentinels(value: unknown, path: SentinelPath = [], out: SentinelPath[] = []) {
  if (value instanceof FieldValue) out.push(path)
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      sentinels(v, [...path, Array.isArray(value) ? Number(k) : k], out)
    }
  }
  return out
}

const KINDS = new Set(['serverTimestamp', 'increment', 'arrayUnion', 'arrayRemove', 'delete'])
const own = (o: unknown, k: string | number): o is Record<string | number, unknown> =>
  typeof o === 'object' && o !== null && Object.hasOwn(o, k)

/** Turns the cloned sentinels at `paths` of a request back into {@link FieldValue}s. */
export function revive(request: unknown, paths: unknown): void {
  if (!Array.isArray(paths)) return
  for (const path of paths as unknown[]) {
    if (!Array.isArray(path) || path.length === 0) continue
    let parent: unknown = request
    for (const key of path.slice(0, -1)) parent = own(parent, key) ? parent[key] : undefined
    const last = path[path.length - 1] as string | number
    if (!own(parent, last)) continue
    const v = parent[last] as { kind?: unknown; operand?: unknown } | null
    if (typeof v !== 'object' || v === null || !KINDS.has(v.kind as string)) continue
    Object.defineProperty(parent, last, {
      value: new FieldValue(v.kind as FieldValue['kind'], v.operand),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
}

/** Freezes a cloned value and everything in it (snapshot data is immutable). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  for (const v of Object.values(value)) deepFreeze(v)
  return Object.freeze(value)
}

interface Pending {
  type: string
  resolve: (result: never) => void
  reject: (error: MetalError) => void
}

/**
 * A follower tab's client connection to the holder tab. Requests wait until a holder is known;
 * when that holder goes away the connection ends as a dropped socket would (unanswered requests
 * reject `unavailable`, `onClose` is called), so the client reconnects, resubscribes and
 * replays its queued writes to the next holder.
 */
export class TabConnection implements BackendConnection {
  /** The holder tab this connection talks to, once known. */
  target: string | undefined
  private readonly pending = new Map<number, Pending>()
  private queue: [number, BackendRequest][] = []
  /** This tab's own connection, when this tab took the database before any holder was known. */
  private local: BackendConnection | undefined
  private nextId = 1
  private ended = false

  constructor(
    readonly id: string,
    readonly options: ConnectOptions,
    private readonly post: (message: TabMessage) => void,
    private readonly forget: (conn: TabConnection) => void,
  ) {}

  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
    if (this.local) return this.local.request(message)
    if (this.ended) {
      return Promise.reject(
        new MetalError('unavailable', `${message.type}: the connection is closed`),
      )
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: message.type, resolve, reject })
      if (this.target === undefined) this.queue.push([id, message])
      else this.send(id, message)
    })
  }

  close(): void {
    this.local?.close()
    if (this.ended) return
    if (this.target !== undefined) this.post({ t: 'close', c: this.id, to: this.target })
    this.end('the connection was closed before the holder tab answered')
  }

  /** The holder is known: open the connection to it and send what waited. */
  open(target: string): void {
    if (this.ended || this.target !== undefined) return
    this.target = target
    this.post({ t: 'open', c: this.id, to: target, p: this.options.projectId })
    for (const [id, message] of this.queue.splice(0)) this.send(id, message)
  }

  /**
   * This tab took the database while this connection still waited for a holder: what waited
   * goes to this tab's own connection, which serves everything from now on.
   */
  bind(local: BackendConnection): void {
    if (this.ended || this.target !== undefined) return
    this.local = local
    this.ended = true
    this.forget(this)
    for (const [id, message] of this.queue.splice(0)) {
      const p = this.pending.get(id) as Pending
      this.pending.delete(id)
      local.request(message).then(p.resolve as (r: unknown) => void, p.reject)
    }
  }

  /** A message from the holder for this connection. */
  receive(m: TabMessage): void {
    if (this.ended) return
    if (m.t === 'push') {
      try {
        this.options.onPush(deepFreeze(m.p))
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
      return
    }
    if (m.t === 'close') return this.lost()
    if (m.t !== 'res' && m.t !== 'err') return
    const p = this.pending.get(m.id)
    if (!p) return
    this.pending.delete(m.id)
    if (m.t === 'res') p.resolve(deepFreeze(m.r) as never)
    else p.reject(new MetalError(isMetalErrorCode(m.code) ? m.code : 'internal', String(m.msg)))
  }

  /** The holder went away: fail what waits and let the client reconnect. */
  lost(): void {
    if (this.ended) return
    const detail = 'the tab holding the embedded database went away'
    this.end(`${detail} before it answered`)
    this.options.onClose?.(new MetalError('unavailable', detail))
  }

  private send(id: number, m: BackendRequest): void {
    this.post({ t: 'req', c: this.id, to: this.target as string, id, m, s: sentinels(m) })
  }

  private end(detail: string): void {
    this.ended = true
    this.queue = []
    this.forget(this)
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const p of pending) p.reject(new MetalError('unavailable', `${p.type}: ${detail}`))
  }
}
