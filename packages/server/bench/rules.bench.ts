// Rules benchmark (part of `npm run bench -w @metal/server`; alone: tsx --expose-gc
// bench/rules.bench.ts): what access rules cost on the hot path, deliveries to live queries.
//
// 2,000 subscribers (live queries `tasks where userId == <their id>`, several per socket, all
// signed in) each receive every write of a burst of commits sent at once; the figure is
// deliveries per second from the first send to the last delivery. Measured with the seed
// project's rules (examples/server/seed-rules.mjs: every delivered document is checked against
// the receiver's session) and, as the reference in the same run, with no rules on the same
// queries and writes. Both servers run at once; bursts alternate in pairs and each side keeps its
// median, with the server process's CPU time per delivery beside it (steadier than wall time on
// a shared machine). It is a measurement, not a test: it exits 0 whatever the figures. On
// PostgreSQL at DATABASE_URL (it creates metal_bench_<pid> and drops it), or PGlite in memory
// without it.
//
// Overrides: BENCH_RULES_SUBSCRIBERS, BENCH_RULES_PER_SOCKET, BENCH_RULES_WRITES,
// BENCH_RULES_PAIRS.

import { loadavg } from 'node:os'
import { MetalError } from '@metal/core'
import type { VerifyToken } from '@metal/core/server'
import { seedRules } from '../../../examples/server/seed-rules.mjs'
import { createServer, type MetalServer } from '../src/index.js'
import type { BurstResult } from './child/rulesLoad.js'
import { spawnChild } from './shared/child.js'
import { createBenchDatabase, type BenchDatabase } from './shared/db.js'
import { addNote, addRow, printReport, verdict } from './shared/report.js'
import { ms, perSec, print, times } from './shared/stats.js'

const SUBSCRIBERS = Number(process.env.BENCH_RULES_SUBSCRIBERS ?? 2000)
const PER_SOCKET = Number(process.env.BENCH_RULES_PER_SOCKET ?? 8)
const WRITES = Number(process.env.BENCH_RULES_WRITES ?? 60)
const PAIRS = Number(process.env.BENCH_RULES_PAIRS ?? 8)
/** Rules may cost at most this share of the deliveries per second. */
const TARGET_RATIO = 0.8
const USER = 'bench-user'
type Mode = 'on' | 'off'

/** Custom tokens are user ids (the bench's stand-in for a real token check). */
const verifyToken: VerifyToken = (credential) => {
  if (credential.type !== 'custom') throw new MetalError('unauthenticated', 'custom tokens only')
  return { userId: credential.token, role: null, roles: [], expiresAt: null, claims: {} }
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** One measured burst: its deliveries per second and the servers' CPU per delivery. */
interface Sample {
  rate: number
  cpuUsPerDelivery: number
  result: BurstResult
}

async function main(): Promise<void> {
  const db: BenchDatabase | undefined = process.env.DATABASE_URL
    ? await createBenchDatabase()
    : undefined
  const where = db ? 'PG' : 'PGlite'
  const load = await spawnChild('rulesLoad')
  const servers: MetalServer[] = []
  const samples: Record<Mode, Sample[]> = { on: [], off: [] }
  let probe = ''
  const start = performance.now()
  try {
    // Both servers run at once, each with its own subscribers, so that each pair of bursts
    // (one per server, in alternating order) meets the same machine.
    for (const mode of ['off', 'on'] as const) {
      const server = createServer({
        port: 0,
        log: false,
        verifyToken,
        maxConnectionsPerIp: 10_000,
        rateLimit: false,
        ...(mode === 'on' ? { rules: seedRules } : {}),
        ...(db ? { databaseUrl: db.url } : {}),
      })
      servers.push(server)
      const { url } = await server.listen()
      const project = `rules-${mode}`
      const sockets = Math.ceil(SUBSCRIBERS / PER_SOCKET)
      const sub = await load.call<{ subscribers: number; ms: number }>('subscribe', {
        set: mode,
        url,
        project,
        sockets,
        perSocket: PER_SOCKET,
        user: USER,
        collection: 'tasks',
        batch: 50,
      })
      await load.call('writer', { set: mode, url, project, user: USER })
      print(
        `  rules ${mode}: ${sub.subscribers} subscribers on ${sockets} sockets, ready in ${ms(sub.ms)}`,
      )
      if (mode === 'on') {
        const p = await load.call<{ answer: string }>('probe', {
          url,
          project,
          user: USER,
          other: 'someone-else',
        })
        probe = p.answer
      }
    }
    const burst = async (mode: Mode, count: number): Promise<Sample> => {
      const cpu = process.cpuUsage()
      const result = await load.call<BurstResult>('burst', {
        set: mode,
        count,
        collection: 'tasks',
        user: USER,
        docs: 50,
        textBytes: 64,
      })
      const used = process.cpuUsage(cpu)
      return {
        rate: result.rate,
        cpuUsPerDelivery: (used.user + used.system) / Math.max(1, result.delivered),
        result,
      }
    }
    // Warm-up bursts, then the measured pairs.
    for (const mode of ['off', 'on'] as const) await burst(mode, Math.max(10, WRITES / 2))
    for (let pair = 0; pair < PAIRS; pair++) {
      const order: Mode[] = pair % 2 ? ['on', 'off'] : ['off', 'on']
      for (const mode of order) samples[mode].push(await burst(mode, WRITES))
      const [off, on] = [samples.off.at(-1)!, samples.on.at(-1)!]
      print(
        `  pair ${pair + 1}: off ${perSec(off.rate, 'deliveries')} (${off.cpuUsPerDelivery.toFixed(1)} µs CPU each), ` +
          `on ${perSec(on.rate, 'deliveries')} (${on.cpuUsPerDelivery.toFixed(1)} µs CPU each)`,
      )
    }
  } finally {
    await load.call('close').catch(() => {})
    for (const server of servers) await server.close()
    await load.stop()
    await db?.drop()
  }
  const on = median(samples.on.map((s) => s.rate))
  const off = median(samples.off.map((s) => s.rate))
  const cpuOn = median(samples.on.map((s) => s.cpuUsPerDelivery))
  const cpuOff = median(samples.off.map((s) => s.cpuUsPerDelivery))
  const pairRatios = samples.on.map((s, i) => s.rate / samples.off[i]!.rate)
  const lost = [...samples.on, ...samples.off].some(
    (s) => s.result.delivered !== s.result.expected || s.result.errors > 0,
  )
  const refused = /not allowed/.test(probe)
  addRow({
    figure: `rules: deliveries to ${SUBSCRIBERS.toLocaleString('en-US')} subscribers, seed rules on vs off (${where})`,
    metal: perSec(on, 'deliveries'),
    reference: `${perSec(off, 'deliveries')} (rules off)`,
    ratio: times(on / off),
    target: `≥ ${TARGET_RATIO.toFixed(2)}× (rules cost ≤ ${Math.round((1 - TARGET_RATIO) * 100)}%)`,
    result: lost || !refused ? 'FAIL' : verdict(on / off >= TARGET_RATIO),
  })
  addRow({
    figure: `rules: server CPU per delivery, seed rules on vs off (${where})`,
    metal: `${cpuOn.toFixed(1)} µs`,
    reference: `${cpuOff.toFixed(1)} µs (rules off)`,
    ratio: times(cpuOn / cpuOff),
    target: `≤ ${(1 / TARGET_RATIO).toFixed(2)}×`,
    result: lost || !refused ? 'FAIL' : verdict(cpuOn / cpuOff <= 1 / TARGET_RATIO),
  })
  addNote(
    `rules: medians of ${PAIRS} pairs of bursts (${WRITES} commits each, to ${SUBSCRIBERS} live ` +
      `queries, ${PER_SOCKET} per socket), the two servers up at once; per-pair ratios on/off: ` +
      `${pairRatios.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairRatios).toFixed(2)}); ` +
      `CPU is the server process's (PostgreSQL and the load generator run elsewhere)`,
  )
  addNote(`rules: with the rules on, a live query of another user's tasks answered: ${probe}`)
  addNote(`machine: 1-minute load average at the end ${loadavg()[0]!.toFixed(1)} (2 cores, shared)`)
  printReport()
  print()
  print(`(rules benchmark ${ms(performance.now() - start)})`)
}

await main()
process.exit(0)
