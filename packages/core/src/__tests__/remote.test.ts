import { describe } from 'vitest'
import { WebSocket } from 'ws'
import { remote } from '../backends/remote/index.js'
import { suites, type BackendHarness } from '../testing/index.js'
import type { Backend } from '../protocol/backend.js'
import { startSocketServer, type SocketServer } from './support/socketServer.js'

// Every shared backend suite, over a real loopback WebSocket to the shared server logic.

const servers = new Map<Backend, SocketServer>()

const harness: BackendHarness = {
  name: 'remote',
  async create(options) {
    const server = await startSocketServer(options)
    const backend = remote({ url: server.url, WebSocket })
    servers.set(backend, server)
    return backend
  },
  async dispose(backend) {
    await servers.get(backend)?.close()
    servers.delete(backend)
  },
}

describe('remote backend over a WebSocket', () => {
  for (const suite of suites) suite(harness)
})
