import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { eventually } from '@metal/core/testing'
import { createServer, type MetalServer, type ServerOptions } from '../server.js'
import type { Middleware } from '../http.js'
import { loadConfig } from '../config.js'

// The `middleware` option: an app's own handler for the HTTP requests the server does not
// answer itself, over real HTTP on 127.0.0.1, inside the server's request ids, logs and drain.

describe('createServer({ middleware })', () => {
  let server: MetalServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  /** A server in memory with `middleware`; `lines` gets its log lines (JSON). */
  async function serve(middleware: Middleware, options: Omit<ServerOptions, 'port' | 'log'> = {}) {
    const lines: Record<string, unknown>[] = []
    server = createServer({
      ...options,
      middleware,
      port: 0,
      log: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
    })
    const { url } = await server.listen()
    return { url, lines }
  }

  it('answers the requests the server does not answer itself, with their request id', async () => {
    const seen: string[] = []
    const { url } = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`)
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(`hello ${req.url}`)
    })

    const res = await fetch(`${url}/app/page?x=1`, { headers: { 'x-request-id': 'req-42' } })

    expect(res.status).toBe(200)
    expect(await res.text()).toBe('hello /app/page?x=1')
    expect(res.headers.get('x-request-id')).toBe('req-42')
    expect(seen).toEqual(['GET /app/page?x=1'])
  })

  it('leaves the probes, the metrics and the REST API to the server', async () => {
    const seen: string[] = []
    const { url } = await serve((req, res) => {
      seen.push(req.url ?? '')
      res.end('middleware')
    })

    const health = await fetch(`${url}/health`)
    const ready = await fetch(`${url}/ready`)
    const metrics = await fetch(`${url}/metrics`)
    const openapi = await fetch(`${url}/v1/openapi.json`)
    const docs = await fetch(`${url}/v1/projects/p/collections/tasks/docs?key=k`)

    expect(((await health.json()) as { status: string }).status).toBe('ok')
    expect(ready.status).toBe(200)
    expect(await metrics.text()).toContain('metal_connections')
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1/)
    expect(((await docs.json()) as { documents: unknown[] }).documents).toEqual([])
    expect(seen).toEqual([])
  })

  it('answers 404 JSON when the middleware calls next()', async () => {
    const { url } = await serve((_req, _res, next) => next())

    const res = await fetch(`${url}/nothing-here`)

    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'not-found' })
  })

  it.each([
    ['passes an error to next()', ((_req, _res, next) => next(new Error('boom'))) as Middleware],
    [
      'throws',
      (() => {
        throw new Error('boom')
      }) as Middleware,
    ],
    [
      'returns a rejected promise',
      (async () => {
        await Promise.resolve()
        throw new Error('boom')
      }) as Middleware,
    ],
  ])('answers a logged 500 when the middleware %s', async (_name, middleware) => {
    const { url, lines } = await serve(middleware)

    const res = await fetch(`${url}/fails`, { headers: { 'x-request-id': 'req-500' } })

    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'internal' })
    await eventually(() =>
      expect(
        lines.some(
          (l) =>
            l.msg === 'http request threw' &&
            l.request === 'req-500' &&
            JSON.stringify(l.error).includes('boom'),
        ),
      ).toBe(true),
    )
  })

  it('counts only the first next(), and never answers twice', async () => {
    const { url, lines } = await serve((_req, res, next) => {
      res.writeHead(201, { 'content-type': 'text/plain' })
      res.end('made')
      next()
      next(new Error('late'))
    })

    const res = await fetch(`${url}/twice`)

    expect(res.status).toBe(201)
    expect(await res.text()).toBe('made')
    expect(lines.some((l) => l.msg === 'http request threw')).toBe(false)
  })

  it('lets a request in flight finish on close(), and is not called while the server drains', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let calls = 0
    const { url } = await serve(async (req, res) => {
      calls++
      if (req.url === '/slow') await held
      res.end(`done ${req.url}`)
    })
    const slow = fetch(`${url}/slow`)
    await eventually(() => expect(calls).toBe(1))

    const closed = server!.close()
    await eventually(async () => {
      const ready = await fetch(`${url}/ready`)
      expect(ready.status).toBe(503)
    })
    const during = await fetch(`${url}/other`)
    release()
    const slowRes = await slow
    await closed
    server = undefined

    expect(during.status).toBe(503)
    expect(calls).toBe(1)
    expect(slowRes.status).toBe(200)
    expect(await slowRes.text()).toBe('done /slow')
  })

  it('refuses a middleware that is not a function, naming createServer() and the option', () => {
    let error: unknown
    try {
      createServer({ middleware: 'static' as unknown as Middleware, log: false })
    } catch (e) {
      error = e
    }

    expect(MetalError.is(error, 'invalid-argument')).toBe(true)
    expect((error as Error).message).toMatch(/^createServer\(\): .*'middleware'.*'static'/)
  })

  it('takes the middleware from a configuration file, and refuses one that is not a function', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'metal-middleware-'))
    try {
      const good = join(dir, 'good.mjs')
      const bad = join(dir, 'bad.mjs')
      await writeFile(
        good,
        "export default { middleware: (req, res) => res.end('from the file') }\n",
      )
      await writeFile(bad, "export default { middleware: { serve: 'dist' } }\n")

      const config = await loadConfig(good)
      const { url } = await serve(config.middleware!)
      const res = await fetch(`${url}/anything`)
      const refused = await loadConfig(bad).then(
        () => undefined,
        (e: unknown) => e,
      )

      expect(await res.text()).toBe('from the file')
      expect(MetalError.is(refused, 'invalid-argument')).toBe(true)
      expect((refused as Error).message).toContain(
        `config ${bad}: option 'middleware' must be a function`,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
