import type { ReactNode } from 'react'
import { configure } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import { Metal } from '@metal/core'
import { memory } from '@metal/core/memory'
import type { Backend, BackendRequest, MetalOptions } from '@metal/core'
import type { MemoryBackendOptions } from '@metal/core/memory'
import { MetalProvider } from '../index.js'
import { gatedBackend } from '@metal/core/testing'

export { gatedBackend }

export interface User {
  name: string
  age: number
  role?: string
}

/**
 * A client under test, another user's client on the same backend, and a fresh QueryClient.
 * `strict` renders under StrictMode at the root: React 19 double-mounts effects only there, not
 * under a `<StrictMode>` inside a wrapper.
 */
export function setup(options: { strict?: boolean; queryClient?: QueryClient } = {}) {
  configure({ reactStrictMode: options.strict === true })
  const gate = gatedBackend()
  const metal = new Metal({ backend: gate.backend, projectId: 'test' })
  const other = new Metal({ backend: gate.inner, projectId: 'test' })
  const queryClient = options.queryClient ?? new QueryClient()
  function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <MetalProvider client={metal} queryClient={queryClient}>
        {children}
      </MetalProvider>
    )
  }
  return {
    gate,
    metal,
    other,
    queryClient,
    wrapper: Wrapper,
    /** Live queries the backend holds open on `collection` for either client. */
    listens: (collection: string) => gate.inner.listenerCount('test', collection),
    users: () => other.db().collection<User>('users'),
    async seedUsers(users: Record<string, User>) {
      const batch = other.db().batch()
      for (const [id, user] of Object.entries(users))
        batch.set(other.db().collection('users').doc(id), user)
      await batch.commit()
    },
    close() {
      configure({ reactStrictMode: false })
      queryClient.clear()
      metal.close()
      other.close()
    },
  }
}

/** Lets in-flight backend messages and deferred closes land. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A backend that records every request its connections send, in order. */
export function recordingBackend(inner: Backend) {
  const sent: BackendRequest[] = []
  const backend: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          sent.push(message)
          return conn.request(message)
        },
        close: () => conn.close(),
      }
    },
  }
  return {
    backend,
    sent,
    /** How many requests of `type` were sent. */
    count: (type: BackendRequest['type']) => sent.filter((m) => m.type === type).length,
  }
}

/**
 * Several users' clients on one shared memory backend (no cross-tab channel, no persisted
 * session, presence sent unthrottled). Each client records what it sends and has its own wrapper.
 */
export function realtime(backendOptions: MemoryBackendOptions = {}) {
  const inner = memory({ presenceChannel: false, ...backendOptions })
  const opened: Metal[] = []
  /** A client; `backend` puts a wrapper of the shared one in between (e.g. `gatedBackend(inner)`). */
  function client({ backend, ...options }: Omit<MetalOptions, 'projectId'> = {}) {
    const recorder = recordingBackend(backend ?? inner)
    const metal = new Metal({
      backend: recorder.backend,
      projectId: 'test',
      auth: { persistence: false },
      presence: { throttleMs: 0 },
      sync: { storage: false },
      watchBrowserNetwork: false,
      ...options,
    })
    opened.push(metal)
    function Wrapper({ children }: { children?: ReactNode }) {
      return <MetalProvider client={metal}>{children}</MetalProvider>
    }
    return { metal, ...recorder, wrapper: Wrapper }
  }
  return {
    inner,
    client,
    close() {
      for (const metal of opened.splice(0)) metal.close()
    },
  }
}
