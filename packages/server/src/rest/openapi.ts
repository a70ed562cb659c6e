import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './listQuery.js'
import { STATUS } from './httpIo.js'

// The OpenAPI 3.1 document of the REST API, served at GET /v1/openapi.json. Tests validate it
// and walk its paths against the running server, so it cannot drift from what the API does.

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })

const ERROR_CODES = Object.keys(STATUS)

/** Each documented error answer: its status, the codes it carries and what it means. */
const ERRORS: Record<string, { status: number; description: string; retryAfter?: boolean }> = {
  BadRequest: { status: 400, description: 'invalid-argument: a bad path, parameter or body' },
  Unauthenticated: {
    status: 401,
    description:
      'unauthenticated: the project id or API key was refused (an unknown project answers the same), or the bearer JWT was refused',
  },
  PermissionDenied: {
    status: 403,
    description: "permission-denied: the project's rules refused the call",
  },
  NotFound: { status: 404, description: 'not-found: no such document, or no such route' },
  Conflict: {
    status: 409,
    description: 'already-exists (create of an existing id) or aborted (contention)',
  },
  PreconditionFailed: { status: 412, description: 'failed-precondition' },
  PayloadTooLarge: { status: 413, description: 'the body is larger than the server accepts' },
  UnsupportedMediaType: { status: 415, description: "the body is not 'application/json'" },
  TooManyRequests: {
    status: 429,
    description: 'resource-exhausted: a limit was reached; retry after Retry-After seconds',
    retryAfter: true,
  },
  Internal: {
    status: 500,
    description: 'internal: the server failed; details are only in its log',
  },
  Unavailable: { status: 503, description: 'unavailable: try again later' },
  Timeout: { status: 504, description: 'deadline-exceeded' },
}

function errorResponses(...names: (keyof typeof ERRORS)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of names) out[String(ERRORS[name]?.status)] = ref('responses', name)
  return out
}

/** Errors every project call can answer. */
const COMMON = [
  'BadRequest',
  'Unauthenticated',
  'PermissionDenied',
  'TooManyRequests',
  'Internal',
  'Unavailable',
  'Timeout',
] as const

const WRITE_ERRORS = [
  ...COMMON,
  'Conflict',
  'PreconditionFailed',
  'PayloadTooLarge',
  'UnsupportedMediaType',
] as const

const jsonBody = (schema: unknown, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
})

const jsonAnswer = (schema: unknown, description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
})

const cursorParam = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description: `${description}: a JSON array of values, one per orderBy field (a prefix of them)`,
  content: { 'application/json': { schema: { type: 'array', items: {} } } },
})

/** The OpenAPI 3.1 document of the REST API. */
export function openApiDocument(): Record<string, unknown> {
  const collectionPath = '/v1/projects/{project}/collections/{collection}/docs'
  const docPath = `${collectionPath}/{id}`
  return {
    openapi: '3.1.0',
    info: {
      title: 'Metal REST API',
      version: '1',
      description:
        'Documents of a Metal server over HTTP, for clients without the JavaScript client. Each call runs with the same access rules and token checks as a WebSocket client. Values are JSON; an object with a `$metal` key is a field-value sentinel (`{"$metal":"serverTimestamp"}`, `{"$metal":"increment","operand":1}`, `{"$metal":"delete"}`…) or an escaped map (`{"$metal":"map","value":{…}}`), as on the WebSocket.',
    },
    security: [
      {},
      { apiKeyHeader: [] },
      { apiKeyQuery: [] },
      { apiKeyHeader: [], bearerJwt: [] },
      { apiKeyQuery: [], bearerJwt: [] },
      { bearerJwt: [] },
    ],
    paths: {
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          security: [{}],
          responses: {
            '200': jsonAnswer({ type: 'object' }, 'The OpenAPI 3.1 document'),
            ...errorResponses('TooManyRequests'),
          },
        },
      },
      [collectionPath]: {
        parameters: [ref('parameters', 'project'), ref('parameters', 'collection')],
        get: {
          operationId: 'listDocuments',
          summary: 'List the documents of a collection that match a query, a page at a time',
          parameters: [
            ref('parameters', 'where'),
            ref('parameters', 'orderBy'),
            ref('parameters', 'limit'),
            ref('parameters', 'offset'),
            ref('parameters', 'startAt'),
            ref('parameters', 'startAfter'),
            ref('parameters', 'endAt'),
            ref('parameters', 'endBefore'),
            ref('parameters', 'pageToken'),
          ],
          responses: {
            '200': jsonAnswer(ref('schemas', 'DocumentList'), 'One page of matching documents'),
            ...errorResponses(...COMMON),
          },
        },
        post: {
          operationId: 'createDocument',
          summary: 'Create a document (fails if the id exists)',
          parameters: [ref('parameters', 'createId')],
          requestBody: jsonBody(ref('schemas', 'DocumentData'), 'The document'),
          responses: {
            '201': jsonAnswer(ref('schemas', 'Document'), 'The created document', {
              Location: { description: 'The document URL', schema: { type: 'string' } },
            }),
            ...errorResponses(...WRITE_ERRORS),
          },
        },
      },
      [docPath]: {
        parameters: [
          ref('parameters', 'project'),
          ref('parameters', 'collection'),
          ref('parameters', 'id'),
        ],
        get: {
          operationId: 'getDocument',
          summary: 'Read a document',
          responses: {
            '200': jsonAnswer(ref('schemas', 'Document'), 'The document'),
            ...errorResponses(...COMMON, 'NotFound'),
          },
        },
        put: {
          operationId: 'setDocument',
          summary: 'Create or replace a document',
          requestBody: jsonBody(ref('schemas', 'DocumentData'), 'The whole document'),
          responses: {
            '200': jsonAnswer(ref('schemas', 'Document'), 'The document as written'),
            ...errorResponses(...WRITE_ERRORS),
          },
        },
        patch: {
          operationId: 'updateDocument',
          summary: 'Change the given fields of an existing document',
          requestBody: jsonBody(
            ref('schemas', 'FieldUpdates'),
            'Field paths (dotted: `a.b`) and their new values; `{"$metal":"delete"}` removes a field',
          ),
          responses: {
            '200': jsonAnswer(ref('schemas', 'Document'), 'The document as updated'),
            ...errorResponses(...WRITE_ERRORS, 'NotFound'),
          },
        },
        delete: {
          operationId: 'deleteDocument',
          summary: 'Delete a document (succeeds whether or not it exists)',
          responses: {
            '204': { description: 'Deleted' },
            ...errorResponses(...COMMON, 'Conflict', 'PreconditionFailed'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-metal-api-key' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
        bearerJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "Signs the call in as the token's user, checked as a WebSocket client's JWT",
        },
      },
      parameters: {
        project: {
          name: 'project',
          in: 'path',
          required: true,
          description: 'The project id',
          schema: { type: 'string', minLength: 1 },
        },
        collection: {
          name: 'collection',
          in: 'path',
          required: true,
          description:
            'The collection path: `tasks`, or a subcollection such as `users/u1/notes` with its slashes percent-encoded (`users%2Fu1%2Fnotes`; raw slashes are accepted too)',
          schema: { type: 'string', minLength: 1 },
        },
        id: {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The document id (at most 1500 bytes, no `/`)',
          schema: { type: 'string', minLength: 1 },
        },
        createId: {
          name: 'id',
          in: 'query',
          required: false,
          description: 'The new document id; without it the server picks a random 20-character id',
          schema: { type: 'string', minLength: 1 },
        },
        where: {
          name: 'where',
          in: 'query',
          required: false,
          style: 'form',
          explode: true,
          description:
            'A filter, repeatable (all must hold): a JSON array `[field, op, value]`, op one of ==, !=, <, <=, >, >=, in, not-in, array-contains, array-contains-any',
          schema: { type: 'array', items: { type: 'string' } },
        },
        orderBy: {
          name: 'orderBy',
          in: 'query',
          required: false,
          style: 'form',
          explode: true,
          description: 'A sort key, repeatable: `field` or `field:desc` (`field:asc`)',
          schema: { type: 'array', items: { type: 'string' } },
        },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Page size',
          schema: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_PAGE_SIZE,
            default: DEFAULT_PAGE_SIZE,
          },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          description: 'Matches to skip (first page only; not with pageToken)',
          schema: { type: 'integer', minimum: 0 },
        },
        startAt: cursorParam('startAt', 'Start at these values (inclusive)'),
        startAfter: cursorParam('startAfter', 'Start after these values'),
        endAt: cursorParam('endAt', 'End at these values (inclusive)'),
        endBefore: cursorParam('endBefore', 'End before these values'),
        pageToken: {
          name: 'pageToken',
          in: 'query',
          required: false,
          description:
            "The previous page's `nextPageToken`; pass the same query parameters with it (no startAt, startAfter or offset)",
          schema: { type: 'string' },
        },
      },
      schemas: {
        DocumentData: {
          type: 'object',
          description: 'Document fields (at most 1 MiB, 20 levels of nesting)',
          additionalProperties: true,
        },
        FieldUpdates: {
          type: 'object',
          description: 'Dotted field paths and their new values',
          minProperties: 1,
          additionalProperties: true,
        },
        Document: {
          type: 'object',
          required: ['id', 'data', 'version', 'updateTime'],
          additionalProperties: false,
          properties: {
            id: { type: 'string' },
            data: ref('schemas', 'DocumentData'),
            version: { type: 'integer', minimum: 1, description: 'The commit that last wrote it' },
            updateTime: { type: 'integer', description: 'When it was last written, epoch ms' },
          },
        },
        DocumentList: {
          type: 'object',
          required: ['documents'],
          additionalProperties: false,
          properties: {
            documents: { type: 'array', items: ref('schemas', 'Document') },
            nextPageToken: {
              type: 'string',
              description: 'Present when the page is full: pass it as pageToken for the next page',
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          additionalProperties: false,
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              additionalProperties: false,
              properties: {
                code: { type: 'string', enum: ERROR_CODES },
                message: { type: 'string' },
              },
            },
          },
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([name, e]) => [
          name,
          jsonAnswer(
            ref('schemas', 'Error'),
            e.description,
            e.retryAfter
              ? {
                  'Retry-After': {
                    description: 'Seconds to wait before retrying',
                    schema: { type: 'integer', minimum: 0 },
                  },
                }
              : undefined,
          ),
        ]),
      ),
    },
  }
}
