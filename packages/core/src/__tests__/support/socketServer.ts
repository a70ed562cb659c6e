import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { MapStorage } from '../../backends/memory/mapStorage.js'
import { ServerCore, type ServerCoreOptions } from '../../server/serverCore.js'
import { SocketSession, type SocketSessionOptions } from '../../server/socketSession.js'
import { CLOSE_CODES, SOCKET_PATH, type Hello } from '../../protocol/wire.js'
import type { ServerStorage } from '../../server/storage.js'

// A test-only Metal server: the shared server logic over a map storage, served on a loopback
// WebSocket through SocketSession with the `ws` package. It can be killed and restarted on the
// same port (with the same data) to test what clients do when a server goes away.

/** Options of {@link startSocketServer}. */
export interface SocketServerOptions extends Partial<Omit<ServerCoreOptions, 'storage'>> {
  /** Where documents live. @default a fresh MapStorage */
  storage?: ServerStorage
  /** See {@link SocketSessionOptions.maxBufferedBytes}. */
  maxBufferedBytes?: number
  /** See {@link SocketSessionOptions.onHello}. */
  onHello?: SocketSessionOptions['onHello']
}

/** A running test server. */
export interface SocketServer {
  /** `http://127.0.0.1:<port>`: what a client is given as `url`. */
  readonly url: string
  readonly core: ServerCore
  /** Server-side sockets currently open. */
  readonly sockets: ReadonlySet<WebSocket>
  /** Every hello accepted or refused, in order. */
  readonly hellos: Hello[]
  /** Close codes the server closed sockets with, in order. */
  readonly closeCodes: number[]
  /** Stops listening and cuts every socket at once, as a crashed process would. */
  kill(): Promise<void>
  /** Listens again on the same port, with the same data. */
  restart(): Promise<void>
  /** Shuts the server down for good. */
  close(): Promise<void>
}

/** Starts a server on a free loopback port. */
export async function startSocketServer(options: SocketServerOptions = {}): Promise<SocketServer> {
  const { storage = new MapStorage(), maxBufferedBytes, onHello, ...coreOptions } = options
  const core = new ServerCore({ ...coreOptions, storage })
  const http = createServer((_, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ server: http, path: SOCKET_PATH, maxPayload: 4 << 20 })
  const sockets = new Set<WebSocket>()
  const hellos: Hello[] = []
  const closeCodes: number[] = []
  const epoch = `test-${Math.random().toString(36).slice(2)}`
  wss.on('connection', (ws) => {
    sockets.add(ws)
    const session = new SocketSession(
      core,
      {
        send: (text) => ws.send(text),
        close: (code, reason) => {
          closeCodes.push(code)
          ws.close(code, reason)
        },
        bufferedAmount: () => ws.bufferedAmount,
      },
      {
        epoch,
        ...(maxBufferedBytes !== undefined ? { maxBufferedBytes } : {}),
        onHello: (hello) => {
          hellos.push(hello)
          return onHello?.(hello)
        },
      },
    )
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        closeCodes.push(CLOSE_CODES.badFrame)
        ws.close(CLOSE_CODES.badFrame, 'binary frames are not accepted')
        session.closed()
      } else session.receive(data.toString())
    })
    ws.on('close', () => {
      sockets.delete(ws)
      session.closed()
    })
    ws.on('error', () => {})
  })
  await listen(http, 0)
  const port = (http.address() as AddressInfo).port
  const kill = async () => {
    for (const ws of sockets) ws.terminate()
    http.closeAllConnections()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    sockets,
    hellos,
    closeCodes,
    kill,
    restart: () => listen(http, port),
    async close() {
      if (http.listening) await kill()
      wss.close()
      core.close()
    },
  }
}

function listen(http: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, '127.0.0.1', () => {
      http.off('error', reject)
      resolve()
    })
  })
}
