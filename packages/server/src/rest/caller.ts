import type { IncomingMessage } from 'node:http'
import { MetalError } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import { MAX_HELLO_FIELD_BYTES } from '@metal/core/protocol'

// Who a REST call says it is: the project id, the API key and the bearer token, read from the
// request and checked as the WebSocket hello and authenticate requests check them.

/** A request header as one string (repeated ones joined). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Checks a project id as the WebSocket hello does, and refuses text no database can store. */
export function checkProjectId(call: string, projectId: string): void {
  if (projectId === '' || Buffer.byteLength(projectId) > MAX_HELLO_FIELD_BYTES) {
    throw invalidArgument(
      call,
      `project id must be a non-empty string of at most ${MAX_HELLO_FIELD_BYTES} bytes, got ${describe(projectId)}`,
    )
  }
  if (/[\0\p{Cs}]/u.test(projectId)) {
    throw invalidArgument(call, `project id ${describe(projectId)} contains U+0000`)
  }
}

/** The API key of a call: the header or the `key` parameter, not both. */
export function apiKeyOf(
  call: string,
  req: IncomingMessage,
  params: Map<string, string[]>,
): string | undefined {
  const header = headerValue(req, 'x-metal-api-key')
  const query = params.get('key')
  if (query !== undefined && (query.length > 1 || header !== undefined)) {
    throw invalidArgument(
      call,
      `give the API key once (header 'x-metal-api-key' or parameter 'key')`,
    )
  }
  const key = header ?? query?.[0]
  if (key !== undefined && (key === '' || Buffer.byteLength(key) > MAX_HELLO_FIELD_BYTES)) {
    throw invalidArgument(
      call,
      `the API key must be a non-empty string of at most ${MAX_HELLO_FIELD_BYTES} bytes`,
    )
  }
  return key
}

/** The bearer token of a call, when it has an Authorization header. */
export function bearerOf(call: string, req: IncomingMessage): string | undefined {
  const header = headerValue(req, 'authorization')
  if (header === undefined) return undefined
  const match = /^Bearer +(\S+) *$/i.exec(header)
  if (!match) {
    throw new MetalError(
      'unauthenticated',
      `${call}: the Authorization header must be 'Bearer <JWT>'`,
    )
  }
  return match[1]
}
