// Figure 1: commit → event latency with 1, 100 and 1,000 connected clients, each with 10
// equality-filtered live queries (`where('group', '==', k)`), at 500 writes/s on PostgreSQL.
// Reference: the bare `ws` fan-out server delivering the same documents to the same subscribers
// at the same rate.
//
// Client i listens to groups (10·i + j) mod G, j < 10, with G = min(1000, 10 × clients); writes
// go round-robin over the G groups, so each write reaches one subscriber at 1 and 100 clients
// and ten at 1,000 clients. Writers: 8 connections sharing the rate, pipelined (the server runs
// one connection's requests in order). Latency: from the writer sending the commit frame to a
// subscriber receiving the push (one clock: both live in the load-generator child). The
// warm-up writes are drained before the measured ones start.

import { startFanoutServer } from '../reference/fanoutServer.js'
import type { RunResult } from '../child/loadgen.js'
import { PROJECT, startMetal, type BenchContext } from '../shared/context.js'
import { addNote, addRow, verdict } from '../shared/report.js'
import { ms, print, times } from '../shared/stats.js'

const RATE = Number(process.env.BENCH_LATENCY_RATE ?? 500)
const LOW_RATE = 100
const DURATION_MS = Number(process.env.BENCH_LATENCY_MS ?? 6000)
const WARMUP_MS = 1000
const SERVER_WARMUP_MS = 4000
const PER_CLIENT = 10
const WRITERS = 8
const P50_TARGET = 5
const P99_TARGET = 25

export async function latencyFigure(
  ctx: BenchContext,
  clientCounts = [1, 100, 1000],
): Promise<void> {
  const loadgen = await ctx.loadgen()
  const metal = await startMetal(ctx.databaseUrl)
  const reference = await startFanoutServer()
  try {
    // Both servers first take SERVER_WARMUP_MS of writes at the full rate with nobody listening
    // (a fresh server's first seconds are slower: JIT, pools, PostgreSQL's caches and autovacuum).
    for (const [mode, url] of [
      ['metal', metal.url],
      ['raw', `${reference.url}/`],
    ] as const) {
      await loadgen.call('writers', { mode, url, project: PROJECT, count: WRITERS })
      await loadgen.call<RunResult>('run', {
        mode,
        rate: RATE,
        durationMs: SERVER_WARMUP_MS,
        warmupMs: 0,
        groups: 10,
        collection: 'warmup',
        field: 'group',
        docsPerGroup: 20,
        textBytes: 64,
        sampleEvery: 1,
      })
      await loadgen.call('close')
    }
    for (const clients of clientCounts) {
      const groups = Math.min(1000, PER_CLIENT * clients)
      const collection = `latency${clients}`
      const subscribe = async (mode: 'metal' | 'raw', url: string): Promise<void> => {
        const sub = await loadgen.call<{ ms: number }>('subscribe', {
          mode,
          url,
          project: PROJECT,
          clients,
          perClient: PER_CLIENT,
          groups,
          collection,
          field: 'group',
          batch: 50,
        })
        await loadgen.call('writers', { mode, url, project: PROJECT, count: WRITERS })
        print(`    ${mode}: ${clients} clients × ${PER_CLIENT} queries ready in ${ms(sub.ms)}`)
      }
      const run = (mode: 'metal' | 'raw', rate: number): Promise<RunResult> =>
        loadgen.call<RunResult>('run', {
          mode,
          rate,
          durationMs: DURATION_MS,
          warmupMs: WARMUP_MS,
          groups,
          collection,
          field: 'group',
          docsPerGroup: 20,
          textBytes: 64,
          sampleEvery: 1,
        })
      // At 1,000 clients, also a lower rate: the latency floor apart from the commit throughput.
      const rates = clients === clientCounts[clientCounts.length - 1] ? [RATE, LOW_RATE] : [RATE]
      print(`  figure 1 at ${clients} client(s)`)
      const measured = async (mode: 'metal' | 'raw', url: string): Promise<RunResult[]> => {
        await subscribe(mode, url)
        const results: RunResult[] = []
        for (const rate of rates) results.push(await run(mode, rate))
        await loadgen.call('close')
        return results
      }
      const metalRuns = await measured('metal', metal.url)
      const refRuns = await measured('raw', `${reference.url}/`)
      rates.forEach((rate, k) => {
        const m = metalRuns[k]!
        const r = refRuns[k]!
        const ok = m.latency.p50 <= P50_TARGET && m.latency.p99 <= P99_TARGET
        const lost = m.delivered !== m.expected || m.errors > 0
        const official = rate === RATE
        addRow({
          figure: `1. commit→event, ${clients} client${clients > 1 ? 's' : ''} × ${PER_CLIENT} queries, ${rate} writes/s (PG)`,
          metal: `p50 ${ms(m.latency.p50)} / p99 ${ms(m.latency.p99)}`,
          reference: `p50 ${ms(r.latency.p50)} / p99 ${ms(r.latency.p99)}`,
          ratio: `${times(m.latency.p50 / r.latency.p50)} / ${times(m.latency.p99 / r.latency.p99)}`,
          target: official ? `p50 ≤ ${P50_TARGET} ms, p99 ≤ ${P99_TARGET} ms` : 'reported',
          result: lost ? 'FAIL' : official ? verdict(ok) : 'info',
        })
        addNote(
          `1 (${clients} clients, ${rate}/s): ${m.sent} commits, ${m.expected} events expected after ` +
            `warm-up, ${m.delivered} delivered (reference ${r.delivered}/${r.expected}), ` +
            `${m.errors} commit errors, max ${ms(m.latency.max)} (reference ${ms(r.latency.max)}); ` +
            `fan-out per write ${Math.max(1, Math.round((clients * PER_CLIENT) / groups))}, ` +
            `${WRITERS} writer connections`,
        )
      })
    }
  } finally {
    await reference.close()
    await metal.server.close()
  }
}
