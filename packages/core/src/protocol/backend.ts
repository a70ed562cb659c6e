import type { MetalError, MetalErrorCode } from '../errors.js'
import type { Credential, SessionData } from './session.js'
import type { PresenceDiff, PresenceMemberData, PresenceNotice } from './presence.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { AggregateSpec, AggregateValues } from '../engine/aggregateSpec.js'
import type { StoredDoc, Write } from '../engine/write.js'
import type { Value } from '../engine/types.js'

/** A check that a document read in a transaction is unchanged at commit. */
export interface VersionCheck {
  collection: string
  id: string
  /** The version read (0: it did not exist). */
  version: number
}

/** Requests a client sends a backend. Plain data: every field survives JSON. */
export type BackendRequest =
  | { type: 'get'; collection: string; id: string; txId?: string }
  | { type: 'query'; query: QuerySpec; txId?: string }
  | {
      type: 'commit'
      writes: Write[]
      checks?: VersionCheck[]
      txId?: string
      /** Unique per batch: a backend applies a mutation id once, however often it is sent. */
      mutationId?: string
    }
  | {
      type: 'listen'
      targetId: number
      query: QuerySpec
      /**
       * The last `resume` token this client received for the query on an earlier connection.
       * A server that can resume sends only what changed since (`resumed: true`); otherwise it
       * sends the whole result (`initial: true`).
       */
      resume?: string
    }
  /** Aggregations over a query's result, computed once over committed data. */
  | { type: 'aggregate'; query: QuerySpec; aggregates: AggregateSpec }
  /**
   * Keeps aggregations over a query live: the response carries the current values, then an
   * `aggregate` push follows each commit that changes them. Target ids share one space with
   * `listen` on a connection; `unlisten` ends either kind.
   */
  | { type: 'listenAggregate'; targetId: number; query: QuerySpec; aggregates: AggregateSpec }
  | { type: 'unlisten'; targetId: number }
  | { type: 'beginTransaction' }
  | { type: 'rollback'; txId: string }
  | { type: 'authenticate'; credential: Credential }
  | { type: 'signOut' }
  | { type: 'presenceSubscribe'; room: string }
  | { type: 'presenceUnsubscribe'; room: string }
  | { type: 'presenceTrack'; room: string; diff: PresenceDiff }
  | { type: 'presenceUntrack'; room: string }
  /**
   * The connection is alive (in every room it tracks). With `room`, the answer says whether the
   * connection is still tracked there: a backend drops a member not heard from in time.
   */
  | { type: 'presenceHeartbeat'; room?: string }
  /** An ephemeral message to the room's other connections; never stored. */
  | { type: 'presenceBroadcast'; room: string; event: string; payload: Record<string, Value> }

/** The result of each request type. */
export interface BackendResponses {
  get: { doc: StoredDoc | null }
  query: { docs: StoredDoc[] }
  /**
   * Each write's document after the commit (null: deleted), in write order, and how the commit
   * changed the committing connection's own listened queries. Carrying those here, instead of in
   * separate pushes, lets a client swap its optimistic state for the committed one in one step.
   */
  commit: { version: number; time: number; docs: (StoredDoc | null)[]; targets: TargetChange[] }
  listen: { ok: true }
  aggregate: { values: AggregateValues }
  listenAggregate: { values: AggregateValues }
  unlisten: { ok: true }
  beginTransaction: { txId: string }
  rollback: { ok: true }
  authenticate: { session: SessionData }
  signOut: { ok: true }
  presenceSubscribe: { members: PresenceMemberData[] }
  presenceUnsubscribe: { ok: true }
  /**
   * `resync: true`: the backend does not know this connection's state in the room (it timed
   * out, say) and could not apply a diff without `userId`: the client sends its whole state.
   */
  presenceTrack: { ok: true; resync?: true }
  presenceUntrack: { ok: true }
  /** `resync: true`: the connection is not tracked in the `room` named (see presenceTrack). */
  presenceHeartbeat: { ok: true; resync?: true }
  /** `resync: true`: the sender is not tracked in the room; the message was not sent. */
  presenceBroadcast: { ok: true; resync?: true }
}

/** How one listened query's result changed: entered or changed documents, and ids that left. */
export interface TargetChange {
  targetId: number
  upserts: StoredDoc[]
  removes: string[]
}

/**
 * Messages a backend pushes to a client. A `target` message lists how a listened query's result
 * changed: documents that entered it or changed (`upserts`) and ids that left it (`removes`).
 * The first one for a target has `initial: true` and carries the whole result. An `aggregate`
 * message carries a live aggregate's new values; a `targetError` ends either kind of target.
 */
export type BackendPush =
  | ({
      type: 'target'
      /** The whole result: the target's first message, or a reset after a failed resume. */
      initial?: boolean
      /** The first message of a resumed listen: only what changed since the resume token. */
      resumed?: boolean
      /** Opaque position to pass as `resume` when listening again after a reconnect. */
      resume?: string
    } & TargetChange)
  /** A live aggregate's new values; sent after a commit changes them. */
  | { type: 'aggregate'; targetId: number; values: AggregateValues }
  | { type: 'targetError'; targetId: number; code: MetalErrorCode; message: string }
  /** A presence room's member event, or a message broadcast to it. */
  | ({ type: 'presence' } & PresenceNotice)

/** Who is connecting. */
export interface ConnectOptions {
  projectId: string
  /** The app's API key (a Metal server checks it; the embedded backend ignores it). */
  apiKey?: string
  /** Receives every push, in order. */
  onPush: (message: BackendPush) => void
  /** Called once if the connection drops on its own (not after `close()`); the client reconnects. */
  onClose?: (error: MetalError) => void
  /**
   * Called once when the backend has accepted the connection (a server's welcome), so the
   * client knows the way is open before any request is answered.
   */
  onReady?: () => void
}

/**
 * One client's connection. Contract every implementation keeps: messages to one connection are
 * delivered in order; a commit's effect on the committing connection's own targets travels in
 * the commit response, never in a push.
 */
export interface BackendConnection {
  /** Sends a request; resolves with its response or rejects with a `MetalError`. */
  request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]>
  /** Ends the connection and every listen on it. */
  close(): void
}

/**
 * Where documents live. The embedded memory backend and the remote (server) backend both
 * implement this; several `Metal` clients can share one backend instance.
 */
export interface Backend {
  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection
}

/** Sends one request over whatever connection is current. */
export type Requester = <T extends BackendRequest>(
  message: T,
) => Promise<BackendResponses[T['type']]>
