import type { ReactNode } from 'react'
import { QueryClient } from '@tanstack/react-query'
import { Metal } from '@metal/core'
import { memory } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'

/**
 * Two Metal clients on one embedded backend: `mine` behind the table's provider, `other` playing
 * another user whose writes arrive live.
 */
export function twoClients() {
  const backend = memory({ presenceChannel: false })
  const options = {
    projectId: 'test',
    backend,
    watchBrowserNetwork: false,
    sync: { storage: false },
    auth: { persistence: false },
  } as const
  const mine = new Metal(options)
  const other = new Metal(options)
  const queryClient = new QueryClient()
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <MetalProvider client={mine} queryClient={queryClient}>
      {children}
    </MetalProvider>
  )
  return {
    mine,
    other,
    wrapper,
    /** Writes `docs` by id from the other client, in one batch. */
    async seed(collection: string, docs: Record<string, Record<string, unknown>>) {
      const batch = other.db().batch()
      for (const [id, data] of Object.entries(docs)) {
        batch.set(other.db().collection(collection).doc(id), data)
      }
      await batch.commit()
    },
    close() {
      queryClient.clear()
      mine.close()
      other.close()
    },
  }
}
