// Core benchmark: `npm run bench -w @metal/core` (tsx --expose-gc bench/core.bench.ts).
//
// Prints each figure next to a reference measured in this same process, the ratio and the target:
//   a. a 2-clause filter + orderBy + limit(50) over 100k documents, vs sift + Array#sort + slice;
//   b. 10k single-document writes with 104 live queries subscribed, vs re-running the affected
//      queries (sift + sort + slice over the 100k array) after each write;
//   c. heap of a Metal client + embedded backend holding 100k documents, vs a plain array;
//   d. a live count (subscribeCount) over 100k documents through 10k writes that each change it,
//      vs re-counting the matches (sift filter over the 100k array) after each write.
// It is a measurement, not a test: it always exits 0 and prints MISS when a target is missed.

import sift from 'sift'
import { Metal, type CollectionReference, type Query, type QuerySnapshot } from '../src/index.js'
import { GROUPS, idOf, makeDocJson, parseWithId, rng, type BenchDoc } from './data.js'
import { heapAfterGc, mb, median, ms, print, printTable, settle } from './stats.js'

type PlainDoc = BenchDoc & { id: string }
type Users = CollectionReference<BenchDoc>
/** A sift query; loosely typed because MongoDB lets a scalar match an array element. */
type SiftQuery = Record<string, unknown>

const N = Number(process.env.BENCH_DOCS ?? 100_000)
const WRITES = Number(process.env.BENCH_WRITES ?? 10_000)
const BATCH_SIZE = 500
const QUERY_WARMUP = 5
const QUERY_RUNS = 15
const REFERENCE_SAMPLES = 40

const TARGET_QUERY = 2
const TARGET_LIVE = 50
const TARGET_HEAP = 1.5
const TARGET_COUNT = 100

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

/** Opens the benchmark collection on a new embedded client and loads `jsons` in batches. */
async function loadMetal(jsons: readonly string[]): Promise<{ metal: Metal; users: Users }> {
  const metal = new Metal()
  const db = metal.db()
  const users = db.collection<BenchDoc>('users')
  for (let start = 0; start < jsons.length; start += BATCH_SIZE) {
    const batch = db.batch()
    const end = Math.min(jsons.length, start + BATCH_SIZE)
    for (let i = start; i < end; i++) {
      batch.set(users.doc(idOf(i)), JSON.parse(jsons[i] as string) as BenchDoc)
    }
    await batch.commit()
  }
  return { metal, users }
}

/** Score descending, ties by id descending (Metal breaks ties in the last sort key's direction). */
const byScoreDesc = (a: PlainDoc, b: PlainDoc): number =>
  b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
/**
 * Score descending, then age descending, then id descending: Cloud Firestore's order for
 * `where('age', '>', 30).orderBy('score', 'desc')` (the inequality field is an implicit key).
 */
const byScoreAgeDesc = (a: PlainDoc, b: PlainDoc): number =>
  b.score - a.score || b.age - a.age || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
/** Score ascending, ties by id ascending. */
const byScoreAsc = (a: PlainDoc, b: PlainDoc): number =>
  a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS')
const x = (ratio: number): string => `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}x`

interface Row {
  figure: string
  metal: string
  reference: string
  ratio: string
  target: string
  result: string
  /** Details printed under the table. */
  notes: string[]
}
const rows: Row[] = []
const summary: string[] = []

// ─── Warm-up (so heap figures do not include first-run compilation) ─────────────────────────────

async function warmUp(): Promise<void> {
  const jsons = makeDocJson(5000, 1)
  const { metal, users } = await loadMetal(jsons)
  const q = users.where('status', '==', 'active').where('age', '>', 30).orderBy('score', 'desc')
  for (let i = 0; i < 3; i++) await q.limit(50).get()
  const stop = users
    .where('group', '==', 1)
    .orderBy('score')
    .limit(50)
    .subscribe(() => {})
  const stop2 = users
    .orderBy('score', 'desc')
    .limit(50)
    .subscribe(() => {})
  await settle()
  for (let i = 0; i < 200; i++) await users.doc(idOf(i)).update({ score: i, group: i % GROUPS })
  stop()
  stop2()
  metal.close()
  const plain = jsons.map((j, i) => parseWithId(j, idOf(i)))
  for (let i = 0; i < 3; i++)
    plain.filter(sift({ status: 'active', age: { $gt: 30 } })).sort(byScoreAgeDesc)
}

// ─── c. Heap ────────────────────────────────────────────────────────────────────────────────────
// Each side generates its own copy of the same JSON text, parses it and drops the text before the
// heap is measured: V8 lets objects parsed from a string that is still alive share memory with
// it, so sharing one set of JSON strings between the sides (or keeping them) would skew the result.

function buildPlain(): PlainDoc[] {
  const jsons = makeDocJson(N)
  const plain: PlainDoc[] = new Array<PlainDoc>(N)
  for (let i = 0; i < N; i++) plain[i] = parseWithId(jsons[i] as string, idOf(i))
  return plain
}

async function buildMetal(): Promise<{ metal: Metal; users: Users; loadMs: number }> {
  const jsons = makeDocJson(N)
  const t0 = performance.now()
  const { metal, users } = await loadMetal(jsons)
  return { metal, users, loadMs: performance.now() - t0 }
}

async function measureHeap(): Promise<{ plain: PlainDoc[]; metal: Metal; users: Users }> {
  const h0 = heapAfterGc()
  const plain = buildPlain()
  const h1 = heapAfterGc()

  const h2 = heapAfterGc()
  const { metal, users, loadMs } = await buildMetal()
  const h3 = heapAfterGc()

  const plainBytes = h1 - h0
  const metalBytes = h3 - h2
  const ratio = metalBytes / plainBytes
  const ok = ratio <= TARGET_HEAP
  rows.push({
    figure: `c. heap holding ${N / 1000}k docs`,
    metal: `${mb(metalBytes)} (${Math.round(metalBytes / N)} B/doc)`,
    reference: `${mb(plainBytes)} (${Math.round(plainBytes / N)} B/doc)`,
    ratio: `${ratio.toFixed(2)}x the heap`,
    target: `<= ${TARGET_HEAP}x`,
    result: verdict(ok),
    notes: [
      `Metal: new Metal() (embedded memory backend) after loading ${N} docs with db.batch() ` +
        `(${BATCH_SIZE} per batch, ${ms(loadMs)}); each doc JSON.parse'd and passed to batch.set()`,
      `reference: plain array of the same docs, each JSON.parse'd from the same JSON text (id as a field)`,
      `heapUsed deltas after global.gc(); each side parses its own copy of the JSON text, dropped before measuring`,
    ],
  })
  summary.push(
    `heap ${N / 1000}k docs: ${ratio.toFixed(2)}x of a plain array (target <= ${TARGET_HEAP}x) ${verdict(ok)}`,
  )
  print(`c. heap measured (loaded ${N} docs in ${ms(loadMs)})`)
  return { plain, metal, users }
}

// ─── a. One query over 100k documents ───────────────────────────────────────────────────────────

async function benchQuery(users: Users, plain: PlainDoc[]): Promise<void> {
  const runMetal = async (): Promise<string[]> => {
    const snap = await users
      .where('status', '==', 'active')
      .where('age', '>', 30)
      .orderBy('score', 'desc')
      .limit(50)
      .get()
    return snap.docs.map((d) => d.id)
  }
  const runReference = (): string[] => {
    const test = sift<PlainDoc>({ status: 'active', age: { $gt: 30 } })
    const matches = plain.filter(test)
    matches.sort(byScoreAgeDesc)
    return matches.slice(0, 50).map((d) => d.id)
  }

  for (let i = 0; i < QUERY_WARMUP; i++) {
    await runMetal()
    runReference()
  }
  const metalTimes: number[] = []
  const refTimes: number[] = []
  let metalIds: string[] = []
  let refIds: string[] = []
  for (let i = 0; i < QUERY_RUNS; i++) {
    // Interleaved, so drift (GC, CPU frequency) hits both sides alike.
    let t = performance.now()
    metalIds = await runMetal()
    metalTimes.push(performance.now() - t)
    t = performance.now()
    refIds = runReference()
    refTimes.push(performance.now() - t)
  }
  const same = sameIds(metalIds, refIds) && metalIds.length === 50
  const metalMs = median(metalTimes)
  const refMs = median(refTimes)
  const ratio = refMs / metalMs
  const ok = same && ratio >= TARGET_QUERY
  const matchCount = plain.filter(sift<PlainDoc>({ status: 'active', age: { $gt: 30 } })).length
  rows.push({
    figure: `a. query over ${N / 1000}k docs`,
    metal: ms(metalMs),
    reference: ms(refMs),
    ratio: `${x(ratio)} faster`,
    target: `>= ${TARGET_QUERY}x`,
    result: verdict(ok) + (same ? ' (same 50 ids)' : ' (IDS DIFFER)'),
    notes: [
      `Metal: users.where('status','==','active').where('age','>',30).orderBy('score','desc').limit(50).get()`,
      `reference: plain.filter(sift({status:'active', age:{$gt:30}})).sort(score desc, age desc, id desc).slice(0, 50)`,
      `${matchCount} of ${N} docs match; median of ${QUERY_RUNS} interleaved runs after ${QUERY_WARMUP} warm-up runs each`,
    ],
  })
  summary.push(
    `query ${N / 1000}k: ${x(ratio)} faster (target >= ${TARGET_QUERY}x) ${verdict(ok)}` +
      (same ? '' : ' (results differ from the reference!)'),
  )
}

// ─── b. Writes with live queries ────────────────────────────────────────────────────────────────

interface LiveSpec {
  label: string
  build: (users: Users) => Query<BenchDoc>
  /** Reference: a sift (MongoDB-style) filter and a sort; the window is the first 50. */
  filter: SiftQuery
  compare: (a: PlainDoc, b: PlainDoc) => number
  /** The equality-filtered group, if any (the reference re-runs only affected groups). */
  group?: number
}

function liveSpecs(): LiveSpec[] {
  const specs: LiveSpec[] = []
  for (let k = 0; k < GROUPS; k++) {
    specs.push({
      label: `group==${k}`,
      build: (u) => u.where('group', '==', k).orderBy('score').limit(50),
      filter: { group: k },
      compare: byScoreAsc,
      group: k,
    })
  }
  specs.push(
    {
      label: 'age>30 by score desc',
      build: (u) => u.where('age', '>', 30).orderBy('score', 'desc').limit(50),
      filter: { age: { $gt: 30 } },
      compare: byScoreAgeDesc,
    },
    {
      label: 'tags array-contains vip by score',
      build: (u) => u.where('tags', 'array-contains', 'vip').orderBy('score').limit(50),
      filter: { tags: 'vip' },
      compare: byScoreAsc,
    },
    {
      label: 'score>=500 by score',
      build: (u) => u.where('score', '>=', 500).orderBy('score').limit(50),
      filter: { score: { $gte: 500 } },
      compare: byScoreAsc,
    },
    {
      label: 'all by score desc',
      build: (u) => u.orderBy('score', 'desc').limit(50),
      filter: {},
      compare: byScoreDesc,
    },
  )
  return specs
}

function runReferenceQuery(
  plain: readonly PlainDoc[],
  test: (d: PlainDoc) => boolean,
  spec: LiveSpec,
): string[] {
  const matches = plain.filter(test)
  matches.sort(spec.compare)
  return matches.slice(0, 50).map((d) => d.id)
}

async function benchLive(users: Users, plain: PlainDoc[]): Promise<void> {
  const specs = liveSpecs()
  const latest: (QuerySnapshot<BenchDoc> | undefined)[] = specs.map(() => undefined)
  let callbacks = 0
  let writeChangedSomething = false
  let changedWrites = 0

  // Subscribe and wait for every first callback.
  const t0 = performance.now()
  let pendingFirst = specs.length
  let allFirst: () => void = () => {}
  const firstDone = new Promise<void>((resolve) => (allFirst = resolve))
  const stops = specs.map((spec, qi) =>
    spec.build(users).subscribe((_changes, snap) => {
      const first = latest[qi] === undefined
      latest[qi] = snap
      if (first) {
        if (--pendingFirst === 0) allFirst()
      } else {
        callbacks++
        writeChangedSomething = true
      }
    }),
  )
  await firstDone
  const subscribeMs = performance.now() - t0
  print(`b. subscribed ${specs.length} live queries in ${ms(subscribeMs)}; writing…`)

  // The writes: even ones pull a random document into its group's window (low score), odd ones
  // push a document that is in a window out of it (random score); every 10th also moves the
  // document to another group. Each write is applied to the plain array too. On a sample of the
  // writes the reference runs right after Metal's write (interleaved, so load on the machine
  // hits both alike): it re-runs every affected query, i.e. the old and new group's query and
  // every query without an equality filter. Only the awaited update() is timed for Metal.
  const r = rng(7)
  const idIndex = (id: string): number => Number(id.slice(1))
  const tests = specs.map((s) => sift<PlainDoc>(s.filter as Parameters<typeof sift<PlainDoc>>[0]))
  const sampleEvery = Math.max(1, Math.floor(WRITES / REFERENCE_SAMPLES))
  const refTimes: number[] = []
  let refQueriesRun = 0
  let metalTotalMs = 0
  for (let w = 0; w < WRITES; w++) {
    let i: number
    let score: number
    if (w % 2 === 0) {
      i = Math.floor(r() * N)
      score = Math.round(r() * 5000) / 100
    } else {
      const snap = latest[Math.floor(r() * GROUPS)] as QuerySnapshot<BenchDoc>
      const doc = snap.docs[Math.floor(r() * snap.size)]
      i = doc ? idIndex(doc.id) : Math.floor(r() * N)
      score = Math.round(r() * 100_000) / 100
    }
    const patch: Partial<BenchDoc> =
      w % 10 === 5 ? { score, group: Math.floor(r() * GROUPS) } : { score }
    writeChangedSomething = false
    const t = performance.now()
    await users.doc(idOf(i)).update(patch)
    metalTotalMs += performance.now() - t
    if (writeChangedSomething) changedWrites++

    const doc = plain[i] as PlainDoc
    const oldGroup = doc.group
    Object.assign(doc, patch)
    if (w % sampleEvery !== 0) continue
    const tr = performance.now()
    for (let qi = 0; qi < specs.length; qi++) {
      const spec = specs[qi] as LiveSpec
      if (spec.group !== undefined && spec.group !== oldGroup && spec.group !== doc.group) continue
      runReferenceQuery(plain, tests[qi] as (d: PlainDoc) => boolean, spec)
      refQueriesRun++
    }
    refTimes.push(performance.now() - tr)
  }
  await settle()
  const metalPerWrite = metalTotalMs / WRITES
  const refPerWrite = refTimes.reduce((a, b) => a + b, 0) / refTimes.length

  // Verify: every live result equals a fresh get() and the reference over the replayed array.
  let equalGet = 0
  let equalRef = 0
  for (let qi = 0; qi < specs.length; qi++) {
    const spec = specs[qi] as LiveSpec
    const live = (latest[qi] as QuerySnapshot<BenchDoc>).docs.map((d) => d.id)
    const fresh = (await spec.build(users).get()).docs.map((d) => d.id)
    const ref = runReferenceQuery(plain, tests[qi] as (d: PlainDoc) => boolean, spec)
    if (sameIds(live, fresh)) equalGet++
    if (sameIds(live, ref)) equalRef++
  }
  for (const stop of stops) stop()
  const verified = equalGet === specs.length && equalRef === specs.length

  const ratio = refPerWrite / metalPerWrite
  const ok = verified && ratio >= TARGET_LIVE
  rows.push({
    figure: `b. ${WRITES / 1000}k writes, ${specs.length} live queries`,
    metal: `${ms(metalPerWrite)}/write`,
    reference: `${ms(refPerWrite)}/write`,
    ratio: `${x(ratio)} faster`,
    target: `>= ${TARGET_LIVE}x`,
    result: verdict(ok) + (verified ? ' (live == get() == reference)' : ' (RESULTS DIFFER)'),
    notes: [
      `Metal: ${WRITES} doc(id).update({score[, group]}) awaited one by one, ${ms(metalTotalMs)} in all, with ` +
        `${GROUPS} where('group','==',k).orderBy('score').limit(50) and ${specs.length - GROUPS} ` +
        `non-equality queries subscribed (subscribing took ${ms(subscribeMs)})`,
      `  ${changedWrites} of ${WRITES} writes changed a live result; ${callbacks} listener callbacks`,
      `reference: after each write, re-run the affected queries (old and new group's query + the ` +
        `${specs.length - GROUPS} without an equality filter) as sift filter + sort + slice(0, 50) of the ${N / 1000}k array`,
      `  measured on ${refTimes.length} of ${WRITES} writes (every ${sampleEvery}th, right after Metal's write; ` +
        `${(refQueriesRun / refTimes.length).toFixed(1)} queries each) and extrapolated per write: ` +
        `${ms(refPerWrite * WRITES)} for all ${WRITES}`,
      `verified: ${equalGet}/${specs.length} live results equal a fresh get(), ` +
        `${equalRef}/${specs.length} equal the reference over the replayed array`,
    ],
  })
  summary.push(
    `live writes ${WRITES / 1000}k x ${specs.length} queries: ${x(ratio)} faster (target >= ${TARGET_LIVE}x) ${verdict(ok)}` +
      (verified ? '' : ' (live results differ from get()/reference!)'),
  )
}

// ─── d. A live count through writes ─────────────────────────────────────────────────────────────

async function benchCount(users: Users, plain: PlainDoc[]): Promise<void> {
  // Each write flips a random document between 'active' and another status, so every write
  // changes the count by one; Metal's time per write runs from update() to the count callback.
  const filter = { status: 'active' }
  const test = sift<PlainDoc>(filter)
  const counts: number[] = []
  let wake: () => void = () => {}
  const stop = users.where('status', '==', 'active').subscribeCount((n) => {
    counts.push(n)
    wake()
  })
  const next = (): Promise<void> => new Promise((resolve) => (wake = resolve))
  await next()
  let expected = counts[0] as number

  const r = rng(11)
  const sampleEvery = Math.max(1, Math.floor(WRITES / REFERENCE_SAMPLES))
  const refTimes: number[] = []
  const loopTimes: number[] = []
  let metalTotalMs = 0
  let refCount = 0
  for (let w = 0; w < WRITES; w++) {
    const i = Math.floor(r() * N)
    const doc = plain[i] as PlainDoc
    const status = doc.status === 'active' ? 'inactive' : 'active'
    expected += status === 'active' ? 1 : -1
    const arrived = next()
    const t = performance.now()
    await users.doc(idOf(i)).update({ status })
    await arrived
    metalTotalMs += performance.now() - t
    doc.status = status
    if (w % sampleEvery !== 0) continue
    const tr = performance.now()
    refCount = plain.filter(test).length
    refTimes.push(performance.now() - tr)
    // A hand-written loop too, for scale: the cheapest possible re-count.
    const tl = performance.now()
    let n = 0
    for (let k = 0; k < plain.length; k++) if ((plain[k] as PlainDoc).status === 'active') n++
    loopTimes.push(performance.now() - tl)
    if (n !== refCount) throw new Error(`loop count ${n} differs from sift count ${refCount}`)
  }
  const loopPerWrite = loopTimes.reduce((a, b) => a + b, 0) / loopTimes.length
  stop()
  const live = counts[counts.length - 1] as number
  const fresh = await users.where('status', '==', 'active').count()
  const reference = plain.filter(test).length
  const verified =
    live === expected && live === fresh && live === reference && counts.length === WRITES + 1
  const metalPerWrite = metalTotalMs / WRITES
  const refPerWrite = refTimes.reduce((a, b) => a + b, 0) / refTimes.length
  const ratio = refPerWrite / metalPerWrite
  const ok = verified && ratio >= TARGET_COUNT
  rows.push({
    figure: `d. live count, ${WRITES / 1000}k writes`,
    metal: `${ms(metalPerWrite)}/write`,
    reference: `${ms(refPerWrite)}/write`,
    ratio: `${x(ratio)} faster`,
    target: `>= ${TARGET_COUNT}x`,
    result: verdict(ok) + (verified ? ' (live == count() == reference)' : ' (COUNTS DIFFER)'),
    notes: [
      `Metal: users.where('status','==','active').subscribeCount(cb) over ${N / 1000}k docs; ` +
        `${WRITES} doc(id).update({status}) each flipping a doc in or out, timed from update() ` +
        `to the callback with the new count (${ms(metalTotalMs)} in all, ${counts.length - 1} callbacks)`,
      `reference: after each write, re-count plain.filter(sift({status:'active'})).length over ` +
        `the ${N / 1000}k array; measured on ${refTimes.length} of ${WRITES} writes (every ` +
        `${sampleEvery}th) and extrapolated per write (last sampled count ${refCount})`,
      `  for scale, a hand-written for-loop re-count took ${ms(loopPerWrite)}/write ` +
        `(${x(loopPerWrite / metalPerWrite)} Metal's time)`,
      `verified: final live count ${live}, fresh count() ${fresh}, reference ${reference}, ` +
        `expected ${expected}`,
    ],
  })
  summary.push(
    `live count ${WRITES / 1000}k writes: ${x(ratio)} faster (target >= ${TARGET_COUNT}x) ${verdict(ok)}` +
      (verified ? '' : ' (counts differ!)'),
  )
}

const order = (line: string): number =>
  ['query', 'live writes', 'heap', 'live count'].findIndex((p) => line.startsWith(p))

// ─── Main ───────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const sample = makeDocJson(1000)
  const avgBytes = sample.reduce((a, j) => a + j.length, 0) / sample.length
  print(
    `@metal/core benchmark — node ${process.version}, ${N} docs (~${Math.round(avgBytes)} B JSON each), ` +
      `${WRITES} writes; references run in this process`,
  )
  await warmUp()
  const { plain, metal, users } = await measureHeap()
  await benchQuery(users, plain)
  await benchLive(users, plain)
  await benchCount(users, plain)
  metal.close()

  rows.sort((a, b) => a.figure.localeCompare(b.figure)) // a, b, c, d
  summary.sort((a, b) => order(a) - order(b))
  print('')
  printTable(
    ['figure', 'Metal', 'reference (same run)', 'ratio', 'target', 'result'],
    rows.map((r) => [r.figure, r.metal, r.reference, r.ratio, r.target, r.result]),
  )
  print('')
  for (const r of rows) {
    print(`${r.figure}:`)
    for (const note of r.notes) print(`  ${note}`)
  }
  print('')
  for (const line of summary) print(line)
  const missed = summary.filter((l) => !l.includes(' PASS'))
  print(missed.length === 0 ? 'all targets met' : `MISS: ${missed.length} target(s) missed`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
