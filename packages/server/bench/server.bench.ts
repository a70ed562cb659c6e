// Server benchmark: `npm run bench -w @metal/server` (tsx --expose-gc bench/server.bench.ts).
// `--only <name>[,<name>…]` runs some figures: latency, throughput, delivery, resume, memory.
//
// Each figure is printed next to a reference measured in this same run, as a ratio, with PASS
// or MISS against its target (FAIL: events were lost or repeated). It is a measurement, not a
// test: it exits 0 whatever the figures. Needs PostgreSQL at DATABASE_URL (a superuser role: it
// creates metal_bench_<pid> and drops it at the end). About 3–4 minutes on 2 cores.
//
// Overrides for exploring (the defaults are the figures): BENCH_LATENCY_RATE,
// BENCH_LATENCY_MS, BENCH_WINDOW, BENCH_THROUGHPUT_MS, BENCH_SUBSCRIBERS, BENCH_DELIVERY_RATE,
// BENCH_DELIVERY_MS, BENCH_RESUME_REPS, BENCH_CONNECTIONS. bench/diagnostics/ holds scripts
// that reproduce server problems found while measuring (not run here).

import { loadavg } from 'node:os'
import { spawnChild, type Child } from './shared/child.js'
import { createBenchDatabase } from './shared/db.js'
import type { BenchContext } from './shared/context.js'
import { addNote, addRow, printReport } from './shared/report.js'
import { ms, print } from './shared/stats.js'
import { latencyFigure } from './figures/latency.js'
import { throughputFigure } from './figures/throughput.js'
import { deliveryFigure } from './figures/delivery.js'
import { resumeFigure } from './figures/resume.js'
import { memoryFigure } from './figures/memory.js'

const FIGURES: Record<string, (ctx: BenchContext) => Promise<void>> = {
  latency: latencyFigure,
  throughput: throughputFigure,
  delivery: deliveryFigure,
  resume: resumeFigure,
  memory: memoryFigure,
}

function selected(): string[] {
  const at = process.argv.indexOf('--only')
  if (at < 0) return Object.keys(FIGURES)
  const names = (process.argv[at + 1] ?? '').split(',').filter(Boolean)
  const unknown = names.filter((n) => !(n in FIGURES))
  if (names.length === 0 || unknown.length) {
    throw new Error(`--only takes one or more of ${Object.keys(FIGURES).join(', ')}`)
  }
  return names
}

async function main(): Promise<void> {
  const names = selected()
  const db = await createBenchDatabase()
  let loadgen: Child | undefined
  const ctx: BenchContext = {
    databaseUrl: db.url,
    async loadgen() {
      loadgen ??= await spawnChild('loadgen')
      return loadgen
    },
  }
  const start = performance.now()
  const loads: string[] = []
  // An interrupted run still drops its database (children die with their IPC channel).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      print(`\n${signal}: dropping ${db.name}`)
      void db.drop().finally(() => process.exit(130))
    })
  }
  try {
    for (const name of names) {
      const t0 = performance.now()
      loads.push(`${name} ${loadavg()[0]!.toFixed(1)}`)
      print(`▶ ${name}`)
      try {
        await (FIGURES[name] as (ctx: BenchContext) => Promise<void>)(ctx)
      } catch (error) {
        print(`  ${name} failed: ${error instanceof Error ? error.stack : String(error)}`)
        const why = error instanceof Error ? error.message : String(error)
        addRow({
          figure: name,
          metal: 'failed',
          reference: '',
          ratio: '',
          target: '',
          result: 'FAIL',
        })
        addNote(`${name} failed: ${why.split('\n')[0]}`)
      }
      print(`  (${name}: ${ms(performance.now() - t0)})`)
    }
  } finally {
    await loadgen?.stop()
    await db.drop()
  }
  addNote(
    `machine: 2 cores shared by the server, PostgreSQL and the load generators (and anything ` +
      `else running); 1-minute load average when each figure started: ${loads.join(', ')}`,
  )
  printReport()
  print()
  print(`(whole run ${ms(performance.now() - start)}; database ${db.name} dropped)`)
}

await main()
process.exit(0)
