import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { MetalError } from '@metal/core'
import { ServerCore, type RateLimit, type ServerCoreOptions } from '@metal/core/server'
import type { Hello } from '@metal/core/protocol'
import type { SqlDriver } from './sql/driver.js'
import { pgliteDriver } from './sql/pglite.js'
import { postgresDriver } from './sql/postgres.js'
import { SqlStorage, type SqlStorageOptions } from './sql/storage.js'
import { checkServerOptions } from './options.js'
import { presenceRelay, presenceSent } from './presence.js'
import { createLogger, type LogLevel } from './log.js'
import { Metrics } from './metrics.js'
import { InFlight } from './drain.js'
import { serveSocket } from './socket.js'
import { requestListener, upgradeListener, type Middleware } from './http.js'
import { Triggers, type TriggerHandler, type TriggerOptions, type TriggerSpec } from './triggers.js'
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
   * Where the server logs: a function receiving each line (one JSON object,
   * `{ time, level, msg, ... }`), or `false` for silence.
   * @default console.error
   */
  log?: ((line: string) => void) | false
  /**
   * The least severe lines logged: `'debug'` adds every HTTP request and every failed request.
   * @default 'info'
   */
  logLevel?: LogLevel
  /**
   * How long `close()` (and SIGTERM) lets requests in flight finish before it closes every
   * socket, in ms.
   * @default 10000
   */
  shutdownGraceMs?: number
  /**
   * Triggers to run after commits, by collection: a handler, or `{ handler, name?,
   * maxAttempts?, backoffMs? }` (see {@link MetalServer.onWrite}).
   */
  onWrite?: Record<string, TriggerSpec>
  /**
   * A connect/express-style handler, `(req, res, next) => void`, for the HTTP requests the
   * server does not answer itself: after `/health`, `/ready`, `/metrics` and the REST API (`/v1/…`),
   * before the 404. It serves an app's own endpoints and files from the server's port, with the
   * server's request ids, logs and graceful shutdown (while draining it is not called: 503).
   * `next()` lets the server answer 404; `next(error)`, a throw or a rejected promise is logged
   * and answered 500.
   */
  middleware?: Middleware
}

/** A running (or ready to run) Metal server. */
export interface MetalServer {
  /** Opens the database and starts accepting connections; resolves with the address. */
  listen(): Promise<{ port: number; url: string }>
  /**
   * Shuts down gracefully: stops accepting connections and requests (`/ready` answers 503),
   * lets requests in flight finish (up to `shutdownGraceMs`), stops the triggers, closes every
   * socket with code 1012 (clients reconnect, possibly to another process) and closes the
   * database (unless it was given as `driver`).
   */
  close(): Promise<void>
  /**
   * Runs `handler` after each commit that changes a document of `collection` (in any project),
   * from the change log: never in the write's path. A throwing handler is retried with backoff
   * (`maxAttempts`, then logged and skipped). The trigger's position is stored, so a restart
   * resumes where it stopped, and with several processes on one database one of them runs it.
   * A change runs once, unless the process dies between a handler's end and the record of its
   * position (it then runs again): make handlers idempotent. Writes a handler makes to its own
   * collection trigger it again. Returns a function that removes the trigger.
   */
  onWrite(
    collection: string,
    handler: TriggerHandler,
    options?: TriggerOptions,
  ): () => Promise<void>
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
  const log = createLogger(
    options.log === false ? false : (options.log ?? ((l) => console.error(l))),
    options.logLevel ?? 'info',
  )
  const shutdownGraceMs = options.shutdownGraceMs ?? 10_000
  const triggers = new Triggers()
  for (const [collection, spec] of Object.entries(options.onWrite ?? {})) {
    const { handler, ...rest } = typeof spec === 'function' ? { handler: spec } : spec
    triggers.add('createServer()', collection, handler, rest)
  }
  const inFlight = new InFlight()
  let draining = false
  const metrics = new Metrics({
    connections: () => sockets.size,
    draining: () => draining,
    core: () => core,
  })
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
    const began = Date.now()
    draining = true
    if (http?.listening)
      log.info('draining', { connections: sockets.size, inFlight: inFlight.size })
    // While requests in flight finish, the server still answers: /ready says 503, every other
    // request and new WebSocket gets 503, and sockets' new requests wait for the close.
    const [finished, stopped] = await Promise.all([
      inFlight.idle(shutdownGraceMs),
      bounded(triggers.stop(), shutdownGraceMs),
    ])
    if (!finished || !stopped) {
      log.warn('shutdown grace ran out with work in flight', {
        inFlight: inFlight.size,
        triggersStopped: stopped,
        graceMs: shutdownGraceMs,
      })
    }
    const httpClosed = new Promise<void>((resolve) =>
      http?.listening ? http.close(() => resolve()) : resolve(),
    )
    http?.closeIdleConnections()
    clearInterval(prune)
    const open = [...sockets]
    for (const ws of open) ws.close(1012, 'service restart')
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
    http?.closeAllConnections()
    await httpClosed
    core?.close()
    // The others hear this process's members leave (its relays said goodbye as they closed).
    if (driver) await presenceSent(driver)
    await storage?.close()
    if (owned) await driver?.close()
    if (url) log.info('stopped', { seconds: (Date.now() - began) / 1000 })
    http = wss = undefined
    core = undefined
    storage = undefined
    driver = undefined
    url = undefined
    listening = false
    draining = false
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
    onWrite(collection, handler, triggerOptions) {
      return triggers.add('onWrite()', collection, handler, triggerOptions)
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
      observer: metrics.observer,
    })
    const serverCore = core
    const epoch = storage.feed.epoch
    prune = setInterval(() => void storage?.prune().catch(() => {}), 60_000)
    prune.unref()

    const probes = {
      db,
      epoch,
      position: () => storage?.feed.position ?? 0,
      connections: () => sockets.size,
      draining: () => draining,
      metrics,
    }
    // The REST API (/v1/projects/…, /v1/openapi.json): admitted as the WebSocket hello is (in
    // development mode, without projects, every project is admitted).
    const projects = options.projects
    const rest = restHandler({
      core: serverCore,
      admit: projects ? (request) => admitClient(projects, request) : () => ({}),
      rateLimit: options.rateLimit,
      now: options.now,
      log: (line) => log.error(line),
    })
    http = createHttpServer(
      requestListener({
        log,
        inFlight,
        metrics,
        probes,
        rest,
        draining: () => draining,
        middleware: options.middleware,
      }),
    )
    wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    })
    http.on(
      'upgrade',
      upgradeListener({
        wss,
        sockets,
        log,
        draining: () => draining,
        maxConnectionsPerIp: options.maxConnectionsPerIp,
        serve: (ws, req) => {
          const origin = req.headers.origin
          serveSocket(ws, req, {
            core: serverCore,
            session: {
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
            log,
            inFlight,
            draining: () => draining,
            rateLimited: () => metrics.rateLimited(),
          })
        },
      }),
    )

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
      log.info(
        `Metal server serves ${ids.length} project${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`,
        { projects: ids },
      )
      const open = ids.filter((id) => projects[id]?.rules === undefined)
      if (open.length > 0) {
        log.warn(
          `Projects without rules (anyone with the API key reads and writes everything): ${open.join(', ')}`,
          { projects: open },
        )
      }
    } else if (!options.verifyToken && !options.rules) {
      log.warn(
        'Metal server in DEVELOPMENT mode: any project id and API key is accepted, custom tokens are trusted and JWT signatures are not checked. Do not expose it.',
      )
    }
    triggers.start({
      db,
      core: serverCore,
      position: () => storage?.feed.position ?? 0,
      log,
      metrics,
    })
    log.info(
      `Metal server listening on ${url} (${db.kind}${options.dataDir ? ` in ${options.dataDir}` : options.databaseUrl || options.driver ? '' : ', in memory'})`,
      { url, database: db.kind },
    )
    return { port: address.port, url }
  }
}

/** Default {@link ServerOptions.maxMessageBytes}. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/** How long `close()` waits for clients to answer its close frame before cutting them. */
const CLOSE_GRACE_MS = 1000

/** Resolves true when `promise` settles within `ms`, false otherwise. */
function bounded(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer))
}
