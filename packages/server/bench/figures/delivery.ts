// Figure 3: delivered changes per second to 2,000 subscribers. Each subscriber is a raw socket
// with one live query that every write matches (`where('all', '==', 0)`); one writer commits
// at a steady rate, and the load-generator child counts deliveries at the subscribers, from the
// first measured write to the last delivery. Reference: the bare `ws` fan-out server
// broadcasting the same documents (serialised once per write) to the same 2,000 sockets.

import { startFanoutServer } from '../reference/fanoutServer.js'
import type { RunResult } from '../child/loadgen.js'
import { PROJECT, startMetal, type BenchContext } from '../shared/context.js'
import { addNote, addRow, verdict } from '../shared/report.js'
import { ms, perSec, print, times } from '../shared/stats.js'

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000)
const RATE = Number(process.env.BENCH_DELIVERY_RATE ?? 15)
const DURATION_MS = Number(process.env.BENCH_DELIVERY_MS ?? 8000)
const WARMUP_MS = 1000
const TARGET = 20_000

export async function deliveryFigure(ctx: BenchContext): Promise<void> {
  const loadgen = await ctx.loadgen()
  const measure = async (mode: 'metal' | 'raw', url: string): Promise<RunResult> => {
    const sub = await loadgen.call<{ ms: number }>('subscribe', {
      mode,
      url,
      project: PROJECT,
      clients: SUBSCRIBERS,
      perClient: 1,
      groups: 1,
      collection: 'delivery',
      field: 'all',
      batch: 100,
    })
    await loadgen.call('writers', { mode, url, project: PROJECT, count: 1 })
    print(`    ${mode}: ${SUBSCRIBERS} subscribers ready in ${ms(sub.ms)}`)
    const result = await loadgen.call<RunResult>('run', {
      mode,
      rate: RATE,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      groups: 1,
      collection: 'delivery',
      field: 'all',
      docsPerGroup: 50,
      textBytes: 64,
      sampleEvery: 10,
    })
    await loadgen.call('close')
    return result
  }
  const metal = await startMetal(ctx.databaseUrl)
  let m: RunResult
  try {
    m = await measure('metal', metal.url)
  } finally {
    await metal.server.close()
  }
  const reference = await startFanoutServer()
  let r: RunResult
  try {
    r = await measure('raw', `${reference.url}/`)
  } finally {
    await reference.close()
  }
  const lost = m.delivered !== m.expected || m.errors > 0
  addRow({
    figure: `3. delivered changes, ${SUBSCRIBERS.toLocaleString('en-US')} subscribers, ${RATE} writes/s (PG)`,
    metal: perSec(m.deliveryRate, 'changes'),
    reference: perSec(r.deliveryRate, 'changes'),
    ratio: times(m.deliveryRate / r.deliveryRate),
    target: `≥ ${TARGET.toLocaleString('en-US')}/s`,
    result: lost ? 'FAIL' : verdict(m.deliveryRate >= TARGET),
  })
  addNote(
    `3: offered ${(RATE * SUBSCRIBERS).toLocaleString('en-US')} deliveries/s for ${ms(DURATION_MS)}; ` +
      `${m.delivered}/${m.expected} delivered (reference ${r.delivered}/${r.expected}); ` +
      `delivery latency p50 ${ms(m.latency.p50)} / p99 ${ms(m.latency.p99)} ` +
      `(reference ${ms(r.latency.p50)} / ${ms(r.latency.p99)})`,
  )
}
