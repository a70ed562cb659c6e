import { createServer as createHttpServer, Agent, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ServerCore, type ServerCoreOptions } from '@metal/core/server'
import { SqlStorage } from '../sql/storage.js'
import type { SqlDriver } from '../sql/driver.js'
import { restHandler, type RestHandlerOptions } from '../rest/restHandler.js'

// A REST server for tests: the server logic over SQL storage on the test's database, and the
// REST handler with the test's own `admit`, on 127.0.0.1.

/** A running REST test server. */
export interface RestServer {
  url: string
  core: ServerCore
  close(): Promise<void>
}

/** Starts a REST server on `driver` with the given handler and core options. */
export async function restServer(
  driver: SqlDriver,
  options: Omit<RestHandlerOptions, 'core'> & Pick<ServerCoreOptions, 'verifyToken' | 'now'>,
): Promise<RestServer> {
  const storage = await SqlStorage.open(driver, { pollMs: 200 })
  const core = new ServerCore({ storage, verifyToken: options.verifyToken, now: options.now })
  const handle = restHandler({
    core,
    admit: options.admit,
    maxBodyBytes: options.maxBodyBytes,
    rateLimit: options.rateLimit ?? false,
    now: options.now,
    log: options.log ?? (() => {}),
  })
  const http = createHttpServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'not-found', message: 'not REST' } }))
      }
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    async close() {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      core.close()
      await storage.close()
    },
  }
}

/** An HTTP answer as a test sees it. */
export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  /** The parsed body (undefined when empty or not JSON). */
  json: unknown
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 })

/**
 * Sends one request with a raw path (sent as given, not normalised) and resolves with the
 * answer. Bodies are strings or bytes; `content-type` defaults to JSON when there is a body.
 */
export function send(
  base: string,
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base)
  const headers: Record<string, string> = { ...options.headers }
  if (
    options.body !== undefined &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json'
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent, hostname, port: Number(port), method, path, headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** A JSON body. */
export const json = (value: unknown): { body: string } => ({ body: JSON.stringify(value) })

/** An unsigned JWT for `sub` (the default token check decodes it without a signature). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.sig`
}
