import { print } from './stats.js'

/** One line of the final table. */
export interface Row {
  figure: string
  metal: string
  reference: string
  ratio: string
  target: string
  result: 'PASS' | 'MISS' | 'FAIL' | 'info'
}

const rows: Row[] = []
const notes: string[] = []

/** Adds a line to the final table (and prints it at once, so partial runs show progress). */
export function addRow(row: Row): void {
  rows.push(row)
  print(
    `  → ${row.figure}: ${row.metal} vs ${row.reference} (${row.ratio}) target ${row.target}: ${row.result}`,
  )
}

/** Adds a note printed under the table. */
export function addNote(note: string): void {
  notes.push(note)
  print(`  · ${note}`)
}

/** PASS when `ok`. */
export function verdict(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS'
}

/** Prints every row as one markdown table, then the notes. */
export function printReport(): void {
  const header = ['figure', 'Metal', 'reference', 'ratio', 'target', 'result']
  const cells = rows.map((r) => [r.figure, r.metal, r.reference, r.ratio, r.target, r.result])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: readonly string[]): string =>
    `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`
  print()
  print(line(header))
  print(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const c of cells) print(line(c))
  if (notes.length) {
    print()
    for (const n of notes) print(`- ${n}`)
  }
}

/** True when some row missed or failed its target. */
export function anyMiss(): boolean {
  return rows.some((r) => r.result === 'MISS' || r.result === 'FAIL')
}
