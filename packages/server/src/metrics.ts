import type { ServerCore, ServerObserver } from '@metal/core/server'

// The server's metrics in the Prometheus text exposition format (version 0.0.4), written by
// hand: a few counters, gauges read when scraped, and one histogram. Counters only grow, so a
// rate (commits per second) is `rate(metal_commits_total[1m])`.

/** Upper bounds of the fan-out latency buckets, in seconds. */
const FANOUT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

/** What the server reads when it is scraped. */
export interface Gauges {
  /** Open WebSocket connections. */
  connections(): number
  /** True while the server drains (shutting down). */
  draining(): boolean
  /** The server logic, for its counts of live queries and aggregates. */
  core(): ServerCore | undefined
}

/** The server's counters and histogram, and their exposition. */
export class Metrics {
  private commits = 0
  private writes = 0
  private readonly denials = new Map<string, number>()
  private readonly buckets = FANOUT_BUCKETS.map(() => 0)
  private fanoutCount = 0
  private fanoutSum = 0
  private deliveries = 0
  private triggerRuns = 0
  private triggerFailures = 0
  private triggerGiveUps = 0
  private readonly http = new Map<string, number>()
  private limited = 0

  constructor(private readonly gauges: Gauges) {}

  /** The observer handed to the server logic. */
  readonly observer: Required<ServerObserver> = {
    commit: (_projectId, writes) => {
      this.commits++
      this.writes += writes
    },
    fanout: (ms, deliveries) => {
      const seconds = ms / 1000
      for (let i = 0; i < FANOUT_BUCKETS.length; i++) {
        if (seconds <= FANOUT_BUCKETS[i]!) this.buckets[i]!++
      }
      this.fanoutCount++
      this.fanoutSum += seconds
      this.deliveries += deliveries
    },
    denied: (op) => {
      this.denials.set(op, (this.denials.get(op) ?? 0) + 1)
    },
  }

  /** A trigger handler ran once: `ok`, failed (to be retried) or failed for the last time. */
  triggerRun(outcome: 'ok' | 'failed' | 'gave-up'): void {
    this.triggerRuns++
    if (outcome !== 'ok') this.triggerFailures++
    if (outcome === 'gave-up') this.triggerGiveUps++
  }

  /** A request was refused by the rate limit. */
  rateLimited(): void {
    this.limited++
  }

  /** An HTTP request was answered with `status`. */
  httpRequest(status: number): void {
    const key = String(status)
    this.http.set(key, (this.http.get(key) ?? 0) + 1)
  }

  /** Every metric in the Prometheus text format. */
  render(): string {
    const out: string[] = []
    const metric = (
      name: string,
      type: 'counter' | 'gauge' | 'histogram',
      help: string,
      samples: [labels: Record<string, string>, value: number, suffix?: string][],
    ) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
      for (const [labels, value, suffix = ''] of samples) {
        out.push(`${name}${suffix}${labelText(labels)} ${numberText(value)}`)
      }
    }
    const stats = this.gauges.core()?.stats()
    metric('metal_connections', 'gauge', 'Open WebSocket connections.', [
      [{}, this.gauges.connections()],
    ])
    metric('metal_subscriptions', 'gauge', 'Open live queries and live aggregates.', [
      [{ kind: 'query' }, stats?.listens ?? 0],
      [{ kind: 'aggregate' }, stats?.aggregates ?? 0],
    ])
    metric('metal_commits_total', 'counter', 'Commits that changed documents.', [
      [{}, this.commits],
    ])
    metric('metal_committed_writes_total', 'counter', 'Documents changed by commits.', [
      [{}, this.writes],
    ])
    let cumulative: [Record<string, string>, number, string][] = FANOUT_BUCKETS.map((le, i) => [
      { le: String(le) },
      this.buckets[i]!,
      '_bucket',
    ])
    cumulative = [
      ...cumulative,
      [{ le: '+Inf' }, this.fanoutCount, '_bucket'],
      [{}, this.fanoutSum, '_sum'],
      [{}, this.fanoutCount, '_count'],
    ]
    metric(
      'metal_fanout_seconds',
      'histogram',
      'Time from a commit to its delivery to live queries, in seconds.',
      cumulative,
    )
    metric('metal_fanout_deliveries_total', 'counter', 'Changes pushed to live queries.', [
      [{}, this.deliveries],
    ])
    metric(
      'metal_rule_denials_total',
      'counter',
      'Requests refused by access rules, by operation.',
      [...this.denials].sort().map(([op, n]) => [{ op }, n]),
    )
    metric(
      'metal_rate_limited_total',
      'counter',
      'Requests refused by the per-connection rate limit.',
      [[{}, this.limited]],
    )
    metric('metal_trigger_runs_total', 'counter', 'Trigger handler runs.', [[{}, this.triggerRuns]])
    metric('metal_trigger_failures_total', 'counter', 'Trigger handler runs that threw.', [
      [{}, this.triggerFailures],
    ])
    metric(
      'metal_trigger_gave_up_total',
      'counter',
      'Changes a trigger skipped after its last attempt failed.',
      [[{}, this.triggerGiveUps]],
    )
    metric(
      'metal_http_requests_total',
      'counter',
      'HTTP requests answered, by status.',
      [...this.http].sort().map(([status, n]) => [{ status }, n]),
    )
    metric('metal_draining', 'gauge', '1 while the server is shutting down.', [
      [{}, this.gauges.draining() ? 1 : 0],
    ])
    const memory = process.memoryUsage()
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [
      [{}, memory.rss],
    ])
    metric('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap in use, in bytes.', [
      [{}, memory.heapUsed],
    ])
    metric('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap size, in bytes.', [
      [{}, memory.heapTotal],
    ])
    metric('nodejs_external_memory_bytes', 'gauge', 'Memory of C++ objects bound to JS.', [
      [{}, memory.external],
    ])
    return `${out.join('\n')}\n`
  }
}

/** The content type of the exposition. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels)
  if (entries.length === 0) return ''
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}
