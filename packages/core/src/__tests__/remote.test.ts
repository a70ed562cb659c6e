import { describe } from 'vitest'
import { WebSocket } from 'ws'
import { remote } from '../backends/remote/index.js'
import { suites, type BackendHarness } from '../testing/index.js'
import type { Backend } from '../protocol/backend.js'
import { FeedStorage } from './support/feedStorage.js'
import { startSocketServer, type SocketServer } from './support/socketServer.js'

// Every shared backend suite over a real loopback WebSocket to the shared server logic: once on
// a plain map storage, once on a storage with a change feed (the mode of a server whose storage
// several processes share: resume tokens, resumed deltas).

function harness(name: string, feed: boolean): BackendHarness {
  const servers = new Map<Backend, SocketServer>()
  return {
    name,
    async create(options) {
      const server = await startSocketServer({
        ...options,
        ...(feed ? { storage: new FeedStorage() } : {}),
      })
      const backend = remote({ url: server.url, WebSocket })
      servers.set(backend, server)
      return backend
    },
    async dispose(backend) {
      await servers.get(backend)?.close()
      servers.delete(backend)
    },
  }
}

describe('remote backend over a WebSocket', () => {
  for (const suite of suites) suite(harness('remote', false))
})

describe('remote backend over a WebSocket, storage with a change feed', () => {
  for (const suite of suites) suite(harness('remote, change feed', true))
})
