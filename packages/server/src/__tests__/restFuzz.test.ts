import { Agent, request as httpRequest } from 'node:http'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isMetalErrorCode } from '@metal/core'
import { createServer, type MetalServer } from '../server.js'
import { databases, type TestDatabase } from './databases.js'
import { connect, eventually } from './serverProcess.js'

// The REST API under 10,000+ seeded malformed requests, against the real server (the database
// the suite's last kind: PostgreSQL when available): wrong methods, bad JSON, wrong types,
// unknown fields, huge bodies, 10,000-level nesting, invalid UTF-8, prototype keys, weird
// percent-encoding, overlong paths, bad parameters and headers. Every answer must be a JSON
// error with a 4xx status, within a bounded time; the heap after GC must stay bounded; and a
// WebSocket client's live query must keep receiving writes (REST and WebSocket) throughout.

const SEED = 0x5eed_2026
const REQUESTS = 10_500
const CONCURRENCY = 12
const ANSWER_MS = 15_000

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const text = (max: number) => {
    let s = ''
    const n = int(max + 1)
    for (let i = 0; i < n; i++) s += String.fromCharCode(32 + int(95))
    return s
  }
  return { next, int, pick, text }
}

type Rng = ReturnType<typeof prng>

interface FuzzRequest {
  category: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Send the body in chunks without a declared length. */
  chunked?: boolean
}

const PROJECT = 'fuzz'
const DOCS = `/v1/projects/${PROJECT}/collections/tasks/docs`
const DOC = `${DOCS}/d1`
const JSON_TYPE = { 'content-type': 'application/json' }
const HUGE = Buffer.alloc(3 * 1024 * 1024, 0x61)
const UNKNOWN_PARAMS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'pageSize',
  'filter',
  'select',
  'x',
]
const BAD_ESCAPES = [
  '%',
  '%G1',
  '%C0%80',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%FF',
  '%E0%A4%A',
  '%C3%28',
  '%80',
]

/** A valid document body for a write route, then broken by one category's mutation. */
function writeRoute(rng: Rng): { method: string; path: string } {
  return rng.pick([
    { method: 'POST', path: DOCS },
    { method: 'PUT', path: DOC },
    { method: 'PATCH', path: DOC },
  ])
}

function nested(depth: number, open: string, close: string, leaf: string): string {
  return open.repeat(depth) + leaf + close.repeat(depth)
}

function invalidJsonText(rng: Rng): string {
  const valid = JSON.stringify({ a: rng.text(8), b: [1, 2, { c: rng.int(1000) }], d: null })
  for (let i = 0; i < 10; i++) {
    const cut = rng.pick([
      valid.slice(0, 1 + rng.int(valid.length - 2)),
      `${valid},`,
      valid.replace(/"/g, "'"),
      `{${rng.text(20)}`,
      'NaN',
      '{"a":1,}',
      '[1,2',
      '\u0000',
      '{"a":"\\x41"}',
      '{"a":01}',
      '   ',
      '',
    ])
    try {
      JSON.parse(cut)
    } catch {
      return cut
    }
  }
  return '{'
}

/** Each category: a request one mutation away from a valid one, so always a 4xx. */
const CATEGORIES: Record<string, (rng: Rng) => FuzzRequest> = {
  wrongMethod: (rng) => {
    const route = rng.pick([
      {
        path: DOCS,
        methods: ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'REPORT'],
      },
      {
        path: DOC,
        methods: ['POST', 'OPTIONS', 'TRACE', 'LINK', 'COPY', 'MOVE', 'LOCK', 'SEARCH'],
      },
      { path: '/v1/openapi.json', methods: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] },
    ])
    return { category: 'wrongMethod', method: rng.pick(route.methods), path: route.path }
  },
  badJson: (rng) => ({
    category: 'badJson',
    ...writeRoute(rng),
    headers: JSON_TYPE,
    body: invalidJsonText(rng),
  }),
  wrongTypes: (rng) => {
    const where = (w: unknown) => ({
      category: 'wrongTypes',
      method: 'GET',
      path: `${DOCS}?where=${encodeURIComponent(JSON.stringify(w))}`,
    })
    return rng.pick([
      () => ({
        category: 'wrongTypes',
        ...rng.pick([
          { method: 'PUT', path: DOC },
          { method: 'POST', path: DOCS },
        ]),
        headers: JSON_TYPE,
        body: rng.pick(['[]', '1', '"s"', 'null', 'true', '[{"a":1}]']),
      }),
      () => ({
        category: 'wrongTypes',
        method: 'PATCH',
        path: DOC,
        headers: JSON_TYPE,
        body: rng.pick(['[]', '1', '"s"', 'null', '{}', '[["a",1]]']),
      }),
      () => ({
        category: 'wrongTypes',
        method: 'PUT',
        path: DOC,
        headers: JSON_TYPE,
        body: JSON.stringify({
          a: rng.pick([
            { $metal: 'nope' },
            { $metal: 'increment', operand: 'x' },
            { $metal: 'arrayUnion' },
            { $metal: 'map' },
            [{ $metal: 'serverTimestamp' }],
          ]),
        }),
      }),
      () => where([rng.int(9), '==', 1]),
      () => where(['a', rng.int(9), 1]),
      () => where(['a', '==']),
      () => where(['a', rng.pick(['in', 'not-in', 'array-contains-any']), rng.text(5)]),
      () => where(['a', 'in', Array.from({ length: 31 + rng.int(50) }, (_, i) => i)]),
      () => where(['a', rng.pick(['=>', '===', 'like', '']), 1]),
      () => where({ field: 'a', op: '==', value: 1 }),
      () => ({
        category: 'wrongTypes',
        method: 'GET',
        path: `${DOCS}?limit=${rng.pick(['abc', '-1', '0', '1.5', '1001', '1e3', '', '0x10', String(2 ** 60)])}`,
      }),
      () => ({
        category: 'wrongTypes',
        method: 'GET',
        path: `${DOCS}?offset=${rng.pick(['-1', 'x', '1.5', ''])}`,
      }),
    ])()
  },
  unknownFields: (rng) =>
    rng.pick([
      () => ({
        category: 'unknownFields',
        method: rng.pick(['GET', 'DELETE']),
        path: `${rng.pick([DOCS, DOC])}?${encodeURIComponent(rng.pick(UNKNOWN_PARAMS))}=1`,
      }),
      () => ({
        category: 'unknownFields',
        method: 'PUT',
        path: DOC,
        headers: JSON_TYPE,
        body: JSON.stringify({
          a: { $metal: 'increment', operand: 1, [rng.pick(UNKNOWN_PARAMS)]: 2 },
        }),
      }),
      () => ({
        category: 'unknownFields',
        method: 'GET',
        path: `${DOCS}?pageToken=${Buffer.from(JSON.stringify({ v: [], id: 'a', [rng.pick(UNKNOWN_PARAMS)]: 1 })).toString('base64url')}`,
      }),
      () => ({
        category: 'unknownFields',
        method: 'POST',
        path: `${DOCS}?id=a&${rng.pick(['merge', 'fields', 'mask'])}=1`,
        headers: JSON_TYPE,
        body: '{"a":1}',
      }),
    ])(),
  hugeBody: (rng) => ({
    category: 'hugeBody',
    ...writeRoute(rng),
    headers: JSON_TYPE,
    body: HUGE.subarray(0, 2 * 1024 * 1024 + 1 + rng.int(1024 * 1024)),
    chunked: rng.next() < 0.5,
  }),
  deepNesting: (rng) => {
    const depth = rng.next() < 0.5 ? 10_000 : 21 + rng.int(10_000)
    const deepArray = nested(depth, '[', ']', '1')
    const deepMap = nested(depth, '{"a":', '}', '1')
    return rng.pick([
      () => ({
        category: 'deepNesting',
        ...writeRoute(rng),
        headers: JSON_TYPE,
        body: `{"a":${rng.pick([deepArray, deepMap])}}`,
      }),
      () => ({
        category: 'deepNesting',
        method: 'GET',
        path: `${DOCS}?where=${encodeURIComponent(`["a","==",${nested(Math.min(depth, 900), '[', ']', '1')}]`)}`,
      }),
      () => ({
        category: 'deepNesting',
        method: 'GET',
        path: `${DOCS}?orderBy=a&startAt=${encodeURIComponent(`[${nested(Math.min(depth, 500), '{"a":', '}', '1')}]`)}`,
      }),
      () => ({
        category: 'deepNesting',
        method: 'PUT',
        path: DOC,
        headers: JSON_TYPE,
        body: deepMap,
      }),
    ])()
  },
  invalidUtf8: (rng) => {
    const bytes = Buffer.from(JSON.stringify({ a: `x${'y'.repeat(rng.int(20))}z` }))
    const at = 6 + rng.int(bytes.length - 8)
    const bad = rng.pick([
      [0xc3, 0x28],
      [0xff],
      [0xed, 0xa0, 0x80],
      [0xc0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x80],
    ])
    return rng.pick([
      () => ({
        category: 'invalidUtf8',
        ...writeRoute(rng),
        headers: JSON_TYPE,
        body: Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]),
      }),
      () => ({
        category: 'invalidUtf8',
        method: 'GET',
        path: `${DOCS}/${bad.map((b) => `%${b.toString(16).toUpperCase()}`).join('')}`,
      }),
      () => ({
        category: 'invalidUtf8',
        method: 'GET',
        path: `${DOCS}?where=${bad.map((b) => `%${b.toString(16)}`).join('')}`,
      }),
    ])()
  },
  protoKeys: (rng) => {
    let value = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`
    for (let i = rng.int(5); i > 0; i--)
      value = `{"${rng.pick(['a', 'constructor', 'prototype', 'toString'])}":${value}}`
    return rng.pick([
      () => ({ category: 'protoKeys', ...writeRoute(rng), headers: JSON_TYPE, body: value }),
      () => ({
        category: 'protoKeys',
        method: 'PATCH',
        path: DOC,
        headers: JSON_TYPE,
        body: JSON.stringify({
          [rng.pick(['__proto__', 'constructor.__proto__', 'a.__proto__.b', '__proto__.polluted'])]:
            1,
        }),
      }),
      () => ({
        category: 'protoKeys',
        method: 'GET',
        path: `${DOCS}?__proto__=${encodeURIComponent('{"polluted":true}')}`,
      }),
      () => ({
        category: 'protoKeys',
        method: 'GET',
        path: `${DOCS}?pageToken=${Buffer.from(`{"__proto__":{"v":[]},"id":"a"}`).toString('base64url')}`,
      }),
    ])()
  },
  weirdPercent: (rng) => {
    const escape = rng.pick(BAD_ESCAPES)
    return rng.pick([
      () => ({ category: 'weirdPercent', method: 'GET', path: `${DOCS}/a${escape}b` }),
      () => ({
        category: 'weirdPercent',
        method: 'GET',
        path: `/v1/projects/${escape}/collections/tasks/docs`,
      }),
      () => ({
        category: 'weirdPercent',
        method: 'GET',
        path: `/v1/projects/fuzz/collections/t${escape}/docs`,
      }),
      () => ({ category: 'weirdPercent', method: 'GET', path: `${DOCS}?orderBy=a${escape}` }),
      () => ({ category: 'weirdPercent', method: 'GET', path: `${DOCS}?${escape}=1` }),
      () => ({
        category: 'weirdPercent',
        method: 'GET',
        path: `${DOCS}/${rng.pick(['%2F', 'a%2Fb', '%00', 'a%00', '%2e%2e', '%2E', '%5F%5Fx%5F%5F'])}`,
      }),
      () => ({
        category: 'weirdPercent',
        method: 'GET',
        path: `/v1/projects/${rng.pick(['%00', 'a%00b'])}/collections/tasks/docs`,
      }),
    ])()
  },
  overlongPath: (rng) => {
    const long = (min: number) => 'x'.repeat(min + rng.int(10_000 - min))
    return rng.pick([
      () => ({ category: 'overlongPath', method: 'GET', path: `${DOCS}/${long(1501)}` }),
      () => ({
        category: 'overlongPath',
        method: 'GET',
        path: `/v1/projects/fuzz/collections/${long(1501)}/docs`,
      }),
      () => ({
        category: 'overlongPath',
        method: 'GET',
        path: `/v1/projects/${long(1025)}/collections/tasks/docs`,
      }),
      () => ({
        category: 'overlongPath',
        method: 'PUT',
        path: `${DOCS}/${'%C3%A9'.repeat(751 + rng.int(800))}`,
        headers: JSON_TYPE,
        body: '{}',
      }),
      () => ({
        category: 'overlongPath',
        method: 'GET',
        path: `/v1/projects/fuzz/collections/${'a/b/'.repeat(1 + rng.int(2000))}docs`,
      }),
      () => ({
        category: 'overlongPath',
        method: 'GET',
        path: `${DOCS}?orderBy=${'a.'.repeat(760 + rng.int(2000))}a`,
      }),
    ])()
  },
  badQuery: (rng) =>
    rng.pick([
      () => ({ category: 'badQuery', method: 'GET', path: `${DOCS}?limit=1&limit=2` }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?orderBy=${rng.pick(['a..b', '.a', 'a.', ':desc', '', 'a.__name__'])}`,
      }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?orderBy=a&startAt=${encodeURIComponent(rng.pick(['{}', '1', '"a"', 'x', '[]', '[1,2]']))}`,
      }),
      () => ({ category: 'badQuery', method: 'GET', path: `${DOCS}?startAt=[1]` }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?pageToken=${encodeURIComponent(rng.text(40))}${rng.pick(['!', '%20', '.'])}`,
      }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?pageToken=${Buffer.from(JSON.stringify({ v: [], id: 'a' })).toString('base64url')}&offset=1`,
      }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?orderBy=a&startAt=[1]&startAfter=[1]`,
      }),
      () => ({ category: 'badQuery', method: 'GET', path: `${DOCS}?where=` }),
      () => ({ category: 'badQuery', method: 'GET', path: `${DOCS}?key=a&key=b` }),
      () => ({ category: 'badQuery', method: 'GET', path: `${DOCS}?key=` }),
      () => ({
        category: 'badQuery',
        method: 'GET',
        path: `${DOCS}?key=a`,
        headers: { 'x-metal-api-key': 'a' },
      }),
      () => ({
        category: 'badQuery',
        method: 'POST',
        path: `${DOCS}?id=a&id=b`,
        headers: JSON_TYPE,
        body: '{}',
      }),
      () => ({
        category: 'badQuery',
        method: 'POST',
        path: `${DOCS}?id=${rng.pick(['', '__x__', '..', 'a%2Fb'])}`,
        headers: JSON_TYPE,
        body: '{}',
      }),
    ])(),
  badHeaders: (rng) =>
    rng.pick([
      () => ({
        category: 'badHeaders',
        ...writeRoute(rng),
        headers: {
          'content-type': rng.pick([
            'text/plain',
            'application/json; charset=latin1',
            'multipart/form-data',
            'application/jsonx',
            'json',
          ]),
        },
        body: '{"a":1}',
      }),
      () => ({
        category: 'badHeaders',
        method: 'PUT',
        path: DOC,
        body: '{"a":1}',
        headers: { 'content-type': '' },
      }),
      () => ({
        category: 'badHeaders',
        method: 'GET',
        path: DOC,
        headers: {
          authorization: rng.pick([
            'Basic eDp5',
            'Bearer',
            'Bearer not.a.jwt',
            'Bearer a b',
            `Bearer ${rng.text(30).replace(/\s/g, '')}x`,
            'Token abc',
          ]),
        },
      }),
      () => ({
        category: 'badHeaders',
        method: 'GET',
        path: DOC,
        headers: {
          authorization: `Bearer e30.${Buffer.from(JSON.stringify({ sub: 'u', exp: 1 })).toString('base64url')}.s`,
        },
      }),
      () => ({
        category: 'badHeaders',
        method: 'GET',
        path: DOC,
        headers: {
          authorization: `Bearer e30.${Buffer.from(JSON.stringify({ role: 'admin' })).toString('base64url')}.s`,
        },
      }),
      () => ({
        category: 'badHeaders',
        method: 'GET',
        path: DOC,
        headers: { 'x-metal-api-key': 'k'.repeat(1025 + rng.int(2000)) },
      }),
    ])(),
}

/** A random JSON value: every type, odd numbers and text, odd keys, some nesting. */
function randomJson(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 9)
  switch (roll) {
    case 0:
      return null
    case 1:
      return rng.next() < 0.5
    case 2:
      return rng.pick([
        0,
        -0,
        1,
        -1,
        0.5,
        1e308,
        -1e308,
        2 ** 53,
        2 ** 53 + 2,
        5e-324,
        rng.int(100),
      ])
    case 3:
      return rng.pick([
        '',
        'a',
        'é',
        '😀',
        '\u2028',
        'a\nb',
        '"',
        '\\',
        '\u0001',
        'ab'.repeat(rng.int(50)),
        rng.text(12),
      ])
    case 4:
      return rng.pick(['x', 'y', 'done', 'age'])
    case 5:
      return rng.int(10)
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1))
    default: {
      const out: Record<string, unknown> = {}
      for (let i = rng.int(4); i > 0; i--) {
        out[
          rng.pick([
            'a',
            'b',
            'a.b',
            '$metal',
            'value',
            'operand',
            'constructor',
            'toString',
            '',
            ' ',
            'é',
            '__x__',
          ])
        ] = randomJson(rng, depth + 1)
      }
      if (rng.next() < 0.15)
        out.$metal = rng.pick([
          'serverTimestamp',
          'increment',
          'arrayUnion',
          'arrayRemove',
          'delete',
          'map',
          'nope',
        ])
      return out
    }
  }
}

const OPS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not-in',
  'array-contains',
  'array-contains-any',
  '=>',
]
const FIELDS = ['a', 'b', 'a.b', '__name__', 'x.y.z', 'é', '`a`', 'a..b', '']

/** A request built from random parts: valid or not, it must never fail the server. */
function randomRequest(rng: Rng): FuzzRequest {
  const id = rng.pick(['d1', 'd2', 'd3', 'é', 'a b', '..', ''])
  const doc = `/v1/projects/${PROJECT}/collections/random/docs/${encodeURIComponent(id)}`
  const docs = `/v1/projects/${PROJECT}/collections/random/docs`
  const body = JSON.stringify(randomJson(rng))
  switch (rng.int(4)) {
    case 0:
      return { category: 'random', method: 'PUT', path: doc, headers: JSON_TYPE, body }
    case 1:
      return {
        category: 'random',
        method: rng.pick(['PATCH', 'POST']),
        path: rng.pick([doc, docs]),
        headers: JSON_TYPE,
        body,
      }
    case 2:
      return { category: 'random', method: rng.pick(['GET', 'DELETE']), path: doc }
    default: {
      const params: string[] = []
      for (let i = rng.int(3); i > 0; i--) {
        params.push(
          `where=${encodeURIComponent(JSON.stringify([rng.pick(FIELDS), rng.pick(OPS), randomJson(rng, 2)]))}`,
        )
      }
      for (let i = rng.int(3); i > 0; i--)
        params.push(
          `orderBy=${encodeURIComponent(`${rng.pick(FIELDS)}${rng.pick(['', ':desc', ':asc'])}`)}`,
        )
      if (rng.next() < 0.5) params.push(`limit=${rng.int(5)}`)
      if (rng.next() < 0.3) {
        const name = rng.pick(['startAt', 'startAfter', 'endAt', 'endBefore'])
        params.push(
          `${name}=${encodeURIComponent(JSON.stringify(Array.from({ length: rng.int(3) }, () => randomJson(rng, 2))))}`,
        )
      }
      return { category: 'random', method: 'GET', path: `${docs}?${params.join('&')}` }
    }
  }
}

/** Case weights: huge bodies are rarer (each moves 2-3 MiB). */
const WEIGHTS: [string, number][] = Object.keys(CATEGORIES).map((c) => [
  c,
  c === 'hugeBody' ? 1 : 10,
])
const TOTAL_WEIGHT = WEIGHTS.reduce((s, [, w]) => s + w, 0)

function generate(rng: Rng): FuzzRequest {
  let r = rng.next() * TOTAL_WEIGHT
  for (const [category, weight] of WEIGHTS) {
    r -= weight
    if (r < 0) return (CATEGORIES[category] as (rng: Rng) => FuzzRequest)(rng)
  }
  return (CATEGORIES.badJson as (rng: Rng) => FuzzRequest)(rng)
}

interface Outcome {
  status: number
  contentType: string | undefined
  text: string
}

function fire(agent: Agent, base: URL, r: FuzzRequest): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers }
    const req = httpRequest(
      {
        agent,
        hostname: base.hostname,
        port: Number(base.port),
        method: r.method,
        path: r.path,
        headers,
        timeout: ANSWER_MS,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_MS} ms`)))
    req.on('error', reject)
    if (r.body !== undefined && r.chunked) {
      const body = Buffer.from(r.body)
      // Written in 64 KiB pieces; the server may answer 413 and stop reading before the end.
      for (let at = 0; at < body.length; at += 65_536) req.write(body.subarray(at, at + 65_536))
      req.end()
    } else req.end(r.body)
  })
}

/** Full GC in this process (the server runs in it). */
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  return () => {
    for (let i = 0; i < 3; i++) gc()
  }
}

const db = databases[databases.length - 1] as (typeof databases)[number]

describe(`REST fuzz on ${db.name}`, () => {
  let database: TestDatabase
  let server: MetalServer
  let url: string
  const logged: string[] = []

  beforeAll(async () => {
    database = await db.create()
    // Rate limits off: the fuzz is for the handlers behind them (rest.test.ts tests the limit).
    server = createServer({
      rateLimit: false,
      driver: database.driver,
      port: 0,
      log: (line) => logged.push(line),
      pollMs: 200,
    })
    url = (await server.listen()).url
  })
  afterAll(async () => {
    await server.close()
    await database.drop()
  })

  it(`answers ${REQUESTS} malformed requests with JSON 4xx errors, bounded heap, live queries unaffected`, async () => {
    const gc = collector()
    const base = new URL(url)
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    const rng = prng(SEED)

    // A WebSocket client's live query on the fuzzed project.
    const watcher = connect(url, { projectId: PROJECT })
    const writer = connect(url, { projectId: PROJECT })
    const seen = new Set<string>()
    const unsubscribe = watcher
      .db()
      .collection('live')
      .subscribe((changes) => changes.forEach((c) => seen.add(c.id)))
    await writer.db().collection('live').doc('w0').set({ k: 0 })
    await eventually(() => expect(seen.has('w0')).toBe(true), 10_000)

    // Warm up, then measure the heap.
    for (let i = 0; i < 200; i++) await fire(agent, base, generate(prng(i)))
    gc()
    const heapBefore = process.memoryUsage().heapUsed

    let sent = 0
    let done = false
    const failures: string[] = []
    const byCategory: Record<string, number> = {}
    const byStatus: Record<number, number> = {}
    let heapMid = 0
    const worker = async () => {
      while (sent < REQUESTS && failures.length < 20) {
        const r = generate(rng)
        sent++
        if (sent === REQUESTS / 2) {
          gc()
          heapMid = process.memoryUsage().heapUsed
        }
        byCategory[r.category] = (byCategory[r.category] ?? 0) + 1
        const what = `${r.category}: ${r.method} ${r.path.slice(0, 120)}`
        let outcome: Outcome
        try {
          outcome = await fire(agent, base, r)
        } catch (error) {
          failures.push(`${what}: ${(error as Error).message}`)
          continue
        }
        byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1
        let body: unknown
        try {
          body = JSON.parse(outcome.text)
        } catch {
          body = undefined
        }
        const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
        const ok =
          outcome.status >= 400 &&
          outcome.status < 500 &&
          /^application\/json/.test(outcome.contentType ?? '') &&
          Object.keys(body as object).length === 1 &&
          isMetalErrorCode(error?.code) &&
          error?.code !== 'internal' &&
          typeof error?.message === 'string' &&
          Object.keys(error).length === 2
        if (!ok) failures.push(`${what}: ${outcome.status} ${outcome.text.slice(0, 200)}`)
      }
    }

    // Writes keep reaching the live query while the fuzz runs: one by WebSocket and one by
    // REST per round.
    let rounds = 0
    const live = async () => {
      while (!done) {
        rounds++
        await writer.db().collection('live').doc(`w${rounds}`).set({ k: rounds })
        const put = await fire(agent, base, {
          category: 'live',
          method: 'PUT',
          path: `/v1/projects/${PROJECT}/collections/live/docs/r${rounds}`,
          headers: JSON_TYPE,
          body: JSON.stringify({ k: rounds }),
        })
        expect(put.status).toBe(200)
        await eventually(() => {
          expect(seen.has(`w${rounds}`)).toBe(true)
          expect(seen.has(`r${rounds}`)).toBe(true)
        }, 10_000)
      }
    }
    const liveRun = live()
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    done = true
    await liveRun
    unsubscribe()

    gc()
    const heapAfter = process.memoryUsage().heapUsed
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    console.log(
      `REST fuzz: ${sent} requests (seed ${SEED}), live rounds ${rounds}; heap after GC ${mb(heapBefore)} before, ${mb(heapMid)} halfway, ${mb(heapAfter)} after`,
      byCategory,
      byStatus,
    )
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThanOrEqual(10_000)
    expect(rounds).toBeGreaterThanOrEqual(5)
    expect(Object.keys(byCategory).sort()).toEqual(Object.keys(CATEGORIES).sort())
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024)
    expect(logged.filter((l) => /internal error/.test(l))).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    agent.destroy()
  }, 120_000)
  it('answers 3,000 requests of random parts (valid or not) without a server error', async () => {
    const base = new URL(url)
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    const rng = prng(SEED + 1)
    const failures: string[] = []
    const byStatus: Record<number, number> = {}
    let sent = 0
    const worker = async () => {
      while (sent < 3000 && failures.length < 20) {
        sent++
        const r = randomRequest(rng)
        const what = `${r.method} ${decodeURIComponent(r.path).slice(0, 160)} ${String(r.body).slice(0, 120)}`
        let outcome: Outcome
        try {
          outcome = await fire(agent, base, r)
        } catch (error) {
          failures.push(`${what}: ${(error as Error).message}`)
          continue
        }
        byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1
        const jsonAnswer =
          outcome.status === 204
            ? outcome.text === ''
            : /^application\/json/.test(outcome.contentType ?? '')
        if (outcome.status >= 500 || !jsonAnswer)
          failures.push(`${what}: ${outcome.status} ${outcome.text.slice(0, 200)}`)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    agent.destroy()
    console.log('REST random parts:', byStatus)
    expect(failures).toEqual([])
    expect(Object.keys(byStatus).some((s) => Number(s) < 300)).toBe(true)
    expect(logged.filter((l) => /internal error/.test(l))).toEqual([])
  })
})
