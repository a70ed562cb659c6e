import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import SwaggerParser from '@apidevtools/swagger-parser'
import { MetalError } from '@metal/core'
import { openApiDocument } from '../rest/openapi.js'
import { pgliteDriver } from '../sql/pglite.js'
import type { SqlDriver } from '../sql/driver.js'
import { json, restServer, send, type Answer, type RestServer } from './restHarness.js'

// The OpenAPI document: valid OpenAPI 3.1, served as is, and true: every documented operation
// answers its documented success and error statuses with bodies that match their schemas, and
// every other method of a documented path answers 405 with the documented ones in Allow.

type Schema = {
  type?: string
  enum?: unknown[]
  required?: string[]
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  items?: Schema
  minimum?: number
  minLength?: number
  minProperties?: number
}

/** Checks `value` against the subset of JSON Schema the document uses; returns the problems. */
function validate(schema: Schema, value: unknown, at = '$'): string[] {
  const problems: string[] = []
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
  if (schema.type === 'integer') {
    if (!Number.isInteger(value))
      return [`${at}: expected an integer, got ${JSON.stringify(value)}`]
  } else if (schema.type !== undefined && schema.type !== type) {
    return [`${at}: expected ${schema.type}, got ${type}`]
  }
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in enum`)
  if (schema.minimum !== undefined && (value as number) < schema.minimum)
    problems.push(`${at}: below minimum`)
  if (schema.minLength !== undefined && (value as string).length < schema.minLength)
    problems.push(`${at}: too short`)
  if (type === 'object') {
    const object = value as Record<string, unknown>
    for (const key of schema.required ?? [])
      if (!(key in object)) problems.push(`${at}: missing ${key}`)
    if (schema.minProperties !== undefined && Object.keys(object).length < schema.minProperties) {
      problems.push(`${at}: too few properties`)
    }
    for (const [key, v] of Object.entries(object)) {
      const property = schema.properties?.[key]
      if (property) problems.push(...validate(property, v, `${at}.${key}`))
      else if (schema.additionalProperties === false) problems.push(`${at}: unexpected ${key}`)
      else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validate(schema.additionalProperties, v, `${at}.${key}`))
      }
    }
  }
  if (type === 'array' && schema.items) {
    ;(value as unknown[]).forEach((v, i) =>
      problems.push(...validate(schema.items as Schema, v, `${at}[${i}]`)),
    )
  }
  return problems
}

interface Operation {
  operationId: string
  parameters?: { name: string; in: string }[]
  requestBody?: unknown
  responses: Record<
    string,
    { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }
  >
}

const KEY = 'k'
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

describe('OpenAPI document', () => {
  let driver: SqlDriver
  let server: RestServer
  let api: { paths: Record<string, Record<string, Operation>> }

  beforeAll(async () => {
    driver = await pgliteDriver()
    server = await restServer(driver, {
      admit: ({ apiKey }) => {
        if (apiKey !== KEY) throw new MetalError('permission-denied', 'wrong key')
        return {}
      },
    })
    api = (await SwaggerParser.dereference(structuredClone(openApiDocument()) as never)) as never
  })
  afterAll(async () => {
    await server.close()
    await driver.close()
  })

  it('validates as OpenAPI 3.1 with swagger-parser', async () => {
    const document = openApiDocument()
    expect(document.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy()
  })

  it('is served at GET /v1/openapi.json', async () => {
    const answer = await send(server.url, 'GET', '/v1/openapi.json')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.json).toEqual(openApiDocument())
  })

  it('declares API key (header and query) and bearer JWT security schemes', () => {
    const schemes = (openApiDocument().components as { securitySchemes: Record<string, unknown> })
      .securitySchemes
    expect(schemes).toEqual({
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-metal-api-key' },
      apiKeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
      bearerJwt: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    })
  })

  it('answers every documented operation as documented', async () => {
    const project = `openapi-${Date.now()}`
    const fill = (path: string, id = 'doc1') =>
      path.replace('{project}', project).replace('{collection}', 'tasks').replace('{id}', id)
    await send(
      server.url,
      'PUT',
      fill('/v1/projects/{project}/collections/{collection}/docs/{id}'),
      {
        ...json({ title: 'first', n: 1 }),
        headers: { 'x-metal-api-key': KEY },
      },
    )
    const bodies: Record<string, unknown> = {
      createDocument: { title: 'new', n: 2 },
      setDocument: { title: 'set', n: 3 },
      updateDocument: { n: 4 },
    }
    const checked: string[] = []

    function expectDocumented(operation: Operation, answer: Answer, what: string) {
      const documented = operation.responses[String(answer.status)]
      expect(
        documented,
        `${what}: status ${answer.status} (${answer.text}) is not documented`,
      ).toBeDefined()
      const schema = documented?.content?.['application/json']?.schema
      if (schema) expect(validate(schema, answer.json), what).toEqual([])
      else expect(answer.text, what).toBe('')
      for (const header of Object.keys(documented?.headers ?? {})) {
        expect(answer.headers[header.toLowerCase()], `${what}: header ${header}`).toBeDefined()
      }
      checked.push(`${what} ${answer.status}`)
    }

    for (const [template, item] of Object.entries(api.paths)) {
      const documented = METHODS.filter((m) => item[m])
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const operation = item[method]
        if (!operation) continue
        const what = `${method.toUpperCase()} ${template}`
        const body = bodies[operation.operationId]
        const options = (extra: Record<string, string> = {}, path = fill(template)) =>
          [
            method.toUpperCase(),
            path,
            {
              ...(body === undefined ? {} : json(body)),
              headers: { 'x-metal-api-key': KEY, ...extra },
            },
          ] as const
        // Success.
        const ok = await send(server.url, ...options())
        expect(ok.status, `${what}: ${ok.text}`).toBeLessThan(300)
        expectDocumented(operation, ok, what)
        if (template === '/v1/openapi.json') continue
        // A refused key: 401.
        expectDocumented(
          operation,
          await send(server.url, ...options({ 'x-metal-api-key': 'bad' })),
          what,
        )
        // A bad document id or collection: 400.
        const bad = template.includes('{id}')
          ? fill(template, '__bad__')
          : fill(template).replace('/tasks/', '/__bad__/')
        const invalid = await send(server.url, ...options({}, bad))
        expect(invalid.status, what).toBe(400)
        expectDocumented(operation, invalid, what)
        if (operation.operationId === 'getDocument' || operation.operationId === 'updateDocument') {
          const missing = await send(server.url, ...options({}, fill(template, 'missing')))
          expect(missing.status, what).toBe(404)
          expectDocumented(operation, missing, what)
        }
        if (body !== undefined) {
          const type = await send(server.url, ...options({ 'content-type': 'text/plain' }))
          expect(type.status, what).toBe(415)
          expectDocumented(operation, type, what)
        }
        if (operation.operationId === 'createDocument') {
          const again = await send(server.url, ...options({}, `${fill(template)}?id=doc1`))
          expect(again.status).toBe(409)
          expectDocumented(operation, again, what)
        }
      }
      // Every other method: 405 naming the documented ones.
      const allow = documented.map((m) => m.toUpperCase()).join(', ')
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (allow.includes(method)) continue
        const answer = await send(server.url, method, fill(template), {
          headers: { 'x-metal-api-key': KEY },
        })
        expect(answer.status, `${method} ${template}`).toBe(405)
        expect(answer.headers.allow?.toString().split(', ').sort()).toEqual(
          allow.split(', ').sort(),
        )
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(20)
  })

  it('documents every query parameter each operation takes, and no other', async () => {
    const list = api.paths['/v1/projects/{project}/collections/{collection}/docs']?.get
    const names = (list?.parameters ?? [])
      .map((p) => p.name)
      .filter((n) => n !== 'project' && n !== 'collection')
    const base = `/v1/projects/params/collections/tasks/docs`
    const values: Record<string, string> = {
      where: encodeURIComponent('["n","==",1]'),
      orderBy: 'n',
      limit: '5',
      offset: '0',
      startAt: '[0]',
      startAfter: '[0]',
      endAt: '[9]',
      endBefore: '[9]',
    }
    for (const name of names) {
      if (name === 'pageToken') continue
      const order = name.startsWith('start') || name.startsWith('end') ? '&orderBy=n' : ''
      const answer = await send(
        server.url,
        'GET',
        `${base}?${name}=${values[name]}${order}&key=${KEY}`,
      )
      expect(answer.status, `${name}: ${answer.text}`).toBe(200)
    }
    const unknown = await send(server.url, 'GET', `${base}?pageSize=5&key=${KEY}`)
    expect(unknown.status).toBe(400)
  })
})
