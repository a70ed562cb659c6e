// The layers of @metal/core (see DESIGN.md, "Core layers"): which folder may import which.
// Used by the ESLint rule in eslint.config.js and by src/__tests__/layers.test.ts.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/** Files every layer may use: the error type, the ambient globals and the browser APIs. */
const BASE = new Set(['errors.ts', 'env.d.ts', 'platform.ts'])

/** Layer of each top-level folder; files at the top level (and auth/presence/sync) are the API. */
const FOLDERS = {
  engine: 'engine',
  protocol: 'protocol',
  server: 'server',
  backends: 'backends',
  client: 'client',
  auth: 'api',
  presence: 'api',
  sync: 'api',
  bindings: 'bindings',
  testing: 'testing',
  __tests__: 'tests',
}

/** What each layer may import, besides the base files and itself. */
export const ALLOWED = {
  engine: [],
  protocol: ['engine'],
  server: ['engine', 'protocol'],
  backends: ['engine', 'protocol', 'server'],
  client: ['engine', 'protocol'],
  api: ['engine', 'protocol', 'client', 'backends'],
  bindings: ['engine', 'protocol', 'client', 'api'],
  testing: ['engine', 'protocol', 'server', 'backends', 'client', 'api', 'bindings'],
  tests: ['engine', 'protocol', 'server', 'backends', 'client', 'api', 'bindings', 'testing'],
}

/** The layer of a file given its path relative to src/ (null: a base file). */
export function layerOf(relPath) {
  const parts = relPath.split(sep).join('/').split('/')
  if (parts.length === 1) return BASE.has(parts[0]) ? null : 'api'
  if (parts.includes('__tests__')) return 'tests'
  return FOLDERS[parts[0]] ?? 'api'
}

/** Why `from` (relative to src/) may not import `to`, or null when it may. */
export function layerViolation(from, to) {
  const a = layerOf(from)
  const b = layerOf(to)
  if (b === null || a === b) return null
  if (a === null) return `base file ${from} may import no layer (imports ${to})`
  if (ALLOWED[a].includes(b)) return null
  return `${a} (${from}) may not import ${b} (${to})`
}

/** Every relative import (static, type-only, re-export or dynamic) of each source file. */
export function importGraph(srcDir) {
  const files = []
  const walk = (dir) => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n)
      if (statSync(p).isDirectory()) walk(p)
      else if (n.endsWith('.ts')) files.push(p)
    }
  }
  walk(srcDir)
  const graph = new Map()
  for (const f of files) {
    const text = readFileSync(f, 'utf8')
    const deps = []
    for (const m of text.matchAll(/(?:from\s+|import\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      deps.push(relative(srcDir, resolve(dirname(f), m[1].replace(/\.js$/, '.ts'))))
    }
    graph.set(relative(srcDir, f), deps)
  }
  return graph
}
