// Small measuring and formatting helpers of the server benchmark (no test framework).

/** Writes one line to stdout. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

/** The p-th percentile (0–100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const s = Float64Array.from(values).sort()
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))
  return s[rank] as number
}

/** p50, p99 and the largest value of a sample. */
export interface Spread {
  n: number
  p50: number
  p99: number
  max: number
}

/** The spread of a sample. */
export function spread(values: readonly number[]): Spread {
  const s = Float64Array.from(values).sort()
  const at = (p: number): number =>
    s.length === 0
      ? NaN
      : (s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number)
  return {
    n: s.length,
    p50: at(50),
    p99: at(99),
    max: s.length ? (s[s.length - 1] as number) : NaN,
  }
}

/** Runs a full garbage collection (needs `--expose-gc`); several passes settle weak refs. */
export function fullGc(): void {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('run with --expose-gc (npm run bench -w @metal/server does)')
  }
  for (let i = 0; i < 4; i++) globalThis.gc()
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Formats milliseconds with 3 significant digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`
  if (value >= 1) return `${value.toPrecision(3)} ms`
  return `${(value * 1000).toPrecision(3)} µs`
}

/** Formats a rate per second. */
export function perSec(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a'
  return `${Math.round(value).toLocaleString('en-US')} ${unit}/s`
}

/** Formats a byte count in KB. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

/** Formats a ratio. */
export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}×`
}

/**
 * Calls `send(i)` for i = 0, 1, … at a steady `rate` per second for `durationMs`, from timers
 * (each tick sends whatever is due, so a late timer catches up instead of lowering the rate).
 * Resolves with the number sent.
 */
export function steady(
  rate: number,
  durationMs: number,
  send: (i: number) => void,
): Promise<number> {
  const total = Math.round((rate * durationMs) / 1000)
  const interval = 1000 / rate
  const start = performance.now()
  let i = 0
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now()
      while (i < total && start + i * interval <= now) send(i++)
      if (i >= total) {
        resolve(total)
        return
      }
      setTimeout(tick, Math.max(0, start + i * interval - performance.now()))
    }
    tick()
  })
}

/** Waits until `done()` holds (checked every `everyMs`), or `timeoutMs` passes; true if it held. */
export async function until(done: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const end = performance.now() + timeoutMs
  while (!done()) {
    if (performance.now() > end) return false
    await sleep(everyMs)
  }
  return true
}
