import { MetalError } from '../errors.js'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import type { Backend } from '../protocol/backend.js'

/**
 * A real memory backend with a switch in front of it: commits can be held back (to see optimistic
 * state) and then let through or refused, and every request is counted by type. It stands in for
 * network latency and server-side rules; every document still lives in the memory backend.
 */
export function gatedBackend(inner: MemoryBackend = memory({ presenceChannel: false })) {
  let holding = false
  let held: ((refusal?: MetalError) => void)[] = []
  const listenRequests = new Map<string, number>()
  const refusedListens = new Set<string>()
  const requests: string[] = []
  const backend: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          requests.push(message.type)
          if (message.type === 'listen' || message.type === 'listenAggregate') {
            const { collection } = message.query
            if (message.type === 'listen')
              listenRequests.set(collection, (listenRequests.get(collection) ?? 0) + 1)
            if (refusedListens.has(collection)) {
              return Promise.reject(
                new MetalError('permission-denied', `listen on '${collection}' denied`),
              )
            }
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
    /** Every request type this client sent, in order. */
    requests,
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
    /** Refuses every listen (live query or live aggregate) on `collection` from now on, as access rules would. */
    refuseListens(collection: string) {
      refusedListens.add(collection)
    },
  }
}
