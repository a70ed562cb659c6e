import type { IncomingMessage, ServerResponse } from 'node:http'
import { MetalError } from '@metal/core'
import {
  autoId,
  describe,
  effectiveOrderBy,
  encodeDocument,
  invalidArgument,
  type StoredDoc,
} from '@metal/core/engine'
import { decodeRequest, type BackendRequest, type BackendResponses } from '@metal/core/protocol'
import {
  DEFAULT_RATE_LIMIT,
  type ConnectionPolicy,
  type RateLimit,
  type ServerConnection,
  type ServerCore,
} from '@metal/core/server'
import { AddressLimiter } from './rateLimit.js'
import {
  HttpError,
  MAX_BODY_BYTES,
  checkDeclaredLength,
  checkJsonType,
  readJsonBody,
  sendError,
  sendJson,
  sendJsonText,
} from './httpIo.js'
import { apiKeyOf, bearerOf, checkProjectId, headerValue } from './caller.js'
import { ALLOWED, OPENAPI_PATH, PREFIX, matchRoute, parseQuery, type RestRoute } from './routes.js'
import { LIST_PARAMS, listQuery, pageToken } from './listQuery.js'
import { openApiDocument } from './openapi.js'

// The REST API: each call opens a core connection with the policy `admit` gives, signs it in
// with the caller's bearer JWT, serves one request of the kind the WebSocket clients send
// (decoded by the same decoder), and closes it. Access rules and token checks are therefore
// exactly the WebSocket ones.

/** Who is calling: what {@link RestHandlerOptions.admit} decides on. */
export interface RestAdmission {
  /** The project of the URL, percent-decoded. */
  projectId: string
  /** From the `x-metal-api-key` header or the `key` query parameter. */
  apiKey: string | undefined
  /** The `Origin` header, when the caller is a browser. */
  origin: string | undefined
}

/** Options of {@link restHandler}. */
export interface RestHandlerOptions {
  /** The server logic that serves every call. */
  core: ServerCore
  /**
   * Decides access to a project: returns the connection's policy (rules, token check), or throws
   * (or rejects) to refuse. Any refusal (`unauthenticated`, `permission-denied`, `not-found`,
   * `invalid-argument`, `failed-precondition`) answers the same 401, so an unknown project and a
   * refused key cannot be told apart; other errors (`resource-exhausted`…) pass through.
   */
  admit: (request: RestAdmission) => ConnectionPolicy | Promise<ConnectionPolicy>
  /**
   * Largest request body in bytes; a larger one is answered 413 and not kept.
   * @default 2 MiB (a 1 MiB document, the engine's limit, and as much again of JSON overhead)
   */
  maxBodyBytes?: number
  /**
   * Calls each client address may make: a token bucket of `burst` calls refilled at
   * `perSecond`; a call over it answers 429 `resource-exhausted` with `Retry-After`. `false`
   * turns it off (a proxy in front limits instead).
   * @default { perSecond: 200, burst: 1000 } (the WebSocket's limit per connection)
   */
  rateLimit?: RateLimit | false
  /** Clock of the rate limit, in epoch ms. @default Date.now */
  now?: () => number
  /**
   * Where internal errors are logged (their details never reach the caller).
   * @default console.error
   */
  log?: (line: string) => void
}

type Op = 'list' | 'get' | 'create' | 'set' | 'update' | 'delete'

const CALLS: Readonly<Record<Op, string>> = {
  list: 'list documents',
  get: 'get document',
  create: 'create document',
  set: 'set document',
  update: 'update document',
  delete: 'delete document',
}

const PARAMS: Readonly<Record<Op, readonly string[]>> = {
  list: LIST_PARAMS,
  get: ['key'],
  create: ['id', 'key'],
  set: ['key'],
  update: ['key'],
  delete: ['key'],
}

/** Admission errors that mean "not this project with this key": all answered alike. */
const REFUSALS = new Set([
  'unauthenticated',
  'permission-denied',
  'not-found',
  'invalid-argument',
  'failed-precondition',
])

const REFUSED = 'the project id or the API key was refused'

function opOf(route: Exclude<RestRoute, { kind: 'openapi' }>, method: string): Op {
  if (route.kind === 'collection') return method === 'GET' ? 'list' : 'create'
  return ({ GET: 'get', PUT: 'set', PATCH: 'update', DELETE: 'delete' } as const)[
    method as 'GET' | 'PUT' | 'PATCH' | 'DELETE'
  ]
}

function checkOptions(options: RestHandlerOptions): void {
  const call = 'restHandler()'
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  }
  const { core, admit, maxBodyBytes, log, rateLimit, now } = options
  if (
    typeof core !== 'object' ||
    core === null ||
    typeof core.open !== 'function' ||
    typeof core.handle !== 'function'
  ) {
    throw invalidArgument(call, `option 'core' must be a ServerCore, got ${describe(core)}`)
  }
  if (typeof admit !== 'function') {
    throw invalidArgument(call, `option 'admit' must be a function, got ${describe(admit)}`)
  }
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw invalidArgument(
      call,
      `option 'maxBodyBytes' must be a positive integer, got ${describe(maxBodyBytes)}`,
    )
  }
  if (
    rateLimit !== undefined &&
    rateLimit !== false &&
    !(
      typeof rateLimit === 'object' &&
      rateLimit !== null &&
      [rateLimit.perSecond, rateLimit.burst].every((v) => typeof v === 'number' && v > 0)
    )
  ) {
    throw invalidArgument(
      call,
      `option 'rateLimit' must be { perSecond, burst } of positive numbers or false, got ${describe(rateLimit)}`,
    )
  }
  if (now !== undefined && typeof now !== 'function') {
    throw invalidArgument(call, `option 'now' must be a function, got ${describe(now)}`)
  }
  if (log !== undefined && typeof log !== 'function') {
    throw invalidArgument(call, `option 'log' must be a function, got ${describe(log)}`)
  }
}

/** Runs one request on a connection; rejects when it fails or the caller goes away. */
function call<T extends BackendRequest>(
  core: ServerCore,
  conn: ServerConnection,
  request: T,
  gone: Promise<never>,
): Promise<BackendResponses[T['type']]> {
  const served = new Promise<BackendResponses[T['type']]>((resolve, reject) => {
    void core.handle(conn, request, (r) => resolve(r as BackendResponses[T['type']]), reject)
  })
  return Promise.race([served, gone])
}

/**
 * Decodes a request exactly as the WebSocket path does; a failure names the REST call instead of
 * the request's internal parts (`commit request: writes[0]:`).
 */
function decode(op: Op, wire: unknown): BackendRequest {
  try {
    return decodeRequest(wire)
  } catch (error) {
    if (!MetalError.is(error)) throw error
    const detail = error.message.replace(
      /^(get|query|commit|authenticate) request: (writes\[0\]: |query: )?/,
      '',
    )
    throw new MetalError(error.code, `${CALLS[op]}: ${detail}`)
  }
}

function docJson(doc: StoredDoc): Record<string, unknown> {
  return {
    id: doc.id,
    data: encodeDocument(doc.data),
    version: doc.version,
    updateTime: doc.updateTime,
  }
}

/**
 * A handler for the REST API: answers `/v1/openapi.json` and every route under
 * `/v1/projects/{project}/collections/{collection}/docs`, and resolves true; for any other path
 * it answers nothing and resolves false. Every answer is JSON; failures are
 * `{ error: { code, message } }` with the code's HTTP status.
 */
export function restHandler(
  options: RestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  checkOptions(options)
  const { core, admit } = options
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const log = options.log ?? ((line: string) => console.error(line))
  let openapi: string | undefined
  const limiter =
    options.rateLimit === false
      ? undefined
      : new AddressLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.now)

  async function admitted(admission: RestAdmission): Promise<ConnectionPolicy> {
    try {
      return (await admit(admission)) ?? {}
    } catch (error) {
      if (MetalError.is(error) && REFUSALS.has(error.code)) {
        throw new MetalError('unauthenticated', REFUSED)
      }
      throw error
    }
  }

  async function serve(
    route: Exclude<RestRoute, { kind: 'openapi' }>,
    op: Op,
    req: IncomingMessage,
    res: ServerResponse,
    query: string,
  ): Promise<void> {
    const name = CALLS[op]
    const params = parseQuery(query)
    for (const param of params.keys()) {
      if (!PARAMS[op].includes(param)) {
        throw invalidArgument(name, `unknown query parameter ${describe(param)}`)
      }
    }
    const withBody = op === 'create' || op === 'set' || op === 'update'
    if (withBody) {
      checkJsonType(req, name)
      checkDeclaredLength(req, name, maxBody)
    }
    checkProjectId(name, route.projectId)
    const apiKey = apiKeyOf(name, req, params)
    const token = bearerOf(name, req)
    const policy = await admitted({
      projectId: route.projectId,
      apiKey,
      origin: headerValue(req, 'origin'),
    })
    const body = withBody ? await readJsonBody(req, name, maxBody) : undefined
    const { collection } = route
    let request: BackendRequest
    let pageSize = 0
    let id = route.kind === 'document' ? route.id : undefined
    switch (op) {
      case 'list': {
        const list = listQuery(collection, params)
        pageSize = list.pageSize
        request = decode(op, { type: 'query', query: list.query })
        break
      }
      case 'get':
        request = decode(op, { type: 'get', collection, id })
        break
      case 'create':
        if ((params.get('id')?.length ?? 0) > 1) throw invalidArgument(name, `'id' is given twice`)
        id = params.get('id')?.[0] ?? autoId()
        request = decode(op, {
          type: 'commit',
          writes: [{ op: 'set', collection, id, data: body, precondition: { exists: false } }],
        })
        break
      case 'set':
        request = decode(op, {
          type: 'commit',
          writes: [{ op: 'set', collection, id, data: body }],
        })
        break
      case 'update':
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw invalidArgument(
            name,
            `the body must be a JSON object of field paths and values, got ${describe(body)}`,
          )
        }
        request = decode(op, {
          type: 'commit',
          writes: [{ op: 'update', collection, id, fields: Object.entries(body) }],
        })
        break
      case 'delete':
        request = decode(op, { type: 'commit', writes: [{ op: 'delete', collection, id }] })
        break
    }
    let auth: BackendRequest | undefined
    try {
      if (token !== undefined) {
        auth = decode(op, { type: 'authenticate', credential: { type: 'jwt', token } })
      }
    } catch (error) {
      // A bearer token that is not a JWT is a refused credential (401), not a bad request.
      if (!MetalError.is(error, 'invalid-argument')) throw error
      throw new MetalError('unauthenticated', error.message)
    }

    const gone = new Promise<never>((_, reject) =>
      res.once('close', () => {
        if (!res.writableFinished)
          reject(new MetalError('unavailable', `${name}: the client went away`))
      }),
    )
    gone.catch(() => {})
    let conn: ServerConnection
    try {
      conn = core.open(route.projectId, () => {}, policy)
    } catch (error) {
      // A policy the core refuses (bad rules) is the server's fault, not the caller's.
      throw new Error(`admit() gave a policy the core refuses: ${(error as Error).message}`)
    }
    try {
      if (auth) await call(core, conn, auth, gone)
      if (request.type === 'query') {
        const { docs } = await call(core, conn, request, gone)
        const last = docs.length === pageSize ? docs[docs.length - 1] : undefined
        sendJson(res, 200, {
          documents: docs.map(docJson),
          ...(last ? { nextPageToken: pageToken(effectiveOrderBy(request.query), last) } : {}),
        })
      } else if (request.type === 'get') {
        const { doc } = await call(core, conn, request, gone)
        if (!doc) throw new MetalError('not-found', `${name}: no document at '${collection}/${id}'`)
        sendJson(res, 200, docJson(doc))
      } else if (request.type === 'commit') {
        const { docs } = await call(core, conn, request, gone)
        const doc = docs[0]
        if (op === 'delete' || !doc) sendJson(res, 204, undefined)
        else if (op === 'create') {
          const location = `/v1/projects/${encodeURIComponent(route.projectId)}/collections/${encodeURIComponent(collection)}/docs/${encodeURIComponent(doc.id)}`
          sendJson(res, 201, docJson(doc), { location })
        } else sendJson(res, 200, docJson(doc))
      }
    } finally {
      core.disconnect(conn)
    }
  }

  return async (req, res) => {
    const raw = req.url ?? ''
    const q = raw.indexOf('?')
    const path = q < 0 ? raw : raw.slice(0, q)
    const method = req.method ?? ''
    let route: RestRoute | undefined
    let what = `${method} ${path.slice(0, 100)}`
    try {
      if (path !== OPENAPI_PATH && !path.startsWith(PREFIX)) return false
      // Every call counts, a refused one too: a flood of bad calls is still a flood.
      const wait = limiter?.take(req.socket.remoteAddress ?? '') ?? 0
      if (wait > 0) {
        throw Object.assign(
          new MetalError(
            'resource-exhausted',
            `too many calls from this address; retry in ${wait} ms`,
          ),
          { retryAfter: wait },
        )
      }
      route = matchRoute(path) as RestRoute
      const allowed = ALLOWED[route.kind]
      if (!allowed.includes(method)) {
        throw new HttpError(
          405,
          'invalid-argument',
          `${method.slice(0, 20)} is not allowed here; use ${allowed.join(', ')}`,
          { allow: allowed.join(', ') },
        )
      }
      if (route.kind === 'openapi') {
        openapi ??= JSON.stringify(openApiDocument())
        sendJsonText(res, 200, openapi)
        return true
      }
      const op = opOf(route, method)
      what = CALLS[op]
      await serve(route, op, req, res, q < 0 ? '' : raw.slice(q + 1))
    } catch (error) {
      sendError(res, error, log, what)
    }
    return true
  }
}
