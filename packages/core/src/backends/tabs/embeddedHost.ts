import { ServerCore, type ServerCoreOptions } from '../../server/serverCore.js'
import { LocalConnection } from '../../server/localConnection.js'
import type { Backend, BackendConnection, ConnectOptions } from '../../protocol/backend.js'
import { PersistedStorage, type DocStore } from './persistedStorage.js'
import { indexedDbDocs } from './indexedDbDocs.js'
import type { EmbeddedOptions } from '../memory/embeddedOptions.js'
import { TabConnection, type TabChannel, type TabMessage } from './tabChannel.js'
import { TabSession } from './tabSession.js'
import {
  broadcastChannel,
  hasBroadcastChannel,
  webLocks,
  type LockManagerLike,
} from '../../platform.js'

/** Options of an {@link EmbeddedHost}. */
export interface EmbeddedHostOptions {
  /** Names the database: its Web Lock and BroadcastChannel are named after it. */
  name: string
  /** Where documents are kept between page loads. */
  docs: DocStore
  /** Share one database between the tabs of the site (needs Web Locks and BroadcastChannel). */
  shareTabs: boolean
  /** The server logic's options (rules, clock, timeouts, presence relay). */
  core: Omit<ServerCoreOptions, 'storage'>
}

const randomId = (): string => Math.random().toString(36).slice(2, 12)

/**
 * The embedded backend over persisted storage, optionally shared by the tabs of a site. Every
 * tab asks for the database's Web Lock; the tab that gets it is the holder: it runs the server
 * logic over the stored documents and serves the other tabs, whose connections travel over a
 * BroadcastChannel. When the holder closes, its lock passes to a waiting tab, which loads the
 * documents and announces itself; the followers' connections then drop and their clients
 * reconnect to it (resubscribing, and replaying queued writes, which the stored mutation ids
 * keep from being applied twice). Without Web Locks or BroadcastChannel each tab holds its own.
 */
export class EmbeddedHost implements Backend {
  private readonly id = randomId()
  private core: ServerCore | undefined
  private storage: PersistedStorage | undefined
  /** The holder tab, when known (this tab's id when it holds the database). */
  private leader: string | undefined
  private readonly channel: TabChannel | undefined
  private readonly locks: LockManagerLike | undefined
  /** Holder side: the sessions of other tabs' connections, by connection id. */
  private readonly sessions = new Map<string, TabSession>()
  /** Tabs whose end the holder is watching (their tab lock). */
  private readonly watched = new Set<string>()
  /** Follower side: this tab's connections to the holder, by id. */
  private readonly conns = new Map<string, TabConnection>()
  private readonly releases: (() => void)[] = []
  private next = 0
  private closed = false

  constructor(private readonly options: EmbeddedHostOptions) {
    const locks = webLocks()
    if (!options.shareTabs || !locks || !hasBroadcastChannel()) {
      this.lead()
      return
    }
    this.locks = locks
    const channel = broadcastChannel<TabMessage>(`metal-embedded:${options.name}`) as TabChannel
    this.channel = channel
    // First this tab's own lock, held for its life: the holder asks for it to learn when this
    // tab is gone, so nothing of this tab may reach the holder before it is held (else the
    // holder could get it first and end this tab's connections at once).
    this.hold(`metal-embedded-tab:${this.id}`, () => {
      channel.onmessage = (event) => this.receive(event.data as TabMessage)
      this.hold(`metal-embedded:${options.name}`, () => {
        this.lead()
        this.post({ t: 'leader', from: this.id })
      })
      this.post({ t: 'who', from: this.id })
    })
  }

  /** True while this tab holds the database. */
  get holding(): boolean {
    return this.core !== undefined
  }

  /** The server logic, in the tab that holds the database. */
  get server(): ServerCore | undefined {
    return this.core
  }

  /** Documents in a project's collection, as loaded in the holder tab (0 elsewhere). */
  count(projectId: string, collection: string): number {
    return this.storage?.loadedCount(projectId, collection) ?? 0
  }

  connect(options: ConnectOptions): BackendConnection {
    if (this.core) return new LocalConnection(this.core, options.projectId, options.onPush)
    const conn = new TabConnection(
      `${this.id}.${++this.next}`,
      options,
      (m) => this.post(m),
      (c) => this.conns.delete(c.id),
    )
    this.conns.set(conn.id, conn)
    const leader = this.leader
    if (leader !== undefined) conn.open(leader)
    return conn
  }

  /** Ends this tab's part: lets go of the lock (another tab takes over) and of every connection. */
  close(): void {
    if (this.closed) return
    for (const conn of [...this.conns.values()]) conn.close()
    for (const [c, session] of this.sessions) {
      session.close()
      this.post({ t: 'close', c, to: c.split('.')[0] as string })
    }
    this.sessions.clear()
    this.closed = true
    for (const release of this.releases.splice(0)) release()
    this.channel?.close()
    this.core?.close()
    this.storage?.close()
    this.core = undefined
  }

  /** Asks for a Web Lock and keeps it until {@link close}; `got` runs when it is granted. */
  private hold(name: string, got: () => void): void {
    void this.locks?.request(
      name,
      () =>
        new Promise<void>((release) => {
          if (this.closed) return release()
          this.releases.push(release)
          got()
        }),
    )
  }

  /** This tab holds the database now: serve it here, and move this tab's clients onto it. */
  private lead(): void {
    const storage = new PersistedStorage(this.options.docs)
    this.storage = storage
    const { presenceRelay, ...core } = this.options.core
    // Shared, one server logic serves every tab's presence: no relay between tabs is needed.
    this.core = new ServerCore({
      ...core,
      ...(this.channel ? {} : { presenceRelay }),
      storage,
    })
    this.leader = this.id
    for (const conn of [...this.conns.values()]) {
      if (conn.target !== undefined) conn.lost()
      else conn.bind(new LocalConnection(this.core, conn.options.projectId, conn.options.onPush))
    }
  }

  private post(message: TabMessage): void {
    if (!this.closed) this.channel?.postMessage(message)
  }

  private receive(m: TabMessage): void {
    if (this.closed || typeof m !== 'object' || m === null) return
    if (m.t === 'who') {
      if (this.core) this.post({ t: 'leader', from: this.id })
      return
    }
    if (m.t === 'leader') {
      if (this.core || m.from === this.leader) return
      this.leader = m.from
      for (const conn of [...this.conns.values()]) {
        if (conn.target === undefined) conn.open(m.from)
        else conn.lost()
      }
      return
    }
    if (m.to !== this.id) return
    if (this.core) {
      if (m.t === 'open') this.serve(m.c, m.p)
      else if (m.t === 'req') this.sessions.get(m.c)?.receive(m.id, m.m, m.s)
      else if (m.t === 'close') {
        this.sessions.get(m.c)?.close()
        this.sessions.delete(m.c)
      }
      return
    }
    const conn = this.conns.get(m.c)
    // The holder closed it: it is leaving; wait for the next one to announce itself.
    if (m.t === 'close' && conn?.target === this.leader) this.leader = undefined
    conn?.receive(m)
  }

  /** Holder: serves another tab's connection `c` to project `projectId`. */
  private serve(c: string, projectId: unknown): void {
    if (this.sessions.has(c) || typeof c !== 'string' || typeof projectId !== 'string') return
    const tab = c.split('.')[0] as string
    const session = new TabSession(this.core as ServerCore, projectId, c, tab, (m) => this.post(m))
    this.sessions.set(c, session)
    if (this.watched.has(tab)) return
    this.watched.add(tab)
    // Granted when that tab is gone (closed, crashed, reloaded): its connections end with it.
    void this.locks?.request(`metal-embedded-tab:${tab}`, async () => {
      this.watched.delete(tab)
      for (const [id, s] of this.sessions) {
        if (id.split('.')[0] !== tab) continue
        this.sessions.delete(id)
        s.close()
      }
    })
  }
}

/** The embedded backend of `memory({ persistence: 'indexeddb', databaseName?, shareTabs? })`. */
export function persistedHost(
  options: EmbeddedOptions,
  core: Omit<ServerCoreOptions, 'storage'>,
): EmbeddedHost {
  const { databaseName: name = 'metal-embedded', shareTabs = true } = options
  return new EmbeddedHost({ name, docs: indexedDbDocs(name), shareTabs, core })
}
