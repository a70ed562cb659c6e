import { createHash, timingSafeEqual } from 'node:crypto'
import { MetalError } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import { checkJwtOptions, jwtVerifier, type JwtOptions } from './auth/jwt.js'
import {
  compileRules,
  type ConnectionPolicy,
  type Rules,
  type VerifyToken,
} from '@metal/core/server'

/** One project a server serves: who may connect, how users sign in, and what they may do. */
export interface ProjectConfig {
  /**
   * The project's API keys. An API key identifies the app, not a user: it ships in the browser
   * bundle, so access is decided by `rules`, not by keeping it secret.
   */
  apiKeys: string[]
  /**
   * Secret keys of trusted servers and scripts (at least 32 characters): a connection opened
   * with one is privileged, no rule applies to it (like Firebase Admin). Read them from the
   * environment (`env('METAL_SERVICE_KEY')`); never ship one to a browser.
   */
  serviceKeys?: string[]
  /** How users of the project sign in. Without it every sign-in is refused. */
  auth?: {
    /** JWTs checked with a secret or the issuer's public keys. */
    jwt?: JwtOptions
    /**
     * Your own check: it verifies custom credentials (and JWTs too, unless `jwt` is given).
     * Throw `MetalError('unauthenticated')` to refuse.
     */
    verifyToken?: VerifyToken
  }
  /**
   * Access rules of the project's API-key connections.
   * @default everything is allowed (fine for a prototype; say what is allowed before you ship)
   */
  rules?: Rules
  /**
   * Browser origins (`https://admin.example.com`) allowed to connect with a service key. A
   * request that carries an `Origin` header comes from a browser, where a service key would be
   * exposed: it is refused unless its origin is listed here.
   * @default none
   */
  allowServiceKeyFromOrigins?: string[]
}

/** What the server knows of a connection before it is admitted. */
export interface AdmitRequest {
  /** The project the client asks for. */
  projectId: string
  /** The key it presents (an API key or a service key). */
  apiKey?: string | undefined
  /** The request's `Origin` header, when it has one (browsers send it). */
  origin?: string | undefined
}

/** Projects by id. */
export type Projects = Readonly<Record<string, ProjectConfig>>

const PROJECT_KEYS = new Set([
  'apiKeys',
  'serviceKeys',
  'auth',
  'rules',
  'allowServiceKeyFromOrigins',
])
const MIN_SERVICE_KEY_LENGTH = 32
/** One refusal for a project that does not exist and a key that is wrong: nothing tells them apart. */
const NOT_ADMITTED = 'the project id or API key is not valid'

interface CompiledProject {
  apiKeys: Buffer[]
  serviceKeys: Buffer[]
  origins: Set<string>
  policy: ConnectionPolicy
  privileged: ConnectionPolicy
}

const compiled = new WeakMap<ProjectConfig, CompiledProject>()
/** Compared against when the project does not exist, so both cases take the same work. */
const NOBODY = [digest('')]

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

/** True when `key`'s digest equals one of `keys`; compares with every one, in constant time. */
function matches(key: Buffer, keys: readonly Buffer[]): boolean {
  let found = false
  for (const k of keys) found = timingSafeEqual(key, k) || found
  return found
}

/**
 * Decides whether a client may connect to a project, and how it is judged: its API key gives
 * the project's rules and token check; a service key gives a privileged connection (no rule
 * applies). A project that does not exist and a key that is wrong are refused with the same
 * `unauthenticated` error (keys are compared in constant time), so a caller learns nothing of
 * which projects exist. A service key from a browser (a request with an `Origin` header) is
 * refused with `permission-denied` unless the origin is in `allowServiceKeyFromOrigins`.
 * Both the WebSocket hello and the REST API call this.
 */
export function admitClient(projects: Projects, request: AdmitRequest): ConnectionPolicy {
  const call = 'admitClient()'
  if (typeof projects !== 'object' || projects === null) {
    throw invalidArgument(call, `'projects' must be an object, got ${describe(projects)}`)
  }
  if (typeof request !== 'object' || request === null) {
    throw invalidArgument(call, `the request must be an object, got ${describe(request)}`)
  }
  const { projectId, apiKey, origin } = request
  if (typeof projectId !== 'string') {
    throw invalidArgument(call, `'projectId' must be a string, got ${describe(projectId)}`)
  }
  if (apiKey !== undefined && typeof apiKey !== 'string') {
    throw invalidArgument(call, `'apiKey' must be a string, got ${describe(apiKey)}`)
  }
  if (origin !== undefined && typeof origin !== 'string') {
    throw invalidArgument(call, `'origin' must be a string, got ${describe(origin)}`)
  }
  // Own properties only: 'constructor' or '__proto__' is not a project.
  const config = Object.hasOwn(projects, projectId) ? projects[projectId] : undefined
  const project = config ? compileProject(call, projectId, config) : undefined
  const key = digest(apiKey ?? '')
  const isApiKey = matches(key, project?.apiKeys ?? NOBODY)
  const isServiceKey = matches(key, project?.serviceKeys ?? NOBODY)
  if (!project || apiKey === undefined || (!isApiKey && !isServiceKey)) {
    throw new MetalError('unauthenticated', NOT_ADMITTED)
  }
  if (isApiKey) return project.policy
  if (origin !== undefined && !project.origins.has(normalOrigin(origin) ?? '')) {
    throw new MetalError(
      'permission-denied',
      `a service key may not be used from a browser (origin ${describe(origin.slice(0, 100))}): keep it on servers, or list the origin in allowServiceKeyFromOrigins`,
    )
  }
  return project.privileged
}

/** `https://a.example:8443` for any spelling of an origin; undefined when it is not one. */
function normalOrigin(text: string): string | undefined {
  try {
    const url = new URL(text)
    return url.origin === 'null' ? undefined : url.origin
  } catch {
    return undefined
  }
}

/** True for an origin in any spelling (case, default port, a trailing slash), and nothing more. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text)
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.pathname === '/' &&
      !text.endsWith('//') &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === '' &&
      !/^[a-z]+:\/\/[^/]+\/./i.test(text)
    )
  } catch {
    return false
  }
}

function compileProject(call: string, id: string, config: ProjectConfig): CompiledProject {
  const done = compiled.get(config)
  if (done) return done
  checkProject(call, id, config)
  const verifyToken = projectVerifier(config, `projects.${id}.auth`)
  const project: CompiledProject = {
    apiKeys: config.apiKeys.map(digest),
    serviceKeys: (config.serviceKeys ?? []).map(digest),
    origins: new Set(
      (config.allowServiceKeyFromOrigins ?? []).map((o) => normalOrigin(o) as string),
    ),
    policy: Object.freeze({
      verifyToken,
      ...(config.rules !== undefined ? { rules: config.rules } : {}),
    }),
    privileged: Object.freeze({ verifyToken, privileged: true }),
  }
  compiled.set(config, project)
  return project
}

/** A project's token check: its JWT options for JWTs, its own `verifyToken` for the rest. */
function projectVerifier(config: ProjectConfig, field: string): VerifyToken {
  const jwt =
    config.auth?.jwt !== undefined ? jwtVerifier(config.auth.jwt, `${field}.jwt`) : undefined
  const own = config.auth?.verifyToken
  return (credential, now) => {
    if (credential.type === 'jwt' && jwt) return jwt(credential, now)
    if (own) return own(credential, now)
    throw new MetalError(
      'unauthenticated',
      credential.type === 'custom'
        ? 'authenticate(): this project does not accept custom tokens (it configures no verifyToken)'
        : 'authenticate(): this project does not accept JWTs (it configures no auth.jwt)',
    )
  }
}

/** Validates `projects`, naming each bad field by its path (`projects.demo.apiKeys[0]`). */
export function checkProjects(call: string, projects: unknown, field = 'projects'): void {
  if (typeof projects !== 'object' || projects === null || Array.isArray(projects)) {
    throw invalidArgument(
      call,
      `'${field}' must be an object of projects by id, got ${describe(projects)}`,
    )
  }
  const ids = Object.keys(projects)
  if (ids.length === 0) throw invalidArgument(call, `'${field}' must name at least one project`)
  for (const id of ids) {
    checkProject(call, id, (projects as Record<string, unknown>)[id], `${field}.${id}`)
  }
}

function checkProject(call: string, id: string, config: unknown, field = `projects.${id}`): void {
  if (id === '' || id.length > 256) {
    throw invalidArgument(call, `'${field}': a project id must have 1 to 256 characters`)
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalidArgument(call, `'${field}' must be an object, got ${describe(config)}`)
  }
  const c = config as Record<string, unknown>
  for (const key of Object.keys(c)) {
    if (!PROJECT_KEYS.has(key))
      throw invalidArgument(call, `'${field}' has an unknown option '${key}'`)
  }
  const apiKeys = strings(call, c.apiKeys, `${field}.apiKeys`, 1)
  const serviceKeys =
    c.serviceKeys === undefined ? [] : strings(call, c.serviceKeys, `${field}.serviceKeys`, 0)
  serviceKeys.forEach((key, i) => {
    if (key.length < MIN_SERVICE_KEY_LENGTH) {
      // Never describe the value: it is a secret.
      throw invalidArgument(
        call,
        `'${field}.serviceKeys[${i}]' must have at least ${MIN_SERVICE_KEY_LENGTH} characters (e.g. openssl rand -base64 32), got ${key.length}`,
      )
    }
  })
  const all = [...apiKeys, ...serviceKeys]
  if (new Set(all).size !== all.length) {
    throw invalidArgument(
      call,
      `'${field}' lists a key twice (an API key and a service key must differ)`,
    )
  }
  strings(
    call,
    c.allowServiceKeyFromOrigins ?? [],
    `${field}.allowServiceKeyFromOrigins`,
    0,
  ).forEach((origin, i) => {
    if (!isOrigin(origin)) {
      throw invalidArgument(
        call,
        `'${field}.allowServiceKeyFromOrigins[${i}]' must be an origin like 'https://admin.example.com', got ${describe(origin)}`,
      )
    }
  })
  if (c.auth !== undefined) {
    if (typeof c.auth !== 'object' || c.auth === null || Array.isArray(c.auth)) {
      throw invalidArgument(call, `'${field}.auth' must be an object, got ${describe(c.auth)}`)
    }
    const auth = c.auth as Record<string, unknown>
    for (const key of Object.keys(auth)) {
      if (key !== 'jwt' && key !== 'verifyToken') {
        throw invalidArgument(call, `'${field}.auth' has an unknown option '${key}'`)
      }
    }
    if (auth.verifyToken !== undefined && typeof auth.verifyToken !== 'function') {
      throw invalidArgument(
        call,
        `'${field}.auth.verifyToken' must be a function, got ${describe(auth.verifyToken)}`,
      )
    }
    if (auth.jwt !== undefined) checkJwtOptions(call, auth.jwt, `${field}.auth.jwt`)
  }
  if (c.rules !== undefined) {
    if (typeof c.rules !== 'function' && (typeof c.rules !== 'object' || c.rules === null)) {
      throw invalidArgument(
        call,
        `'${field}.rules' must be a function or a rules object ({ documents }), got ${describe(c.rules)}`,
      )
    }
    // The core's own check of patterns and rules, with the field path in front of its message.
    compileRules(`${call}: '${field}.rules'`, c.rules as Rules)
  }
}

function strings(call: string, value: unknown, field: string, min: number): string[] {
  if (!Array.isArray(value) || value.length < min) {
    throw invalidArgument(
      call,
      `'${field}' must be an array of ${min > 0 ? 'at least one ' : ''}string${min > 0 ? '' : 's'}, got ${describe(value)}`,
    )
  }
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'string' || v === '' || v.length > 256) {
      // A key is shown only by its type: it may be a secret.
      throw invalidArgument(
        call,
        `'${field}[${i}]' must be a non-empty string of at most 256 characters, got ${typeof v === 'string' ? `${v.length} characters` : describe(v)}`,
      )
    }
  })
  return value as string[]
}
