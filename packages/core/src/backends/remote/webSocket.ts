import { MetalError } from '../../errors.js'

/**
 * The part of a WebSocket the remote backend uses: what browsers, Node 22+ and the `ws`
 * package's `WebSocket` all have. Text frames arrive as strings in `data`.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number
  /** Sends one text frame. */
  send(data: string): void
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void
  addEventListener(type: 'open' | 'error', listener: () => void): void
}

/** A WebSocket class: `globalThis.WebSocket` in browsers and Node 22+, `WebSocket` from `ws`. */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/** The WebSocket open state. */
export const OPEN = 1

/**
 * The WebSocket class to use: the one given, else the platform's. Throws a MetalError naming
 * the option where there is neither (Node 20).
 */
export function webSocketClass(
  call: string,
  given: WebSocketConstructor | undefined,
): WebSocketConstructor {
  const found = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
  if (typeof found !== 'function') {
    throw new MetalError(
      'failed-precondition',
      `${call}: this platform has no global WebSocket: pass one as the 'WebSocket' option (in Node 20: import { WebSocket } from 'ws')`,
    )
  }
  return found
}
