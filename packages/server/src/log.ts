import { randomBytes } from 'node:crypto'

// Structured logs: one JSON object per line, `{ time, level, msg, ...fields }`, handed to the
// server's `log` sink. Lines carry ids (request, connection, frame), addresses, projects, codes
// and counts; never tokens, keys or document data (fields named like a secret are redacted).

/** How much the server logs, from most to least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** The levels, in order. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

/** Extra fields of a log line (JSON values). */
export type LogFields = Record<string, unknown>

/** Writes structured log lines at or above its level. */
export interface Logger {
  /** Logs `msg` at `level` with `fields`. */
  log(level: LogLevel, msg: string, fields?: LogFields): void
  /** Logs `msg` at `debug`. */
  debug(msg: string, fields?: LogFields): void
  /** Logs `msg` at `info`. */
  info(msg: string, fields?: LogFields): void
  /** Logs `msg` at `warn`. */
  warn(msg: string, fields?: LogFields): void
  /** Logs `msg` at `error`. */
  error(msg: string, fields?: LogFields): void
  /** True when a line at `level` would be written (skip building costly fields otherwise). */
  enabled(level: LogLevel): boolean
}

/** Field names whose values are never written, whatever a caller passes. */
const SECRET = /token|key|secret|password|authorization|cookie|credential|^data$/i

/**
 * A logger writing one JSON line per call to `sink` (nothing when `sink` is false), for lines
 * at `level` or above.
 */
export function createLogger(sink: ((line: string) => void) | false, level: LogLevel): Logger {
  const floor = LOG_LEVELS.indexOf(level)
  const enabled = (l: LogLevel) => sink !== false && LOG_LEVELS.indexOf(l) >= floor
  const log = (l: LogLevel, msg: string, fields: LogFields = {}) => {
    if (!enabled(l) || sink === false) return
    const line: LogFields = { time: new Date().toISOString(), level: l, msg }
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || key in line) continue
      line[key] = SECRET.test(key)
        ? '[redacted]'
        : value instanceof Error
          ? errorFields(value)
          : value
    }
    let text: string
    try {
      text = JSON.stringify(line)
    } catch {
      text = JSON.stringify({ time: line.time, level: l, msg })
    }
    try {
      sink(text)
    } catch {
      // A failing sink must not take the server down with it.
    }
  }
  return {
    log,
    enabled,
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  }
}

/** What a log line says of an error: its code and message, and where it was thrown. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { message: String(error) }
  const code = (error as { code?: unknown }).code
  return {
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message,
    ...(error.stack ? { stack: error.stack.split('\n').slice(1, 6).join('\n') } : {}),
  }
}

/** A request id a client may choose: short, printable, no spaces or quotes. */
const SANE_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/

/** The client's `x-request-id` when it is sane, otherwise a fresh id. */
export function requestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header
  return given !== undefined && SANE_ID.test(given) ? given : newId()
}

/** A fresh random id (16 hex digits). */
export function newId(): string {
  return randomBytes(8).toString('hex')
}
