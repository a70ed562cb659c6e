import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM helper shared with the ESLint rule
import { importGraph, layerViolation } from '../../tools/layers.mjs'

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const graph = importGraph(srcDir) as Map<string, string[]>

/** Import cycles as strongly connected components with more than one file (Tarjan). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0
  const stack: string[] = []
  const on = new Set<string>()
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of g.keys()) if (!idx.has(v)) visit(v)
  return out
}

describe('core layers', () => {
  it('no file imports a higher layer', () => {
    const violations: string[] = []
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const why = layerViolation(file, dep) as string | null
        if (why) violations.push(why)
      }
    }
    expect(violations).toEqual([])
  })

  it('has no import cycle outside the reference/query/snapshot trio', () => {
    const trio = new Set(['reference.ts', 'query.ts', 'snapshot.ts'])
    const found = cycles(graph).filter((scc) => !scc.every((f) => trio.has(f)))
    expect(found).toEqual([])
  })

  it('keeps every source file under 400 lines', async () => {
    const { readFileSync } = await import('node:fs')
    const long = [...graph.keys()]
      .filter((f) => !f.includes('__tests__') && !f.startsWith('testing/suites/'))
      .map((f) => [f, readFileSync(join(srcDir, f), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 400)
    expect(long).toEqual([])
  })
})
