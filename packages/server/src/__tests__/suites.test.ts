import { afterAll, beforeAll, describe } from 'vitest'
import { WebSocket } from 'ws'
import { remote } from '@metal/core/remote'
import type { Backend } from '@metal/core'
import { suites, type BackendHarness, type BackendTestOptions } from '@metal/core/testing'
import { createServer, type MetalServer } from '../server.js'
import { databases, type TestDatabase } from './databases.js'

// Every shared backend suite of @metal/core, over real WebSockets to a Metal server on PGlite
// and on PostgreSQL. One database per kind; each backend a suite creates is a fresh project on
// it (so it starts empty), served by a shared server or, when the suite asks for token checks,
// rules or a clock, by a server of its own on the same database.

describe.each(databases)('Metal server on $name', ({ create }) => {
  let db: TestDatabase
  let shared: MetalServer
  let sharedUrl: string
  const own = new Map<Backend, MetalServer>()
  let projects = 0

  beforeAll(async () => {
    db = await create()
    shared = createServer({ driver: db.driver, port: 0, log: false, pollMs: 200 })
    sharedUrl = (await shared.listen()).url
  })
  afterAll(async () => {
    await shared.close()
    await db.drop()
  })

  /** A backend on `url` whose every connection lands in a project of its own. */
  function freshProject(url: string): Backend {
    const inner = remote({ url, WebSocket })
    const prefix = `p${++projects}-${Math.random().toString(36).slice(2, 8)}`
    return {
      connect: (options) =>
        inner.connect({ ...options, projectId: `${prefix}-${options.projectId}` }),
    }
  }

  const harness: BackendHarness = {
    name: 'server',
    async create(options?: BackendTestOptions) {
      if (!options || Object.keys(options).length === 0) return freshProject(sharedUrl)
      const server = createServer({
        ...options,
        driver: db.driver,
        port: 0,
        log: false,
        pollMs: 200,
      })
      const backend = freshProject((await server.listen()).url)
      own.set(backend, server)
      return backend
    },
    async dispose(backend) {
      await own.get(backend)?.close()
      own.delete(backend)
    },
  }

  for (const suite of suites) suite(harness)
})
