import { StrictMode, type ReactNode } from 'react'
import { QueryClient } from '@tanstack/react-query'
import { Metal, MetalError, memory, type Backend, type MemoryBackend } from '@metal/core'
import { MetalProvider } from '../index.js'

export interface User {
  name: string
  age: number
  role?: string
}

/**
 * A real memory backend with a switch in front of it: commits can be held back (to see optimistic
 * state) and then let through or refused, and listens on a collection can be refused. It stands in
 * for network latency and server-side rules; every document still lives in the memory backend.
 */
export function gatedBackend(inner: MemoryBackend = memory()) {
  let holding = false
  let held: ((refusal?: MetalError) => void)[] = []
  const refusedListens = new Set<string>()
  const listenRequests = new Map<string, number>()
  const backend: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          if (message.type === 'listen') {
            const { collection } = message.query
            listenRequests.set(collection, (listenRequests.get(collection) ?? 0) + 1)
          }
          if (message.type === 'listen' && refusedListens.has(message.query.collection)) {
            return Promise.reject(
              new MetalError('permission-denied', `listen on '${message.query.collection}' denied`),
            )
          }
          if (message.type === 'commit' && holding) {
            return new Promise((resolve, reject) => {
              held.push((refusal) =>
                refusal ? reject(refusal) : conn.request(message).then(resolve, reject),
              )
            })
          }
          return conn.request(message)
        },
        close: () => conn.close(),
      }
    },
  }
  return {
    backend,
    inner,
    /** Holds every commit from now on until `release()`. */
    hold() {
      holding = true
    },
    /** Sends the held commits on, or refuses them all with `refusal`. */
    release(refusal?: MetalError) {
      holding = false
      const pending = held
      held = []
      for (const send of pending) send(refusal)
    },
    /** How many live queries this client has asked the backend to open on `collection`. */
    listenRequests: (collection: string) => listenRequests.get(collection) ?? 0,
    refuseListens(collection: string) {
      refusedListens.add(collection)
    },
  }
}

/** A client under test, another user's client on the same backend, and a fresh QueryClient. */
export function setup(options: { strict?: boolean; queryClient?: QueryClient } = {}) {
  const gate = gatedBackend()
  const metal = new Metal({ backend: gate.backend, projectId: 'test' })
  const other = new Metal({ backend: gate.inner, projectId: 'test' })
  const queryClient = options.queryClient ?? new QueryClient()
  function Wrapper({ children }: { children?: ReactNode }) {
    const tree = (
      <MetalProvider client={metal} queryClient={queryClient}>
        {children}
      </MetalProvider>
    )
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree
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
