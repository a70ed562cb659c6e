// @ts-check
// The demo's server: a Metal server with one project, `demo`, on PGlite in a data folder (or
// PostgreSQL with DATABASE_URL), seeded on its first start, with the demo's rules, its jobs
// trigger, its sign-in endpoint and the built app, all on one port.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WebSocket } from 'ws'
import { Metal } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import { createServer } from '@metal/server'
import { JobRunner } from './jobs.mjs'
import { demoMiddleware } from './routes.mjs'
import { demoRules } from './rules.mjs'
import { seedIfEmpty } from './seed.mjs'

/**
 * @typedef {import('@metal/server').LogLevel} LogLevel
 *
 * @typedef {object} DemoOptions
 * @property {number} [port] TCP port; 0 picks a free one. Default 8787.
 * @property {string} [host] Interface to listen on. Default '127.0.0.1'.
 * @property {string} [dataDir] The data folder: PGlite's database (`pglite/`) and the generated
 *   JWT secret (`jwt-secret`). Default apps/demo/.data.
 * @property {string | null} [databaseUrl] PostgreSQL to store in instead of PGlite (`postgres://…`);
 *   null forces PGlite. Default `process.env.DATABASE_URL`.
 * @property {string | null} [staticDir] The built app to serve; null serves none. Default apps/demo/dist.
 * @property {((line: string) => void) | false} [log] Where the server logs (JSON lines). Default console.error.
 * @property {LogLevel} [logLevel] The least severe lines logged. Default 'warn'.
 * @property {string} [jwtSecret] Signs and checks users' tokens (32 bytes or more). Default
 *   `process.env.METAL_JWT_SECRET`, else a random one made once and kept in the data folder.
 * @property {boolean} [reset] Wipe the demo's data and seed it again. Default false.
 * @property {number} [jobStepMs] Time between two steps of a processing job. Default 300.
 * @property {number} [now] The seed's "today" (dates are relative to it). Default now.
 *
 * @typedef {object} Demo
 * @property {string} url The URL to open (the app, the Metal server and `/demo/*`).
 * @property {number} port The port it listens on.
 * @property {string} dataDir The data folder (absolute).
 * @property {'pglite' | 'postgresql'} database Where the documents are.
 * @property {boolean} seeded True when this start seeded the database.
 * @property {Metal} metal A privileged client of the demo project (no rule applies to it).
 * @property {() => Promise<void>} close Stops the jobs, closes the client and drains the server.
 */

const here = fileURLToPath(new URL('.', import.meta.url))
/** apps/demo/.data */
export const DEFAULT_DATA_DIR = resolve(here, '..', '.data')
/** apps/demo/dist */
export const DEFAULT_STATIC_DIR = resolve(here, '..', 'dist')
/** The demo project's id and API key (the API key ships in the app: it is not a secret). */
export const PROJECT_ID = 'demo'
export const API_KEY = 'demo-key'

const KNOWN = new Set([
  'port',
  'host',
  'dataDir',
  'databaseUrl',
  'staticDir',
  'log',
  'logLevel',
  'jwtSecret',
  'reset',
  'jobStepMs',
  'now',
])
const CALL = 'startDemo()'

/**
 * Checks {@link startDemo}'s options (the server checks the rest: port, host, log level).
 *
 * @param {DemoOptions} options
 */
function checkOptions(options) {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(CALL, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw invalidArgument(CALL, `unknown option ${describe(key)}`)
  }
  const { dataDir, databaseUrl, staticDir, jwtSecret, reset, jobStepMs, now } = options
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir === '')) {
    throw invalidArgument(CALL, `option 'dataDir' must be a folder path, got ${describe(dataDir)}`)
  }
  if (
    databaseUrl !== undefined &&
    databaseUrl !== null &&
    databaseUrl !== '' &&
    (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl))
  ) {
    throw invalidArgument(
      CALL,
      `option 'databaseUrl' must be a postgres:// URL or null, got ${typeof databaseUrl === 'string' ? 'another scheme' : describe(databaseUrl)}`,
    )
  }
  if (
    staticDir !== undefined &&
    staticDir !== null &&
    (typeof staticDir !== 'string' || staticDir === '')
  ) {
    throw invalidArgument(
      CALL,
      `option 'staticDir' must be a folder path or null, got ${describe(staticDir)}`,
    )
  }
  if (
    jwtSecret !== undefined &&
    (typeof jwtSecret !== 'string' || Buffer.byteLength(jwtSecret) < 32)
  ) {
    // Never describe the value: it is a secret.
    throw invalidArgument(CALL, `option 'jwtSecret' must be a string of at least 32 bytes`)
  }
  if (reset !== undefined && typeof reset !== 'boolean') {
    throw invalidArgument(CALL, `option 'reset' must be a boolean, got ${describe(reset)}`)
  }
  if (
    jobStepMs !== undefined &&
    !(typeof jobStepMs === 'number' && jobStepMs >= 0 && jobStepMs <= 60_000)
  ) {
    throw invalidArgument(
      CALL,
      `option 'jobStepMs' must be a number of ms from 0 to 60000, got ${describe(jobStepMs)}`,
    )
  }
  if (now !== undefined && !(typeof now === 'number' && Number.isFinite(now))) {
    throw invalidArgument(CALL, `option 'now' must be epoch milliseconds, got ${describe(now)}`)
  }
}

/**
 * The secret that signs users' tokens: the option, `METAL_JWT_SECRET`, or one made once and
 * kept in the data folder (so tokens survive a restart).
 *
 * @param {string | undefined} given
 * @param {string} dataDir
 * @returns {Promise<Uint8Array>}
 */
async function jwtSecret(given, dataDir) {
  const text = given ?? (process.env.METAL_JWT_SECRET || undefined)
  if (text !== undefined) {
    if (Buffer.byteLength(text) < 32) {
      throw invalidArgument(
        CALL,
        'METAL_JWT_SECRET must be at least 32 bytes (openssl rand -base64 32)',
      )
    }
    return Buffer.from(text, 'utf8')
  }
  const file = join(dataDir, 'jwt-secret')
  try {
    const stored = (await readFile(file, 'utf8')).trim()
    if (stored.length >= 32) return Buffer.from(stored, 'utf8')
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
  }
  const made = randomBytes(32).toString('base64url')
  await writeFile(file, `${made}\n`, { mode: 0o600 })
  return Buffer.from(made, 'utf8')
}

/**
 * Deletes every document of the demo's collections (a reset on PostgreSQL).
 *
 * @param {Metal} metal a privileged client
 */
async function wipe(metal) {
  const db = metal.db()
  for (const name of ['users', 'tasks', 'processingJobs', 'adminData']) {
    // Bounded: each round deletes up to 200 documents of a collection that only shrinks.
    for (let round = 0; round < 10_000; round++) {
      const page = await db.collection(name).limit(200).get()
      if (page.empty) break
      const batch = db.batch()
      for (const doc of page.docs) batch.delete(db.collection(name).doc(doc.id))
      await batch.commit()
    }
  }
}

/**
 * Starts the demo: a Metal server with the `demo` project (API key `demo-key`, JWT sign-in,
 * the demo's rules, the processing-jobs trigger), `GET /demo/users`, `POST /demo/token` and the
 * built app, seeded on its first start (a database without users). Data stays in `dataDir`
 * (PGlite) or in PostgreSQL (`databaseUrl`), so a restart keeps it; `reset` seeds again.
 *
 * @param {DemoOptions} [options]
 * @returns {Promise<Demo>}
 */
export async function startDemo(options = {}) {
  checkOptions(options)
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR)
  const databaseUrl =
    options.databaseUrl === undefined
      ? process.env.DATABASE_URL || undefined
      : options.databaseUrl || undefined
  const staticDir = options.staticDir === undefined ? DEFAULT_STATIC_DIR : options.staticDir
  const pgliteDir = join(dataDir, 'pglite')
  if (options.reset && !databaseUrl) await rm(pgliteDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  const secret = await jwtSecret(options.jwtSecret, dataDir)
  // A privileged connection for the demo's own work (seeding, the sign-in endpoint, resuming
  // jobs): a random service key that never leaves this process.
  const serviceKey = randomBytes(32).toString('base64url')
  const log =
    options.log === false ? false : (options.log ?? ((/** @type {string} */ l) => console.error(l)))
  const jobs = new JobRunner({
    stepMs: options.jobStepMs ?? 300,
    log: (msg, fields) => {
      if (log)
        log(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'warn',
            msg,
            ...fields,
            error: String(fields.error),
          }),
        )
    },
  })
  /** @type {Metal | undefined} */
  let metal
  const server = createServer({
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    ...(databaseUrl ? { databaseUrl } : { dataDir: pgliteDir }),
    log,
    logLevel: options.logLevel ?? 'warn',
    projects: {
      [PROJECT_ID]: {
        apiKeys: [API_KEY],
        serviceKeys: [serviceKey],
        auth: { jwt: { secret, algorithms: ['HS256'], clockToleranceSec: 5 } },
        rules: demoRules,
      },
    },
    onWrite: { processingJobs: { handler: jobs.onWrite, name: 'demo-processing-jobs' } },
    middleware: demoMiddleware({ metal: () => metal, secret, staticDir }),
  })
  const { url, port } = await server.listen()
  const client = new Metal({
    url,
    apiKey: serviceKey,
    projectId: PROJECT_ID,
    WebSocket: /** @type {any} */ (WebSocket),
    auth: { persistence: false },
    watchBrowserNetwork: false,
    sync: { storage: false },
  })
  /** @type {Promise<void> | undefined} */
  let closing
  const close = () =>
    (closing ??= (async () => {
      await jobs.close()
      client.close()
      await server.close()
    })())
  let seeded
  try {
    if (options.reset && databaseUrl) await wipe(client)
    seeded = await seedIfEmpty(client, options.now === undefined ? {} : { now: options.now })
    await jobs.resume(client)
  } catch (error) {
    await close()
    throw error
  }
  metal = client
  return {
    url,
    port,
    dataDir,
    database: databaseUrl ? 'postgresql' : 'pglite',
    seeded,
    metal: client,
    close,
  }
}
