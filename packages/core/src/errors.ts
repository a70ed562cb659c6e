/** Every error code a Metal operation can fail with (the Cloud Firestore set). */
export type MetalErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'already-exists'
  | 'permission-denied'
  | 'unauthenticated'
  | 'failed-precondition'
  | 'aborted'
  | 'resource-exhausted'
  | 'unavailable'
  | 'deadline-exceeded'
  | 'internal'
  | 'cancelled'

const CODES: ReadonlySet<string> = new Set<MetalErrorCode>([
  'invalid-argument',
  'not-found',
  'already-exists',
  'permission-denied',
  'unauthenticated',
  'failed-precondition',
  'aborted',
  'resource-exhausted',
  'unavailable',
  'deadline-exceeded',
  'internal',
  'cancelled',
])

/**
 * The one error type Metal throws or rejects with. `code` says what kind of failure it is;
 * `message` names the call, the field and the offending value.
 */
export class MetalError extends Error {
  override readonly name = 'MetalError'
  /** Machine-readable failure kind. */
  readonly code: MetalErrorCode

  /**
   * @param code - the failure kind
   * @param message - what was wrong, naming the call, the field and the value
   */
  constructor(code: MetalErrorCode, message: string) {
    super(message)
    this.code = code
  }

  /** True when `value` is a {@link MetalError}, optionally with the given code. */
  static is(value: unknown, code?: MetalErrorCode): value is MetalError {
    return value instanceof MetalError && (code === undefined || value.code === code)
  }
}

/** True when `code` is one of the known {@link MetalErrorCode}s. */
export function isMetalErrorCode(code: unknown): code is MetalErrorCode {
  return typeof code === 'string' && CODES.has(code)
}

/** Shorthand for the most common failure: `invalidArgument('where()', "unknown operator '=>'")`. */
export function invalidArgument(call: string, detail: string): MetalError {
  return new MetalError('invalid-argument', `${call}: ${detail}`)
}

/** The error of every call made on a closed client. */
export function closedError(call: string): MetalError {
  return new MetalError('failed-precondition', `${call}: this Metal client is closed`)
}

/** Renders a value for an error message: short, unambiguous, never throws. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`
  if (typeof value === 'string')
    return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return value.toString()
  if (Array.isArray(value)) return `array(${value.length})`
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null
  const name = proto?.constructor?.name
  if (proto !== null && name !== 'Object') return `instance of ${name ?? 'unknown class'}`
  try {
    const text = JSON.stringify(value)
    return text.length > 60 ? `${text.slice(0, 57)}...` : text
  } catch {
    return 'object'
  }
}

/** Codes that mean "the network failed", as opposed to "the backend said no". */
export function isTransient(error: unknown): boolean {
  return MetalError.is(error, 'unavailable') || MetalError.is(error, 'deadline-exceeded')
}
