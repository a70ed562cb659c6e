import { describe, invalidArgument } from '../../errors.js'
import {
  ServerCore,
  checkServerCoreOptions,
  type ServerCoreOptions,
} from '../../server/serverCore.js'
import { LocalConnection } from '../../server/localConnection.js'
import type { Backend, BackendConnection, ConnectOptions } from '../../protocol/backend.js'
import { MapStorage } from './mapStorage.js'

/** Options of the embedded memory backend. */
export interface MemoryBackendOptions extends Omit<ServerCoreOptions, 'storage' | 'presenceRelay'> {
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
 * and demos model several users. Projects are isolated from each other.
 */
export class MemoryBackend implements Backend {
  private readonly storage = new MapStorage()
  private readonly core: ServerCore

  constructor(options: MemoryBackendOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('memory()', `options must be an object, got ${describe(options)}`)
    }
    checkServerCoreOptions('memory()', options)
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
    this.core = new ServerCore({
      ...options,
      storage: this.storage,
      presenceRelay:
        name && hasBroadcastChannel()
          ? async (projectId, hub) => {
              // Loaded with the first presence use, in browsers only.
              const { PresenceRelay } = await import('../../server/presenceRelay.js')
              return new PresenceRelay(`${name}:${projectId}`, () => hub, projectId, now)
            }
          : undefined,
    })
  }

  /** Stops the backend's timers and its tab channel (tests, hot reload). */
  close(): void {
    this.core.close()
  }

  /** Opens a connection for one client. */
  connect(options: ConnectOptions): BackendConnection {
    return new LocalConnection(this.core, options.projectId, options.onPush)
  }

  /** Number of documents stored in a project's collection (for tests and tools). */
  count(projectId: string, collection: string): number {
    return this.storage.count(projectId, collection)
  }

  /** Number of live queries open on a project's collection. */
  listenerCount(projectId: string, collection: string): number {
    return this.core.listenerCount(projectId, collection)
  }

  /** Number of live aggregates open on a project's collection. */
  aggregateListenerCount(projectId: string, collection: string): number {
    return this.core.aggregateListenerCount(projectId, collection)
  }
}

/** True where the platform has BroadcastChannel (browsers, Node 18+). */
function hasBroadcastChannel(): boolean {
  return typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel === 'function'
}

/** Creates an embedded memory backend, to share between several `Metal` clients. */
export function memory(options?: MemoryBackendOptions): MemoryBackend {
  return new MemoryBackend(options)
}
