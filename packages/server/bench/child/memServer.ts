// Memory child (figure 5): runs one server to weigh, alone in its process, so that its memory
// is not mixed with the benchmark's: a Metal server on PostgreSQL, or the reference, a bare
// `ws` server that only holds its connections.

import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { createServer, type MetalServer } from '../../src/index.js'
import { serveParent } from '../shared/child.js'
import { fullGc, sleep } from '../shared/stats.js'

/** Memory of this process after a full collection. */
export interface Weight {
  rss: number
  heapUsed: number
  external: number
  connections: number
}

let metal: MetalServer | undefined
let bare: { http: Server; wss: WebSocketServer; sockets: Set<WebSocket> } | undefined

async function start(a: { mode: 'metal' | 'bare'; databaseUrl: string }): Promise<{ url: string }> {
  if (a.mode === 'metal') {
    metal = createServer({ port: 0, log: false, databaseUrl: a.databaseUrl })
    return { url: (await metal.listen()).url }
  }
  const http = createHttpServer((_req, res) => res.end())
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (ws) => {
    sockets.add(ws)
    ws.on('message', () => {})
    ws.on('close', () => sockets.delete(ws))
    ws.on('error', () => ws.terminate())
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
  bare = { http, wss, sockets }
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }
}

async function weigh(): Promise<Weight> {
  // Let closes and timers settle, then collect until the heap stops shrinking.
  await sleep(200)
  fullGc()
  await sleep(100)
  fullGc()
  const m = process.memoryUsage()
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    connections: metal ? metal.connections : (bare?.sockets.size ?? 0),
  }
}

async function stop(): Promise<{ ok: true }> {
  await metal?.close()
  if (bare) {
    for (const ws of bare.sockets) ws.terminate()
    const { wss, http } = bare
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }
  metal = bare = undefined
  return { ok: true }
}

serveParent({ start, weigh, stop })
