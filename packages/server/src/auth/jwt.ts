import { readFileSync } from 'node:fs'
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWSAlgorithm,
} from 'jose'
import { MetalError } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import type { SessionData } from '@metal/core/protocol'
import type { VerifyToken } from '@metal/core/server'

/** How a project checks JWTs: a shared secret (HS256) or the issuer's public keys (a JWKS). */
export interface JwtOptions {
  /**
   * Shared secret of HMAC-signed tokens (HS256, HS384, HS512), at least 32 bytes. Read it from
   * the environment (`env('METAL_JWT_SECRET')`), never write it in a file. Give this or `jwks`.
   */
  secret?: string | Uint8Array
  /**
   * The issuer's public keys (RS256, ES256, PS256, EdDSA, …): an `https://` (or `http://`) URL
   * of a JSON Web Key Set, fetched and cached (keys rotate: an unknown `kid` refetches it), a
   * file path of one (read once, when the verifier is made), or the key set itself.
   */
  jwks?: string | URL | JSONWebKeySet
  /** Accepted `iss` claim (one, or any of several). Unchecked when not given. */
  issuer?: string | string[]
  /** Accepted `aud` claim (one, or any of several). Unchecked when not given. */
  audience?: string | string[]
  /**
   * Accepted signing algorithms.
   * @default ['HS256'] with a secret; every asymmetric algorithm with a JWKS
   */
  algorithms?: string[]
  /**
   * Seconds of clock difference allowed when checking `exp` and `nbf`.
   * @default 0
   */
  clockToleranceSec?: number
  /**
   * Refuse tokens without an `exp` claim (a token that never expires cannot be revoked).
   * @default true
   */
  requireExpiry?: boolean
}

const HMAC: readonly string[] = ['HS256', 'HS384', 'HS512']
const ASYMMETRIC: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]
const KNOWN = new Set([
  'secret',
  'jwks',
  'issuer',
  'audience',
  'algorithms',
  'clockToleranceSec',
  'requireExpiry',
])
const MIN_SECRET_BYTES = 32

/**
 * Makes a token check (a `verifyToken`) that accepts JWTs signed with `options.secret` or by a
 * key of `options.jwks`, with the expected issuer, audience and algorithm, unexpired, and with
 * a `sub` claim. The session's `userId` is `sub`, `role` the `role` claim, `roles` the `roles`
 * claim (with `role`), `expiresAt` the `exp` claim and `claims` the whole payload. Custom
 * credentials are refused. Every refusal is an `unauthenticated` MetalError saying why, without
 * the token. `field` names the options in messages (a config path).
 */
export function jwtVerifier(options: JwtOptions, field = 'options'): VerifyToken {
  const call = 'jwtVerifier()'
  const checked = checkJwtOptions(call, options, field)
  const verifyOptions = {
    algorithms: checked.algorithms as JWSAlgorithm[],
    clockTolerance: options.clockToleranceSec ?? 0,
    requiredClaims: options.requireExpiry === false ? [] : ['exp'],
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
  }
  const key = checked.key
  const allowed = checked.algorithms.join(', ')
  return async (credential, now) => {
    if (credential.type !== 'jwt') {
      throw new MetalError(
        'unauthenticated',
        `authenticate(): this project accepts only JWTs, not '${String(credential.type)}' credentials`,
      )
    }
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(credential.token, key as JWTVerifyGetKey, {
        ...verifyOptions,
        currentDate: new Date(now),
      }))
    } catch (error) {
      throw refusal(error, allowed, checked.source)
    }
    return sessionOf(payload)
  }
}

/** The session a verified payload stands for. */
function sessionOf(payload: JWTPayload): SessionData {
  const { sub, exp } = payload
  if (typeof sub !== 'string' || sub === '') {
    throw new MetalError('unauthenticated', "authenticate(): the JWT has no 'sub' claim")
  }
  const role = typeof payload.role === 'string' && payload.role !== '' ? payload.role : null
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((r): r is string => typeof r === 'string' && r !== '')
    : []
  if (role !== null && !roles.includes(role)) roles.unshift(role)
  return {
    userId: sub,
    role,
    roles: [...new Set(roles)],
    expiresAt: typeof exp === 'number' ? exp * 1000 : null,
    claims: payload as Record<string, unknown>,
  }
}

/** A jose failure as an `unauthenticated` (or `unavailable`) MetalError; never quotes the token. */
function refusal(error: unknown, allowed: string, source: string): MetalError {
  const no = (why: string) => new MetalError('unauthenticated', `authenticate(): ${why}`)
  if (error instanceof errors.JWTExpired) return no('the JWT has expired')
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim
    if (error.reason === 'missing') return no(`the JWT has no '${claim}' claim`)
    if (claim === 'iss') return no('the JWT was issued by an issuer this project does not accept')
    if (claim === 'aud') return no('the JWT is for an audience this project does not accept')
    if (claim === 'nbf') return no('the JWT is not valid yet (nbf)')
    if (claim === 'iat') return no("the JWT's 'iat' claim is not valid")
    return no(`the JWT's '${claim}' claim is not valid`)
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return no('the JWT signature is not valid')
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return no(`the JWT is signed with an algorithm this project does not accept (${allowed})`)
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return no(`no single key of the project's JWKS matches the JWT (its 'kid' and 'alg')`)
  }
  if (error instanceof errors.JWKSTimeout) {
    return new MetalError('unavailable', `authenticate(): the JWKS at ${source} did not answer`)
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return no('the JWT is malformed')
  }
  if (error instanceof errors.JOSENotSupported) {
    return no('the JWT uses an algorithm or key type this server does not support')
  }
  if (error instanceof errors.JOSEError && source.startsWith('http')) {
    // A fetch answered with something other than a key set: the issuer's fault, not the token's.
    return new MetalError('unavailable', `authenticate(): the JWKS at ${source} cannot be used`)
  }
  if (error instanceof TypeError && source.startsWith('http')) {
    return new MetalError('unavailable', `authenticate(): the JWKS at ${source} cannot be reached`)
  }
  return no('the JWT cannot be verified')
}

interface CheckedJwt {
  key: Uint8Array | JWTVerifyGetKey
  algorithms: readonly string[]
  /** Where the keys come from, for messages (never the secret). */
  source: string
}

/** Validates {@link JwtOptions}, naming `field.<name>`; returns the key and the algorithms. */
export function checkJwtOptions(call: string, options: unknown, field: string): CheckedJwt {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument(call, `'${field}' must be an object, got ${describe(options)}`)
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw invalidArgument(call, `'${field}' has an unknown option '${key}'`)
  }
  if ((o.secret === undefined) === (o.jwks === undefined)) {
    throw invalidArgument(call, `'${field}' needs exactly one of 'secret' and 'jwks'`)
  }
  for (const name of ['issuer', 'audience'] as const) {
    const v = o[name]
    const ok =
      v === undefined ||
      (typeof v === 'string' && v !== '') ||
      (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''))
    if (!ok) {
      throw invalidArgument(
        call,
        `'${field}.${name}' must be a non-empty string or array of strings, got ${describe(v)}`,
      )
    }
  }
  const tolerance = o.clockToleranceSec
  if (
    tolerance !== undefined &&
    !(typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0)
  ) {
    throw invalidArgument(
      call,
      `'${field}.clockToleranceSec' must be a number of seconds >= 0, got ${describe(tolerance)}`,
    )
  }
  if (o.requireExpiry !== undefined && typeof o.requireExpiry !== 'boolean') {
    throw invalidArgument(
      call,
      `'${field}.requireExpiry' must be a boolean, got ${describe(o.requireExpiry)}`,
    )
  }
  const family = o.secret !== undefined ? HMAC : ASYMMETRIC
  const algorithms =
    o.algorithms === undefined ? (o.secret !== undefined ? ['HS256'] : ASYMMETRIC) : o.algorithms
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw invalidArgument(
      call,
      `'${field}.algorithms' must be a non-empty array, got ${describe(algorithms)}`,
    )
  }
  algorithms.forEach((alg: unknown, i) => {
    if (typeof alg !== 'string' || !family.includes(alg)) {
      throw invalidArgument(
        call,
        `'${field}.algorithms[${i}]' must be one of ${family.join(', ')} with ${o.secret !== undefined ? 'a secret' : 'a JWKS'}, got ${describe(alg)}`,
      )
    }
  })
  if (o.secret !== undefined) {
    const secret =
      typeof o.secret === 'string'
        ? new TextEncoder().encode(o.secret)
        : o.secret instanceof Uint8Array
          ? o.secret
          : undefined
    if (!secret || secret.length < MIN_SECRET_BYTES) {
      // Never describe the value: it is a secret.
      throw invalidArgument(
        call,
        `'${field}.secret' must be a string or bytes of at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 32), got ${secret ? `${secret.length} bytes` : `a ${typeof o.secret}`}`,
      )
    }
    return { key: secret, algorithms: algorithms as string[], source: 'the secret' }
  }
  return { ...keySet(call, o.jwks, `${field}.jwks`), algorithms: algorithms as string[] }
}

/** The key set of a `jwks` option: remote (a URL), or local (a file or the set itself). */
function keySet(
  call: string,
  jwks: unknown,
  field: string,
): { key: JWTVerifyGetKey; source: string } {
  if (jwks instanceof URL || (typeof jwks === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(jwks))) {
    const url = new URL(jwks)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw invalidArgument(
        call,
        `'${field}' must be an https:// or http:// URL, got ${describe(url.protocol)}`,
      )
    }
    const source = `${url.origin}${url.pathname}`
    return {
      key: createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 }),
      source,
    }
  }
  let set: unknown = jwks
  if (typeof jwks === 'string') {
    if (jwks === '') throw invalidArgument(call, `'${field}' must not be empty`)
    let text: string
    try {
      text = readFileSync(jwks, 'utf8')
    } catch (error) {
      throw invalidArgument(
        call,
        `'${field}' names the file ${describe(jwks)}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      )
    }
    try {
      set = JSON.parse(text)
    } catch {
      throw invalidArgument(call, `'${field}' names the file ${describe(jwks)}, which is not JSON`)
    }
  }
  if (
    typeof set !== 'object' ||
    set === null ||
    !Array.isArray((set as { keys?: unknown }).keys) ||
    (set as { keys: unknown[] }).keys.length === 0
  ) {
    throw invalidArgument(
      call,
      `'${field}' must be a URL, a file path or a JSON Web Key Set ({ keys: [...] }) with at least one key`,
    )
  }
  const keys = (set as { keys: unknown[] }).keys
  keys.forEach((k, i) => {
    if (typeof k !== 'object' || k === null || typeof (k as { kty?: unknown }).kty !== 'string') {
      throw invalidArgument(call, `'${field}' key ${i} is not a JSON Web Key (no 'kty')`)
    }
    if ('d' in k || (k as { kty: string }).kty === 'oct') {
      // A private or symmetric key in a public key set: someone pasted the wrong file.
      throw invalidArgument(
        call,
        `'${field}' key ${i} is a private or secret key: give public keys only`,
      )
    }
  })
  try {
    return {
      key: createLocalJWKSet(set as JSONWebKeySet),
      source: typeof jwks === 'string' ? jwks : 'the key set',
    }
  } catch (error) {
    throw invalidArgument(
      call,
      `'${field}' is not a valid JSON Web Key Set (${(error as Error).message})`,
    )
  }
}
