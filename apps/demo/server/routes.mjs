// @ts-check
// The demo's own HTTP endpoints and the built app, served from the Metal server's port through
// its `middleware` option (after /health, /ready, /metrics and the REST API at /v1/…):
//
//   GET  /demo/users   the seeded users' id, displayName and role (the sign-in picker)
//   POST /demo/token   { userId } → { token, expiresAt, user }: a 1-hour JWT for that user
//   GET  /*            the app's files (apps/demo/dist), index.html for the app's own routes
//
// Signing in is picking a user: this is a demo, and anyone who reaches the port may sign in as
// anyone. The server binds 127.0.0.1; do not expose it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import sirv from 'sirv'

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('@metal/server').Middleware} Middleware
 * @typedef {import('@metal/core').Metal} Metal
 * @typedef {{ id: string, displayName: string, role: string }} DemoUser
 */

/** How long a token lasts, in ms. */
export const TOKEN_TTL_MS = 3_600_000
/** Largest accepted body of `POST /demo/token`, in bytes. */
const MAX_BODY = 4096
/** Browsers on this machine (the Vite dev server of the app) may call /demo/*. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/

/**
 * Answers `status` with a JSON body, never cached.
 *
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/**
 * An error answer in the REST API's shape: `{ error: { code, message } }`.
 *
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function fail(res, status, code, message) {
  json(res, status, { error: { code, message } })
}

/**
 * Reads a small JSON body; undefined (after answering) when it is too large or not JSON.
 *
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @returns {Promise<unknown>}
 */
async function readJson(req, res) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    fail(
      res,
      415,
      'invalid-argument',
      'POST /demo/token: send JSON (content-type: application/json)',
    )
    return undefined
  }
  /** @type {Buffer[]} */
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += /** @type {Buffer} */ (chunk).length
    if (size > MAX_BODY) {
      fail(res, 413, 'invalid-argument', `POST /demo/token: the body exceeds ${MAX_BODY} bytes`)
      return undefined
    }
    chunks.push(/** @type {Buffer} */ (chunk))
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    fail(res, 400, 'invalid-argument', 'POST /demo/token: the body is not JSON')
    return undefined
  }
}

/**
 * The seeded users, sorted by name.
 *
 * @param {Metal} metal a privileged client of the demo project
 * @returns {Promise<DemoUser[]>}
 */
export async function listUsers(metal) {
  const snap = await metal.db().collection('users').get()
  return snap.docs
    .map((d) => {
      const data = d.data() ?? {}
      return {
        id: d.id,
        displayName: String(data.displayName ?? d.id),
        role: String(data.role ?? 'user'),
      }
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
}

/**
 * Serves the built app: hashed assets cached for a year, everything else revalidated; a path
 * without a file extension that names no file is one of the app's routes (index.html). Only the
 * files found in `dir` when it starts are served: no path leaves it. Without a built app, `/`
 * says how to build it.
 *
 * @param {string | null} dir
 * @returns {Middleware}
 */
function staticApp(dir) {
  if (dir !== null && existsSync(join(dir, 'index.html'))) {
    const serve = sirv(dir, {
      single: true,
      etag: true,
      dev: false,
      setHeaders: (res, pathname) => {
        res.setHeader(
          'cache-control',
          pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
    return (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next()
      serve(req, res, () => next())
    }
  }
  return (req, res, next) => {
    if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/') return next()
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    res.end(
      `The Metal demo server is running, but the app is not built${dir ? ` (no ${join(dir, 'index.html')})` : ''}.\n` +
        'Build it with `npm run build -w @metal/demo`, or run `npm start` from the repository root.\n',
    )
  }
}

/**
 * The demo's middleware: `/demo/*` endpoints and the app.
 *
 * @param {{ metal: () => Metal | undefined, secret: Uint8Array, staticDir: string | null, now?: () => number }} options
 *   `metal`: the privileged client (undefined while the demo starts: 503).
 * @returns {Middleware}
 */
export function demoMiddleware({ metal, secret, staticDir, now = Date.now }) {
  const app = staticApp(staticDir)
  return async (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (!path.startsWith('/demo/')) return app(req, res, next)
    const origin = req.headers.origin
    if (origin && LOCAL_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('vary', 'origin')
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      })
      res.end()
      return
    }
    const client = metal()
    if (!client) return fail(res, 503, 'unavailable', 'the demo is starting')
    if (path === '/demo/users') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
      return json(res, 200, { users: await listUsers(client) })
    }
    if (path === '/demo/token') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
      const body = await readJson(req, res)
      if (body === undefined) return
      const userId = /** @type {{ userId?: unknown }} */ (body)?.userId
      // A user id is a document id: letters, digits, '-' and '_' in the seed.
      if (typeof userId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(userId)) {
        return fail(res, 400, 'invalid-argument', "POST /demo/token: 'userId' must be a user id")
      }
      const snap = await client.db().collection('users').doc(userId).get()
      const data = snap.data()
      if (!snap.exists || !data) {
        return fail(res, 404, 'not-found', `POST /demo/token: no user '${userId}'`)
      }
      const user = {
        id: userId,
        displayName: String(data.displayName ?? userId),
        role: String(data.role ?? 'user'),
      }
      const expiresAt = now() + TOKEN_TTL_MS
      const token = await new SignJWT({ role: user.role, name: user.displayName })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuedAt(Math.floor(now() / 1000))
        .setExpirationTime(Math.floor(expiresAt / 1000))
        .sign(secret)
      // The audit trail admins watch: who signed in, when.
      await client
        .db()
        .collection('adminData')
        .add({ kind: 'audit', action: 'user.signed-in', actor: userId, target: null, at: now() })
      return json(res, 200, { token, expiresAt: Math.floor(expiresAt / 1000) * 1000, user })
    }
    return fail(res, 404, 'not-found', `no demo endpoint ${path}`)
  }
}

/**
 * @param {ServerResponse} res
 * @param {string} allow
 */
function methodNotAllowed(res, allow) {
  res.setHeader('allow', allow)
  fail(res, 405, 'invalid-argument', `this endpoint answers ${allow}`)
}
