import type { BackendRequest, BackendResponses, TargetChange } from '../protocol/backend.js'
import type { Access } from './access.js'
import { commitKeys, planCommit } from './commitPlan.js'
import type { ServerConnection } from './connection.js'
import { resumeToken } from './feed.js'
import type { TargetGuard } from './guard.js'
import type { ServerObserver } from './options.js'
import type { ProjectState } from './project.js'
import type { ChangeFeed, FeedEntry, ServerStorage } from './storage.js'

/**
 * Commits of the server logic: plans each against the stored documents and the rules, applies
 * it atomically through the storage, and routes its changes to live queries (directly, or when
 * the storage's change feed delivers it, so every process sees every commit the same way).
 */
export class Commits {
  /** Commits of this process waiting for their feed entry, by position: each sends its reply. */
  private readonly waiting = new Map<
    number,
    { conn: ServerConnection; send: (own: TargetChange[]) => void }
  >()

  constructor(
    private readonly storage: ServerStorage,
    private readonly feed: ChangeFeed | undefined,
    private readonly projects: (projectId: string) => ProjectState | undefined,
    private readonly access: Access,
    private readonly guard: TargetGuard,
    private readonly now: () => number,
    private readonly observer: ServerObserver,
    private readonly feedWaitMs: number,
  ) {}

  async commit(
    conn: ServerConnection,
    project: ProjectState,
    msg: Extract<BackendRequest, { type: 'commit' }>,
    reply: (response: BackendResponses['commit']) => void,
  ): Promise<void> {
    const done = msg.mutationId !== undefined ? project.mutations.get(msg.mutationId) : undefined
    if (done) {
      reply({ ...done, targets: [] }) // a resend: already applied, apply nothing again
      return
    }
    if (msg.txId !== undefined) conn.transactions.take(msg.txId)
    let waitingAt: number | undefined
    try {
      const checks = msg.checks ?? []
      const time = this.now()
      type Committed = Omit<BackendResponses['commit'], 'targets'>
      const plan = planCommit(msg.writes, checks, time, (w, before, after) =>
        this.access.check(conn, {
          op: before ? (after ? 'update' : 'delete') : after ? 'create' : 'delete',
          collection: w.collection,
          id: w.id,
          doc: before,
          newDoc: after,
        }),
      )
      let sent: Promise<void> | undefined
      const outcome = await this.storage.commit<Committed>(
        conn.projectId,
        commitKeys(msg.writes, checks),
        (current, version) => {
          const { changes, result } = plan(current, version)
          const committed = { version, time, docs: result }
          if (this.feed && changes.length > 0) {
            // Routed when the feed delivers the commit, like every other process's commits;
            // the reply goes out then, before any later change reaches this connection.
            waitingAt = version
            sent = new Promise((resolve) => {
              const send = (own: TargetChange[]) => {
                this.remember(project, msg.mutationId, committed)
                reply({ ...committed, targets: own })
                resolve()
              }
              this.waiting.set(version, { conn, send })
            })
          }
          return { changes, result: committed }
        },
        msg.mutationId,
      )
      if (outcome.duplicate) {
        reply({ ...outcome.result, targets: [] })
        return
      }
      if (sent) {
        this.feed?.poke()
        await this.waitForFeed(sent, waitingAt as number, () => {
          // Committed, but the feed is not delivering (an outage, or far behind): acknowledge
          // now; its changes reach this connection's queries as pushes once the feed reads it.
          this.observer.commit?.(conn.projectId, msg.writes.length)
          this.remember(project, msg.mutationId, outcome.result)
          reply({ ...outcome.result, targets: [] })
        })
        return
      }
      this.observer.commit?.(conn.projectId, msg.writes.length)
      const routed = this.guard.route(conn.projectId, outcome.changes, conn)
      this.remember(project, msg.mutationId, outcome.result)
      reply({ ...outcome.result, targets: routed.own })
      routed.push(time)
    } catch (error) {
      if (waitingAt !== undefined) this.waiting.delete(waitingAt)
      throw error
    }
  }

  /** Waits for `sent`, or calls `late` (once, instead) after `feedWaitMs`. */
  private async waitForFeed(sent: Promise<void>, at: number, late: () => void): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.waiting.delete(at)) late()
        resolve()
      }, this.feedWaitMs)
    })
    await Promise.race([sent, expired]).finally(() => clearTimeout(timer))
  }

  private remember(
    project: ProjectState,
    mutationId: string | undefined,
    committed: Omit<BackendResponses['commit'], 'targets'>,
  ): void {
    if (mutationId !== undefined) project.mutations.set(mutationId, { ...committed, targets: [] })
  }

  /**
   * Routes one entry of the change feed to the project's live queries and aggregates, in the
   * project's line so it cannot fall between a listen's scan and its registration. A commit of
   * this process gets its reply here, with its own queries' changes.
   */
  deliver(entry: FeedEntry): void {
    const waiter = this.waiting.get(entry.position)
    this.waiting.delete(entry.position)
    const project = this.projects(entry.projectId)
    if (!project) return // nothing of the project is open in this process
    const feed = this.feed as ChangeFeed
    const run = project.queue.then(() => {
      project.position = entry.position
      if (waiter) this.observer.commit?.(entry.projectId, entry.changes.length)
      const routed = this.guard.route(entry.projectId, entry.changes, waiter?.conn, entry)
      waiter?.send(routed.own)
      // The commit's time is its documents' update time (a delete-only commit has none).
      const time = entry.changes.find((c) => c.after)?.after?.updateTime ?? this.now()
      routed.push(time, resumeToken(feed, entry.position))
    })
    project.queue = run.catch(() => {})
  }
}
