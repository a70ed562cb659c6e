import { describe, invalidArgument } from '../../errors.js'
import { socketUrl } from '../../protocol/wire.js'
import type { Backend, BackendConnection, ConnectOptions } from '../../protocol/backend.js'
import { SocketConnection } from './socketConnection.js'
import { webSocketClass, type WebSocketConstructor } from './webSocket.js'

/** Options of a remote backend: where the Metal server is, and how to reach it. */
export interface RemoteBackendOptions {
  /** The server's URL (`http(s)://` or `ws(s)://`); the socket is at its `/v1/socket` path. */
  url: string
  /**
   * The WebSocket class to connect with. Browsers and Node 22+ have one; in Node 20 pass
   * `WebSocket` from the `ws` package (`import { WebSocket } from 'ws'`).
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor
}

/**
 * The backend of a Metal server at `url`: each client connection is one WebSocket. A dropped
 * socket fails the requests still waiting with `unavailable`; the client reconnects with
 * backoff, listens again (resuming where it can) and resends queued writes once.
 */
export function remote(options: RemoteBackendOptions): Backend {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('remote()', `options must be an object, got ${describe(options)}`)
  }
  const { url, WebSocket } = options
  if (typeof url !== 'string') {
    throw invalidArgument('remote()', `option 'url' must be a string, got ${describe(url)}`)
  }
  const endpoint = socketUrl(url)
  if (WebSocket !== undefined && typeof WebSocket !== 'function') {
    throw invalidArgument(
      'remote()',
      `option 'WebSocket' must be a WebSocket class, got ${describe(WebSocket)}`,
    )
  }
  return {
    connect(connectOptions: ConnectOptions): BackendConnection {
      return new SocketConnection(webSocketClass('remote()', WebSocket), endpoint, connectOptions)
    },
  }
}
