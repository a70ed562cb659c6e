import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { MetalError } from '@metal/core'
import {
  ServerCore,
  SocketSession,
  type RateLimit,
  type ServerCoreOptions,
} from '@metal/core/server'
import { SOCKET_PATH, type Hello } from '@metal/core/protocol'
import type { SqlDriver } from './sql/driver.js'
import { pgliteDriver } from './sql/pglite.js'
import { postgresDriver } from './sql/postgres.js'
import { SqlStorage, type SqlStorageOptions } from './sql/storage.js'
import { checkServerOptions } from './options.js'
import { presenceRelay, presenceSent } from './presence.js'
import { admitClient, type Projects } from './projects.js'
import { restHandler } from './rest/restHandler.js'

/** Options of {@link createServer}. */
export interface ServerOptions
  extends
    Pick<
      ServerCoreOptions,
      'verifyToken' | 'rules' | 'presenceTimeoutMs' | 'now' | 'maxTargetsPerConnection'
    >,
    SqlStorageOptions {
  /**
   * The projects this server serves, by id: their API keys, service keys, sign-in and rules
   * (see `ProjectConfig`). A client of any other project, or with a wrong key, is refused.
   * Without it the server runs in development mode (any project, any key).
   */
  projects?: Projects
  /**
   * TCP port; 0 picks a free one (read it from `listen()`).
   * @default 8787
   */
  port?: number
  /**
   * Interface to listen on. Use `'0.0.0.0'` (or `'::'`) to accept other machines.
   * @default '127.0.0.1'
   */
  host?: string
  /** PostgreSQL to store in (`postgres://…`). Without it the server stores in PGlite. */
  databaseUrl?: string
  /** PGlite's data folder (kept across restarts). Without it (and without `databaseUrl`), PGlite runs in memory. */
  dataDir?: string
  /** A database opened by the caller (tests, tools); the server does not close it. */
  driver?: SqlDriver
  /**
   * Largest accepted message, in bytes; a larger one closes the socket (code 1009). It must admit
   * the largest write a client may send: a document of up to 1 MiB takes up to 6 times that
   * as JSON (escaped characters), and a batch carries many documents.
   * @default 16 MiB
   */
  maxMessageBytes?: number
  /**
   * A connection whose unsent data exceeds this many bytes (a client that stopped reading) is
   * closed; it reconnects and resumes.
   * @default 8 MiB
   */
  maxBufferedBytes?: number
  /**
   * Requests one connection may send: a token bucket of `burst` requests refilled at
   * `perSecond`. Over it, a request is answered `resource-exhausted` with `retryAfter` and the
   * client waits and sends it again. `false` turns it off.
   * @default { perSecond: 200, burst: 1000 }
   */
  rateLimit?: RateLimit | false
  /**
   * Most WebSocket connections open at once from one IP address; more are refused with HTTP 429
   * before the upgrade. Behind a proxy every client has the proxy's address: raise it there.
   * @default 256
   */
  maxConnectionsPerIp?: number
  /**
   * A socket that sends no hello this long after opening is closed.
   * @default 10000
   */
  helloTimeoutMs?: number
  /**
   * Where the server logs (one line per call); `false` is silent.
   * @default console.error
   */
  log?: ((line: string) => void) | false
}

/** A running (or ready to run) Metal server. */
export interface MetalServer {
  /** Opens the database and starts accepting connections; resolves with the address. */
  listen(): Promise<{ port: number; url: string }>
  /** Closes every connection and the database (unless it was given as `driver`). */
  close(): Promise<void>
  /** The server's URL once listening (`http://host:port`). */
  readonly url: string | undefined
  /** Number of open WebSocket connections. */
  readonly connections: number
}

/**
 * Creates a Metal server: the shared server logic over a SQL storage (PGlite in memory or in
 * `dataDir`, or PostgreSQL at `databaseUrl`), served over WebSocket at `/v1/socket`, with
 * `GET /health`. With `projects`, only their clients connect, each judged by its project's
 * keys, sign-in and rules. With no access configuration it runs in development mode: any
 * project id and API key is accepted and custom tokens are trusted; it says so when it starts.
 */
export function createServer(options: ServerOptions = {}): MetalServer {
  checkServerOptions('createServer()', options)
  const log = options.log === false ? () => {} : (options.log ?? ((l) => console.error(l)))
  let http: Server | undefined
  let wss: WebSocketServer | undefined
  let driver: SqlDriver | undefined
  let storage: SqlStorage | undefined
  let core: ServerCore | undefined
  let prune: ReturnType<typeof setInterval> | undefined
  let url: string | undefined
  const sockets = new Set<WebSocket>()

  async function open(): Promise<{ driver: SqlDriver; owned: boolean }> {
    if (options.driver) return { driver: options.driver, owned: false }
    if (options.databaseUrl) {
      return {
        driver: await postgresDriver({ connectionString: options.databaseUrl }),
        owned: true,
      }
    }
    return { driver: await pgliteDriver(options.dataDir), owned: true }
  }
  let owned = false
  let listening = false
  let closing: Promise<void> | undefined

  async function shutdown(): Promise<void> {
    clearInterval(prune)
    const open = [...sockets]
    for (const ws of open) ws.close(1001, 'server shutting down')
    // Clients that answer the close handshake are gone at once; one that stopped reading would
    // hold the close for ws's 30 s timeout: it is cut after a short grace instead.
    let grace: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.all(
        open.map((ws) =>
          ws.readyState === ws.CLOSED
            ? undefined
            : new Promise<void>((resolve) => ws.once('close', () => resolve())),
        ),
      ),
      new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS))),
    ])
    clearTimeout(grace)
    for (const ws of sockets) ws.terminate()
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()))
    await new Promise<void>((resolve) =>
      http?.listening ? http.close(() => resolve()) : resolve(),
    )
    core?.close()
    // The others hear this process's members leave (its relays said goodbye as they closed).
    if (driver) await presenceSent(driver)
    await storage?.close()
    if (owned) await driver?.close()
    http = wss = undefined
    core = undefined
    storage = undefined
    driver = undefined
    url = undefined
    listening = false
  }

  return {
    get url() {
      return url
    },
    get connections() {
      return sockets.size
    },
    async listen() {
      if (listening)
        throw new MetalError('failed-precondition', 'listen(): the server is already listening')
      listening = true
      try {
        return await start()
      } catch (error) {
        // Nothing stays open when the server cannot start (a port in use, no database).
        await shutdown().catch(() => {})
        throw error
      }
    },
    close() {
      closing ??= shutdown().finally(() => (closing = undefined))
      return closing
    },
  }

  async function start(): Promise<{ port: number; url: string }> {
    const opened = await open()
    driver = opened.driver
    owned = opened.owned
    storage = await SqlStorage.open(driver, options)
    const db = driver
    core = new ServerCore({
      storage,
      verifyToken: options.verifyToken,
      rules: options.rules,
      presenceTimeoutMs: options.presenceTimeoutMs,
      now: options.now,
      maxTargetsPerConnection: options.maxTargetsPerConnection,
      presenceRelay: (projectId, hub) => presenceRelay(db, projectId, hub, options.now),
    })
    const serverCore = core
    const epoch = storage.feed.epoch
    prune = setInterval(() => void storage?.prune().catch(() => {}), 60_000)
    prune.unref()

    // The REST API (/v1/projects/…, /v1/openapi.json): admitted as the WebSocket hello is (in
    // development mode, without projects, every project is admitted).
    const projects = options.projects
    const rest = restHandler({
      core: serverCore,
      admit: projects ? (request) => admitClient(projects, request) : () => ({}),
      rateLimit: options.rateLimit,
      now: options.now,
      log,
    })
    http = createHttpServer((req, res) => {
      if (req.method === 'GET' && pathOf(req) === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            status: 'ok',
            database: db.kind,
            epoch,
            position: storage?.feed.position ?? 0,
            connections: sockets.size,
          }),
        )
        return
      }
      void rest(req, res).then((handled) => {
        if (handled) return
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: 'not-found' }))
      })
    })
    const perIp = new ConnectionCounter(options.maxConnectionsPerIp ?? MAX_CONNECTIONS_PER_IP)
    wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    })
    http.on('upgrade', (req, socket, head) => {
      // Node stops watching an upgraded socket's errors: a client that resets it now (a write
      // fails with ECONNRESET) must not become an uncaught exception that ends the process.
      socket.on('error', () => socket.destroy())
      if (pathOf(req) !== SOCKET_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
        return
      }
      const ip = req.socket.remoteAddress ?? ''
      if (!perIp.admit(ip)) {
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n')
        return
      }
      wss!.handleUpgrade(req, socket, head, (ws) => {
        ws.once('close', () => perIp.release(ip))
        accept(ws, req)
      })
    })
    const accept = (ws: WebSocket, req: IncomingMessage): void => {
      const origin = req.headers.origin
      sockets.add(ws)
      const session = new SocketSession(
        serverCore,
        {
          send: (text) => ws.send(text),
          close: (code, reason) => ws.close(code, reason),
          bufferedAmount: () => ws.bufferedAmount,
        },
        {
          epoch,
          maxBufferedBytes: options.maxBufferedBytes,
          maxMessageBytes: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
          rateLimit: options.rateLimit,
          helloTimeoutMs: options.helloTimeoutMs,
          ...(projects
            ? {
                onHello: (hello: Hello) =>
                  admitClient(projects, {
                    projectId: hello.projectId,
                    apiKey: hello.apiKey,
                    origin,
                  }),
              }
            : {}),
        },
      )
      ws.on('message', (data, isBinary) => {
        session.receive(isBinary ? '' : data.toString())
      })
      ws.on('close', () => {
        sockets.delete(ws)
        session.closed()
      })
      ws.on('error', () => ws.terminate())
    }

    await new Promise<void>((resolve, reject) => {
      http!.once('error', reject)
      http!.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
        http!.off('error', reject)
        resolve()
      })
    })
    const address = http.address() as AddressInfo
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    url = `http://${host}:${address.port}`
    if (projects) {
      const ids = Object.keys(projects)
      log(
        `Metal server serves ${ids.length} project${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`,
      )
      const open = ids.filter((id) => projects[id]?.rules === undefined)
      if (open.length > 0) {
        log(
          `  Projects without rules (anyone with the API key reads and writes everything): ${open.join(', ')}`,
        )
      }
    } else if (!options.verifyToken && !options.rules) {
      log(
        [
          '',
          '  Metal server in DEVELOPMENT mode: any project id and API key is accepted,',
          '  custom tokens are trusted and JWT signatures are not checked. Do not expose it.',
          '',
        ].join('\n'),
      )
    }
    log(
      `Metal server listening on ${url} (${db.kind}${options.dataDir ? ` in ${options.dataDir}` : options.databaseUrl || options.driver ? '' : ', in memory'})`,
    )
    return { port: address.port, url }
  }
}

/** Default {@link ServerOptions.maxMessageBytes}. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/** Default {@link ServerOptions.maxConnectionsPerIp}. */
const MAX_CONNECTIONS_PER_IP = 256

/** Open connections per key (an IP address), up to a maximum. */
class ConnectionCounter {
  private readonly open = new Map<string, number>()
  constructor(private readonly max: number) {}

  /** Counts one more connection for `key`; false (counting nothing) when it is at the maximum. */
  admit(key: string): boolean {
    const n = this.open.get(key) ?? 0
    if (n >= this.max) return false
    this.open.set(key, n + 1)
    return true
  }

  /** One connection of `key` closed. */
  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1
    if (n <= 0) this.open.delete(key)
    else this.open.set(key, n)
  }
}

/** How long `close()` waits for clients to answer its close frame before cutting them. */
const CLOSE_GRACE_MS = 1000

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/'
  const q = raw.indexOf('?')
  return q < 0 ? raw : raw.slice(0, q)
}
