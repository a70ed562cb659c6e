import { MetalError } from '@metal/core'
import { HttpError } from './httpIo.js'

// The REST API's URLs. A collection path travels either as one segment with its slashes
// percent-encoded (`users%2Fu1%2Fposts`, as the OpenAPI document describes it) or as raw
// segments (`users/u1/posts`): a collection path has an odd number of segments, so the
// `docs` segment that follows it is found by parity. Every segment is percent-decoded strictly:
// a malformed escape or bytes that are not UTF-8 are refused, never replaced.

/** Where every REST URL starts. */
export const PREFIX = '/v1/projects/'

/** The OpenAPI document's path. */
export const OPENAPI_PATH = '/v1/openapi.json'

/** A matched REST URL. */
export type RestRoute =
  | { kind: 'openapi' }
  | { kind: 'collection'; projectId: string; collection: string }
  | { kind: 'document'; projectId: string; collection: string; id: string }

/** Methods each kind of route answers (`Allow` of a 405). */
export const ALLOWED: Readonly<Record<RestRoute['kind'], readonly string[]>> = {
  openapi: ['GET'],
  collection: ['GET', 'POST'],
  document: ['GET', 'PUT', 'PATCH', 'DELETE'],
}

/** Strict percent-decoding of one URL segment or query component. */
export function decodeComponent(raw: string, what: string, plusIsSpace = false): string {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw)
  } catch {
    throw new MetalError(
      'invalid-argument',
      `${what} ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw)} is not valid percent-encoded UTF-8`,
    )
  }
}

function notFound(path: string): HttpError {
  const shown = path.length > 100 ? `${path.slice(0, 97)}...` : path
  return new HttpError(404, 'not-found', `no REST route at ${JSON.stringify(shown)}`)
}

/**
 * Matches a request path (without its query). Returns undefined when the path is not the REST
 * API's; throws a 404 HttpError for an unknown path under it, or invalid-argument for a bad
 * percent-encoding.
 */
export function matchRoute(path: string): RestRoute | undefined {
  if (path === OPENAPI_PATH) return { kind: 'openapi' }
  if (!path.startsWith(PREFIX)) return undefined
  const segments = path.slice(PREFIX.length).split('/')
  const [project, collections, ...rest] = segments
  if (project === undefined || collections !== 'collections' || rest.length < 2) {
    throw notFound(path)
  }
  const projectId = decodeComponent(project, 'project id')
  const docRoute = rest.length % 2 === 1
  const docsAt = docRoute ? rest.length - 2 : rest.length - 1
  if (rest[docsAt] !== 'docs') throw notFound(path)
  const collection = rest
    .slice(0, docsAt)
    .map((s) => decodeComponent(s, 'collection path segment'))
    .join('/')
  if (!docRoute) return { kind: 'collection', projectId, collection }
  const id = decodeComponent(rest[rest.length - 1] as string, 'document id')
  return { kind: 'document', projectId, collection, id }
}

/**
 * Parses a query string strictly: `+` is a space, every escape must decode to UTF-8, and each
 * name maps to its values in order.
 */
export function parseQuery(query: string): Map<string, string[]> {
  const params = new Map<string, string[]>()
  if (query === '') return params
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), 'query parameter name', true)
    const value =
      eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), `query parameter '${name}'`, true)
    const values = params.get(name)
    if (values) values.push(value)
    else params.set(name, [value])
  }
  return params
}
