// Figure 2: single-document commits per second with 8 concurrent writers (8 client connections,
// each keeping WINDOW commit frames in flight: pipelined; the server runs one connection's
// requests in order), on PostgreSQL and on PGlite. References: the same work per transaction
// in raw SQL (one JSONB upsert + one change-log insert), 8 concurrent `pg` clients, and the same
// SQL on PGlite.

import type { CommitResult } from '../child/loadgen.js'
import { rawPgCommits, rawPgliteCommits } from '../reference/rawSql.js'
import { PROJECT, startMetal, type BenchContext } from '../shared/context.js'
import { addNote, addRow, verdict } from '../shared/report.js'
import { ms, perSec, print, times } from '../shared/stats.js'

const WRITERS = 8
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4)
const WARMUP_MS = 1000
const DURATION_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 6000)
const DOCS = 1000
const TARGET_RATE = 2000
const TARGET_RATIO = 0.5

export async function throughputFigure(ctx: BenchContext): Promise<void> {
  const loadgen = await ctx.loadgen()
  for (const kind of ['PG', 'PGlite'] as const) {
    const metal = await startMetal(kind === 'PG' ? ctx.databaseUrl : undefined)
    let m: CommitResult
    try {
      m = await loadgen.call<CommitResult>('commits', {
        url: metal.url,
        project: PROJECT,
        writers: WRITERS,
        window: WINDOW,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        collection: 'throughput',
        docs: DOCS,
      })
    } finally {
      await metal.server.close()
    }
    print(`    Metal on ${kind}: ${perSec(m.perSecond, 'commits')}`)
    const r =
      kind === 'PG'
        ? await rawPgCommits(ctx.databaseUrl, WRITERS, WARMUP_MS, DURATION_MS, DOCS)
        : await rawPgliteCommits(WRITERS, WARMUP_MS, DURATION_MS, DOCS)
    const ratio = m.perSecond / r
    const ok = kind === 'PG' ? m.perSecond >= TARGET_RATE && ratio >= TARGET_RATIO : true
    addRow({
      figure: `2. single-doc commits, ${WRITERS} writers (${kind})`,
      metal: perSec(m.perSecond, 'commits'),
      reference: `${perSec(r, 'tx')} raw ${kind === 'PG' ? 'pg' : 'PGlite'}`,
      ratio: times(ratio),
      target: kind === 'PG' ? `≥ ${TARGET_RATE}/s and ≥ ${TARGET_RATIO}×` : 'reported',
      result: m.errors > 0 ? 'FAIL' : kind === 'PG' ? verdict(ok) : 'info',
    })
    addNote(
      `2 (${kind}): ${WRITERS} connections, ${WINDOW > 1 ? `${WINDOW} commit frames in flight on each (pipelined)` : 'one commit at a time on each (not pipelined)'}, ` +
        `1,000 documents per writer upserted round-robin, mutation ids as the client sends them; ` +
        `commit round trip p50 ${ms(m.latency.p50)} / p99 ${ms(m.latency.p99)}; ${m.errors} errors`,
    )
  }
}
