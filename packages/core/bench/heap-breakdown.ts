// Diagnostic, not part of `npm run bench`: where the embedded store's bytes per document go.
// Run: npx tsx --expose-gc bench/heap-breakdown.ts
// Each layer is built from its own freshly generated JSON, dropped before measuring (V8 lets
// objects parsed from a still-live string share memory with it, which would skew the figures).

import { cloneDocument } from '../src/engine/documentValues.js'
import { idOf, makeDocJson, parseWithId } from './data.js'
import { heapAfterGc, print } from './stats.js'

const N = 100_000
const keep: unknown[] = []

function measure(label: string, build: (jsons: string[]) => unknown): void {
  const h0 = heapAfterGc()
  let jsons: string[] | null = makeDocJson(N)
  const value = build(jsons)
  jsons = null // the frame would otherwise keep the JSON text alive
  const h1 = heapAfterGc()
  keep.push(value)
  print(`${label.padEnd(64)} ${String(Math.round((h1 - h0) / N)).padStart(4)} B/doc`)
}

const storedDoc = (id: string, data: unknown, time: number) =>
  Object.freeze({ id, data, version: 1, updateTime: time })

measure('plain array of JSON.parse objects with an id field', (j) =>
  j.map((s, i) => parseWithId(s, idOf(i))),
)
measure('array of JSON.parse objects (no id)', (j) => j.map((s) => JSON.parse(s) as unknown))
measure('array of cloneDocument(JSON.parse) (what a write stores)', (j) =>
  j.map((s) => cloneDocument('bench', JSON.parse(s))),
)
measure('Map id -> JSON.parse object', (j) => new Map(j.map((s, i) => [idOf(i), JSON.parse(s)])))
measure('Map id -> StoredDoc{id, data: JSON.parse, version, updateTime}', (j) => {
  const t = Date.now()
  return new Map(j.map((s, i) => [idOf(i), storedDoc(idOf(i), JSON.parse(s), t)]))
})
measure('Map id -> StoredDoc{id, data: cloneDocument, version, updateTime}', (j) => {
  const t = Date.now()
  return new Map(
    j.map((s, i) => {
      const id = idOf(i)
      return [id, storedDoc(id, cloneDocument('bench', JSON.parse(s)), t)]
    }),
  )
})
