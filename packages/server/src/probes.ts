import type { ServerResponse } from 'node:http'
import type { SqlDriver } from './sql/driver.js'
import { METRICS_CONTENT_TYPE, type Metrics } from './metrics.js'

// The operations endpoints: GET /health (liveness: the process answers), GET /ready
// (readiness: the database answers and the server is not draining), GET /metrics (Prometheus).

/** How long /ready waits for the database to answer its probe. */
export const READY_TIMEOUT_MS = 2000

/** What the probes read of the running server. */
export interface ProbeState {
  db: SqlDriver
  epoch: string
  position(): number
  connections(): number
  draining(): boolean
  metrics: Metrics
}

/** Answers `GET path` when it is an operations endpoint; false for any other path. */
export function probe(path: string, state: ProbeState, res: ServerResponse): boolean {
  switch (path) {
    case '/health':
      json(res, 200, {
        status: 'ok',
        database: state.db.kind,
        epoch: state.epoch,
        position: state.position(),
        connections: state.connections(),
        draining: state.draining(),
      })
      return true
    case '/ready':
      void ready(state).then((reason) =>
        reason === undefined
          ? json(res, 200, { status: 'ready' })
          : json(res, 503, { status: 'unavailable', reason }),
      )
      return true
    case '/metrics':
      res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE })
      res.end(state.metrics.render())
      return true
    default:
      return false
  }
}

/** Why the server is not ready, or undefined when it is. */
async function ready(state: ProbeState): Promise<string | undefined> {
  if (state.draining()) return 'draining: the server is shutting down'
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`the database did not answer within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    )
  })
  const answer = state.db.query('select 1').then(
    () => undefined,
    (error: unknown) => `the database failed: ${(error as Error).message}`,
  )
  try {
    const reason = await Promise.race([answer, late])
    return reason ?? (state.draining() ? 'draining: the server is shutting down' : undefined)
  } finally {
    clearTimeout(timer)
  }
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
