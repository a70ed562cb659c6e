import { describe, invalidArgument } from '../../errors.js'
import { hasBroadcastChannel } from '../../platform.js'
import {
  ServerCore,
  checkServerCoreOptions,
  type ServerCoreOptions,
} from '../../server/serverCore.js'
import { LocalConnection } from '../../server/localConnection.js'
import type { Backend, BackendConnection, ConnectOptions } from '../../protocol/backend.js'
import { lazyBackend } from '../../protocol/lazyBackend.js'
import { MapStorage } from './mapStorage.js'
import { checkEmbeddedOptions, type EmbeddedOptions } from './embeddedOptions.js'
import type { EmbeddedHost } from '../tabs/embeddedHost.js'

/** Options of the embedded memory backend. */
export interface MemoryBackendOptions
  extends Omit<ServerCoreOptions, 'storage' | 'presenceRelay'>, EmbeddedOptions {
  /**
   * BroadcastChannel name used to share presence with other tabs of the origin; `false` turns it
   * off. Projects get their own channel under this name.
   * @default 'metal-presence' in browsers, off elsewhere
   */
  presenceChannel?: string | false
}

/**
 * The embedded backend: the shared server logic over documents kept in maps in this process.
 * One instance can serve several `Metal` clients (each its own connection), which is how tests
 * and demos model several users. Projects are isolated from each other. With
 * `persistence: 'indexeddb'` the documents are also kept in IndexedDB (and shared by the tabs of
 * the site); that code is loaded only then.
 */
export class MemoryBackend implements Backend {
  private readonly storage = new MapStorage()
  private readonly core: ServerCore | undefined
  /** The persisted (and tab-shared) backend, loaded on first connect. */
  private readonly persisted: Backend | undefined
  private host: EmbeddedHost | undefined
  private closed = false

  constructor(options: MemoryBackendOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('memory()', `options must be an object, got ${describe(options)}`)
    }
    checkServerCoreOptions('memory()', options)
    checkEmbeddedOptions('memory()', options)
    const channel = options.presenceChannel
    if (
      channel !== undefined &&
      channel !== false &&
      (typeof channel !== 'string' || channel === '')
    ) {
      throw invalidArgument(
        'memory()',
        `option 'presenceChannel' must be a non-empty string or false, got ${describe(channel)}`,
      )
    }
    const isBrowser = typeof (globalThis as { document?: unknown }).document === 'object'
    const name = channel ?? (isBrowser && hasBroadcastChannel() ? 'metal-presence' : false)
    const now = options.now ?? Date.now
    const core: Omit<ServerCoreOptions, 'storage'> = {
      ...options,
      presenceRelay:
        name && hasBroadcastChannel()
          ? async (projectId, hub) => {
              // Loaded with the first presence use, in browsers only.
              const { PresenceRelay } = await import('../../server/presenceRelay.js')
              return new PresenceRelay(`${name}:${projectId}`, () => hub, projectId, now)
            }
          : undefined,
    }
    if (!options.persistence) this.core = new ServerCore({ ...core, storage: this.storage })
    else
      this.persisted = lazyBackend(() =>
        import('../tabs/index.js').then((m) => {
          this.host = m.persistedHost(options, core)
          if (this.closed) this.host.close()
          return this.host
        }),
      )
  }

  /**
   * Stops the backend's timers and its tab channel (tests, hot reload). A tab holding a shared
   * database lets go of it: another tab takes over.
   */
  close(): void {
    this.closed = true
    this.core?.close()
    this.host?.close()
  }

  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection {
    if (this.persisted) return this.persisted.connect(options)
    return new LocalConnection(this.core as ServerCore, options.projectId, options.onPush)
  }

  /**
   * Number of documents stored in a project's collection (for tests and tools). With
   * persistence: as loaded in the tab that holds the database (0 in other tabs).
   */
  count(projectId: string, collection: string): number {
    return (this.host ?? this.storage).count(projectId, collection)
  }

  /** Number of live queries open on a project's collection (in the holder tab, when shared). */
  listenerCount(projectId: string, collection: string): number {
    return this.server?.listenerCount(projectId, collection) ?? 0
  }

  /** Number of live aggregates open on a project's collection (in the holder tab, when shared). */
  aggregateListenerCount(projectId: string, collection: string): number {
    return this.server?.aggregateListenerCount(projectId, collection) ?? 0
  }

  private get server(): ServerCore | undefined {
    return this.core ?? this.host?.server
  }
}

/** Creates an embedded memory backend, to share between several `Metal` clients. */
export function memory(options?: MemoryBackendOptions): MemoryBackend {
  return new MemoryBackend(options)
}
