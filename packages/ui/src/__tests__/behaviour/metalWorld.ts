// Clients of several users on one embedded backend, for behaviour suites that need a live Metal.
// Framework-free: each runner puts a client behind its own provider (MetalProvider, MetalPlugin).

import { Metal } from '@metal/core'
import { memory, type MemoryBackendOptions } from '@metal/core/memory'

/** A backend shared by the clients `client()` makes; `close()` shuts them all. */
export interface MetalWorld {
  /** A new client (another user, another tab) on the shared backend. */
  client(): Metal
  close(): void
}

/** Creates a world of clients on one memory backend, presence heartbeats unthrottled. */
export function metalWorld(options: MemoryBackendOptions = {}): MetalWorld {
  const backend = memory({ presenceChannel: false, ...options })
  const opened: Metal[] = []
  return {
    client() {
      const metal = new Metal({
        backend,
        projectId: 'test',
        auth: { persistence: false },
        presence: { throttleMs: 0 },
        sync: { storage: false },
        watchBrowserNetwork: false,
      })
      opened.push(metal)
      return metal
    },
    close() {
      for (const metal of opened.splice(0)) metal.close()
    },
  }
}
