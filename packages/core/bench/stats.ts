// Small measuring and printing helpers for the benchmark scripts (no test framework).

/**
 * Writes one line to stdout. (Core's env.d.ts narrows `console` to error/warn for the library,
 * and this folder is type-checked with it.)
 */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Runs a full garbage collection (needs `--expose-gc`); several passes settle weak refs. */
export function fullGc(): void {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('run with --expose-gc (npm run bench -w @metal/core does)')
  }
  for (let i = 0; i < 4; i++) globalThis.gc()
}

/** Heap in use after a full collection, in bytes. */
export function heapAfterGc(): number {
  fullGc()
  return process.memoryUsage().heapUsed
}

/** Lets pending timers and I/O callbacks run (and every queued microtask before them). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Formats milliseconds with a unit that keeps 3 significant digits. */
export function ms(value: number): string {
  if (value >= 120_000) return `${(value / 60_000).toFixed(1)} min`
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`
  if (value >= 1) return `${value.toPrecision(3)} ms`
  return `${(value * 1000).toPrecision(3)} µs`
}

/** Formats a byte count in MB. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Prints rows as an aligned text table. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')
  print(line(header))
  print(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) print(line(r))
}
