import { Metal, type MetalOptions } from '@metal/core'
import { memory, type MemoryBackend } from '@metal/core/memory'

const open = new Map<string, Metal[]>()

/**
 * A Metal client for one story: embedded, nothing persisted (no IndexedDB queue, no stored
 * session) and no presence shared with other tabs, so stories cannot see each other's data.
 * Closed by {@link closeDemoClients} when the story is torn down.
 */
export function demoClient(storyId: string, options: MetalOptions = {}): Metal {
  const metal = new Metal({
    projectId: 'storybook',
    watchBrowserNetwork: false,
    sync: { storage: false },
    auth: { persistence: false },
    ...options,
  })
  open.set(storyId, [...(open.get(storyId) ?? []), metal])
  return metal
}

/** An embedded backend that several demo clients can share, to play several users. */
export function demoBackend(): MemoryBackend {
  return memory({ presenceChannel: false })
}

/** Closes the clients a story opened: use as the story's `beforeEach` cleanup. */
export function closeDemoClients(storyId: string): void {
  for (const metal of open.get(storyId) ?? []) metal.close()
  open.delete(storyId)
}
