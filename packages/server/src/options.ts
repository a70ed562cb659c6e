import { describe, invalidArgument } from '@metal/core/engine'
import { checkServerCoreOptions } from '@metal/core/server'
import type { ServerOptions } from './server.js'
import { LOG_LEVELS } from './log.js'
import { checkTrigger } from './triggers.js'
import { checkProjects } from './projects.js'

const KNOWN = new Set([
  'port',
  'host',
  'databaseUrl',
  'dataDir',
  'driver',
  'maxMessageBytes',
  'maxBufferedBytes',
  'log',
  'verifyToken',
  'rules',
  'presenceTimeoutMs',
  'now',
  'changeLogRetentionMs',
  'pollMs',
  'mutationRetentionMs',
  'maxTargetsPerConnection',
  'rateLimit',
  'maxConnectionsPerIp',
  'helloTimeoutMs',
  'projects',
  'logLevel',
  'shutdownGraceMs',
  'onWrite',
  'middleware',
])

/** Checks {@link createServer}'s options; throws an invalid-argument MetalError naming the field. */
export function checkServerOptions(call: string, options: ServerOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw invalidArgument(call, `unknown option ${describe(key)}`)
  }
  checkServerCoreOptions(call, options)
  if (options.projects !== undefined) {
    checkProjects(call, options.projects)
    for (const key of ['verifyToken', 'rules'] as const) {
      if (options[key] !== undefined) {
        // Two places that decide access would leave one of them unread.
        throw invalidArgument(
          call,
          `option '${key}' applies to every project: with 'projects', give each project its own (projects.<id>.${key === 'rules' ? 'rules' : 'auth.verifyToken'})`,
        )
      }
    }
  }
  const { port, host, databaseUrl, dataDir, log } = options
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw invalidArgument(
      call,
      `option 'port' must be an integer from 0 to 65535, got ${describe(port)}`,
    )
  }
  for (const [key, value] of [
    ['host', host],
    ['dataDir', dataDir],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalidArgument(
        call,
        `option '${key}' must be a non-empty string, got ${describe(value)}`,
      )
    }
  }
  if (
    databaseUrl !== undefined &&
    (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl))
  ) {
    throw invalidArgument(
      call,
      `option 'databaseUrl' must be a postgres:// URL, got ${typeof databaseUrl === 'string' ? 'another scheme' : describe(databaseUrl)}`,
    )
  }
  const stores = [databaseUrl, dataDir, options.driver].filter((v) => v !== undefined).length
  if (stores > 1) {
    throw invalidArgument(call, `give at most one of 'databaseUrl', 'dataDir' and 'driver'`)
  }
  for (const key of [
    'maxMessageBytes',
    'maxBufferedBytes',
    'changeLogRetentionMs',
    'pollMs',
    'mutationRetentionMs',
    'helloTimeoutMs',
  ] as const) {
    const v = options[key]
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw invalidArgument(call, `option '${key}' must be a positive number, got ${describe(v)}`)
    }
  }
  for (const key of ['maxConnectionsPerIp'] as const) {
    const v = options[key]
    if (v !== undefined && !(Number.isInteger(v) && (v as number) > 0)) {
      throw invalidArgument(call, `option '${key}' must be a positive integer, got ${describe(v)}`)
    }
  }
  const rate = options.rateLimit
  if (rate !== undefined && rate !== false) {
    if (typeof rate !== 'object' || rate === null) {
      throw invalidArgument(
        call,
        `option 'rateLimit' must be { perSecond, burst } or false, got ${describe(rate)}`,
      )
    }
    for (const key of ['perSecond', 'burst'] as const) {
      const v = (rate as unknown as Record<string, unknown>)[key]
      if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        throw invalidArgument(
          call,
          `option 'rateLimit.${key}' must be a positive number, got ${describe(v)}`,
        )
      }
    }
  }
  if (options.middleware !== undefined && typeof options.middleware !== 'function') {
    throw invalidArgument(
      call,
      `option 'middleware' must be a function (req, res, next), got ${describe(options.middleware)}`,
    )
  }
  if (log !== undefined && log !== false && typeof log !== 'function') {
    throw invalidArgument(call, `option 'log' must be a function or false, got ${describe(log)}`)
  }
  const { logLevel, shutdownGraceMs, onWrite } = options
  if (logLevel !== undefined && !(LOG_LEVELS as readonly unknown[]).includes(logLevel)) {
    throw invalidArgument(
      call,
      `option 'logLevel' must be one of ${LOG_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describe(logLevel)}`,
    )
  }
  if (
    shutdownGraceMs !== undefined &&
    !(
      typeof shutdownGraceMs === 'number' &&
      Number.isFinite(shutdownGraceMs) &&
      shutdownGraceMs >= 0
    )
  ) {
    throw invalidArgument(
      call,
      `option 'shutdownGraceMs' must be a number of ms, 0 or more, got ${describe(shutdownGraceMs)}`,
    )
  }
  if (onWrite !== undefined) {
    if (typeof onWrite !== 'object' || onWrite === null || Array.isArray(onWrite)) {
      throw invalidArgument(
        call,
        `option 'onWrite' must be an object of collection: handler, got ${describe(onWrite)}`,
      )
    }
    const names = new Set<string>()
    for (const [collection, spec] of Object.entries(onWrite)) {
      const withOptions = typeof spec === 'object' && spec !== null
      const settings = checkTrigger(
        `${call} onWrite '${collection}'`,
        collection,
        withOptions ? (spec as { handler?: unknown }).handler : spec,
        withOptions ? spec : undefined,
      )
      if (names.has(settings.name)) {
        throw invalidArgument(call, `option 'onWrite': two triggers are named '${settings.name}'`)
      }
      names.add(settings.name)
    }
  }
}
