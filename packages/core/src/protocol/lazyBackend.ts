import { MetalError } from '../errors.js'
import type {
  Backend,
  BackendConnection,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
} from './backend.js'

/**
 * A backend whose code is loaded on first connect (a dynamic import, so bundlers put it in a
 * chunk of its own). Requests made before it has loaded wait for it, in order.
 */
export function lazyBackend(load: () => Promise<Backend>): Backend & { close(): void } {
  let loading: Promise<Backend> | undefined
  return {
    /** Closes the loaded backend, if it has a `close()` (an embedded one frees its tab lock). */
    close(): void {
      void loading?.then(
        (backend) => (backend as { close?: () => void }).close?.(),
        () => {},
      )
    },
    connect(options: ConnectOptions): BackendConnection {
      loading ??= load()
      let inner: BackendConnection | undefined
      let closed = false
      const ready = loading.then((backend) => {
        if (!closed) inner = backend.connect(options)
        return inner
      })
      // A backend that fails to load or to connect ends this connection: the client's link
      // reconnects with backoff, as after any lost connection.
      ready.catch((error: unknown) => {
        if (closed) return
        closed = true
        options.onClose?.(
          MetalError.is(error) ? error : new MetalError('unavailable', String(error)),
        )
      })
      return {
        request<T extends BackendRequest>(message: T): Promise<BackendResponses[T['type']]> {
          if (inner) return inner.request(message)
          return ready.then(
            (conn) =>
              conn?.request(message) ??
              Promise.reject(
                new MetalError('unavailable', `${message.type}: the connection is closed`),
              ),
            (error: unknown) => {
              throw new MetalError(
                'unavailable',
                `${message.type}: the backend could not be loaded (${String((error as Error)?.message ?? error)})`,
              )
            },
          )
        },
        close(): void {
          closed = true
          inner?.close()
        },
      }
    },
  }
}
