// Figure 5: memory per idle connection at 10,000 connections. The server runs alone in a child
// process (child/memServer.ts) and the 10,000 raw WebSocket clients in another
// (child/idleClients.ts), connecting in batches; each Metal client sends its hello and one
// live query. Memory per connection: the server process's RSS and heap growth, each after a
// full collection, divided by the connections. Reference: a bare `ws` server holding the same
// number of idle connections, weighed the same way.

import { spawnChild } from '../shared/child.js'
import type { Weight } from '../child/memServer.js'
import { PROJECT, type BenchContext } from '../shared/context.js'
import { addNote, addRow, verdict } from '../shared/report.js'
import { kb, ms, print, times } from '../shared/stats.js'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000)
const BATCH = 250
const WARMUP = 200
const TARGET_BYTES = 20 * 1024

interface PerConnection {
  rss: number
  heap: number
  setupMs: number
}

async function weighOne(mode: 'metal' | 'bare', databaseUrl: string): Promise<PerConnection> {
  const server = await spawnChild('memServer')
  const clients = await spawnChild('idleClients')
  try {
    const { url } = await server.call<{ url: string }>('start', { mode, databaseUrl })
    const args = { mode, url, project: PROJECT, batch: BATCH, listen: true }
    // Warm up (code loaded and compiled, pools and buffers at their working size), then weigh.
    await clients.call('connect', { ...args, count: WARMUP })
    await clients.call('close')
    const before = await server.call<Weight>('weigh')
    const setup = await clients.call<{ open: number; ms: number }>('connect', {
      ...args,
      count: CONNECTIONS,
    })
    const after = await server.call<Weight>('weigh')
    if (after.connections !== CONNECTIONS) {
      throw new Error(
        `${mode}: the server holds ${after.connections} of ${CONNECTIONS} connections`,
      )
    }
    print(`    ${mode}: ${setup.open} connections in ${ms(setup.ms)}`)
    await clients.call('close')
    await server.call('stop')
    return {
      rss: (after.rss - before.rss) / CONNECTIONS,
      heap: (after.heapUsed + after.external - before.heapUsed - before.external) / CONNECTIONS,
      setupMs: setup.ms,
    }
  } finally {
    await clients.stop()
    await server.stop()
  }
}

export async function memoryFigure(ctx: BenchContext): Promise<void> {
  const m = await weighOne('metal', ctx.databaseUrl)
  const r = await weighOne('bare', ctx.databaseUrl)
  const worst = Math.max(m.rss, m.heap)
  addRow({
    figure: `5. memory per idle connection, ${CONNECTIONS.toLocaleString('en-US')} connections (PG)`,
    metal: `${kb(m.rss)} RSS / ${kb(m.heap)} heap`,
    reference: `${kb(r.rss)} RSS / ${kb(r.heap)} heap bare ws`,
    ratio: `${times(m.rss / r.rss)} / ${times(m.heap / r.heap)}`,
    target: `≤ ${kb(TARGET_BYTES)} (RSS and heap)`,
    result: verdict(worst <= TARGET_BYTES),
  })
  addNote(
    `5: heap = V8 heap + external after a full GC; each Metal client sent its hello and one live ` +
      `query (empty result); connected in batches of ${BATCH} (Metal ${ms(m.setupMs)}, bare ${ms(r.setupMs)})`,
  )
}
