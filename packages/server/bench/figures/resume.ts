// Figure 4: resume after 1,000 missed changes. A raw socket listens to `where('live', '==',
// true)` over ~2,000 documents, disconnects; 1,000 single-document commits follow (updates,
// inserts, documents leaving and entering the result, deletes); it reconnects and listens with
// its resume token. Catch-up: from opening the new socket to holding the resumed push (connect,
// hello, listen). Every repetition checks that nothing is lost or repeated: the state rebuilt
// from the old state and the delta equals a fresh query (through a real `Metal` client), the
// delta holds exactly the documents that changed (no more, no less), and the next live change
// arrives once. Reference: a fresh full listen of the same result on a new socket.

import { Metal } from '@metal/core'
import { WebSocket } from 'ws'
import type { StoredDoc } from '@metal/core/engine'
import { PROJECT, startMetal, type BenchContext } from '../shared/context.js'
import { addNote, addRow, verdict } from '../shared/report.js'
import { ms, print, sleep, spread, times, until } from '../shared/stats.js'
import { MetalSocket, equalityQuery, type TargetPush } from '../wire/metalSocket.js'

const REPETITIONS = Number(process.env.BENCH_RESUME_REPS ?? 20)
const MISSED = 1000
const DOCS = 2000
const ID_SPACE = 2400
const WRITERS = 8
const TARGET_P99 = 100
const COLLECTION = 'resume'
const QUERY = equalityQuery(COLLECTION, 'live', true)
const TEXT = 'r'.repeat(64)

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Write = { id: string; data: Record<string, unknown> | null }

/** Commits each write as its own commit, pipelined over the writer sockets. */
async function commitAll(writers: MetalSocket[], writes: readonly Write[]): Promise<void> {
  await Promise.all(
    writes.map((w, i) =>
      writers[i % writers.length]!.request({
        type: 'commit',
        writes: [
          w.data
            ? { op: 'set', collection: COLLECTION, id: w.id, data: w.data }
            : { op: 'delete', collection: COLLECTION, id: w.id },
        ],
        mutationId: `resume-${Math.random().toString(36).slice(2)}-${i}`,
      }),
    ),
  )
}

/** A subscriber's view: its documents (by id) and its last resume token. */
interface View {
  docs: Map<string, StoredDoc>
  token: string
}

function follow(socket: MetalSocket, view: View, pushes: TargetPush[]): void {
  socket.onPush = (push) => {
    if (push.type !== 'target') return
    pushes.push(push)
    for (const d of push.upserts) view.docs.set(d.id, d)
    for (const id of push.removes) view.docs.delete(id)
    if (push.resume) view.token = push.resume
  }
}

/** What is wrong with a resumed delta, or '' when it is exact. */
function checkDelta(
  before: ReadonlyMap<string, StoredDoc>,
  delta: TargetPush,
  fresh: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, StoredDoc>,
): string {
  if (!delta.resumed) return `not resumed (initial: ${String(delta.initial)})`
  const ids = [...delta.upserts.map((d) => d.id), ...delta.removes]
  if (new Set(ids).size !== ids.length) return 'an id appears twice in the delta'
  // The state rebuilt from the old state and the delta is the fresh result.
  if (after.size !== fresh.size) return `rebuilt ${after.size} documents, fresh query ${fresh.size}`
  for (const [id, doc] of after) {
    if (!fresh.has(id)) return `rebuilt state has ${id}, the fresh query has not`
    if (doc.data.n !== fresh.get(id))
      return `${id}: rebuilt n=${String(doc.data.n)}, fresh n=${String(fresh.get(id))}`
  }
  // Exactly the changed documents are sent: nothing unchanged repeated, nothing changed lost.
  const expected = [...after.values()].filter((d) => before.get(d.id)?.version !== d.version)
  if (delta.upserts.length !== expected.length) {
    return `${delta.upserts.length} upserts, ${expected.length} documents changed in the result`
  }
  for (const id of before.keys()) {
    if (!fresh.has(id) && !delta.removes.includes(id)) return `${id} left but was not removed`
  }
  return ''
}

export async function resumeFigure(ctx: BenchContext): Promise<void> {
  const { server, url } = await startMetal(ctx.databaseUrl)
  const client = new Metal({ apiKey: 'bench', projectId: PROJECT, url, WebSocket })
  const writers = await Promise.all(
    Array.from({ length: WRITERS }, () => MetalSocket.open(url, PROJECT)),
  )
  const sockets: MetalSocket[] = [...writers]
  try {
    const rnd = random(42)
    const seed: Write[] = []
    for (let i = 0; i < DOCS; i++)
      seed.push({ id: `r${i}`, data: { live: true, n: -1 - i, text: TEXT } })
    for (let i = 0; i < seed.length; i += 250) {
      await writers[0]!.request({
        type: 'commit',
        writes: seed.slice(i, i + 250).map((w) => ({
          op: 'set' as const,
          collection: COLLECTION,
          id: w.id,
          data: w.data as Record<string, unknown>,
        })),
      })
    }
    let socket = await MetalSocket.open(url, PROJECT)
    sockets.push(socket)
    const first = await socket.listen(1, QUERY)
    const view: View = { docs: new Map(first.upserts.map((d) => [d.id, d])), token: first.resume! }
    let pushes: TargetPush[] = []
    follow(socket, view, pushes)

    const catchUp: number[] = []
    const fresh: number[] = []
    const problems: string[] = []
    let deltaSizes = 0
    let n = 0
    for (let rep = 0; rep < REPETITIONS; rep++) {
      await socket.close()
      const before = new Map(view.docs)
      const missed: Write[] = []
      for (let k = 0; k < MISSED; k++) {
        const id = `r${Math.floor(rnd() * ID_SPACE)}`
        missed.push({ id, data: rnd() < 0.1 ? null : { live: rnd() < 0.85, n: n++, text: TEXT } })
      }
      await commitAll(writers, missed)

      const t0 = performance.now()
      socket = await MetalSocket.open(url, PROJECT)
      const delta = await socket.listen(1, QUERY, view.token)
      catchUp.push(performance.now() - t0)
      sockets.push(socket)
      for (const d of delta.upserts) view.docs.set(d.id, d)
      for (const id of delta.removes) view.docs.delete(id)
      if (delta.resume) view.token = delta.resume
      deltaSizes += delta.upserts.length + delta.removes.length

      // The reference: a fresh full listen of the same result.
      const t1 = performance.now()
      const other = await MetalSocket.open(url, PROJECT)
      const whole = await other.listen(1, QUERY)
      fresh.push(performance.now() - t1)
      await other.close()

      const snap = await client.db().collection(COLLECTION).where('live', '==', true).get()
      const freshDocs = new Map(snap.docs.map((d) => [d.id, (d.data() as { n: number }).n]))
      let problem = checkDelta(before, delta, freshDocs, view.docs)
      if (!problem && whole.upserts.length !== freshDocs.size) {
        problem = `fresh listen has ${whole.upserts.length} documents, the query ${freshDocs.size}`
      }
      // The next change arrives once, and alone (nothing missed is replayed after the delta).
      pushes = []
      follow(socket, view, pushes)
      const target = [...view.docs.keys()][0]!
      await commitAll(writers, [{ id: target, data: { live: true, n: n++, text: TEXT } }])
      await until(() => pushes.length > 0, 5000)
      await sleep(20) // room for a repeated push to show up
      const ids = pushes.flatMap((p) => [...p.upserts.map((d) => d.id), ...p.removes])
      if (!problem && (ids.length !== 1 || ids[0] !== target)) {
        problem = `after the resume, the next change came as ${JSON.stringify(ids).slice(0, 120)}`
      }
      if (problem) problems.push(`repetition ${rep + 1}: ${problem}`)
    }
    const c = spread(catchUp)
    const f = spread(fresh)
    print(
      `    catch-up p50 ${ms(c.p50)} p99 ${ms(c.p99)}; fresh listen p50 ${ms(f.p50)} p99 ${ms(f.p99)}`,
    )
    addRow({
      figure: `4. resume after ${MISSED.toLocaleString('en-US')} missed changes, ${REPETITIONS} reps (PG)`,
      metal: `p50 ${ms(c.p50)} / p99 ${ms(c.p99)}`,
      reference: `p50 ${ms(f.p50)} / p99 ${ms(f.p99)} fresh listen`,
      ratio: `${times(c.p50 / f.p50)} / ${times(c.p99 / f.p99)}`,
      target: `p99 ≤ ${TARGET_P99} ms, exact`,
      result: problems.length ? 'FAIL' : verdict(c.p99 <= TARGET_P99),
    })
    addNote(
      `4: result ≈ ${view.docs.size} of ${ID_SPACE} ids; each delta ${Math.round(deltaSizes / REPETITIONS)} ` +
        `ids on average (upserts + removes); every repetition compared with a fresh query through ` +
        `a Metal client: ${problems.length ? problems.slice(0, 3).join('; ') : 'nothing lost or repeated'}`,
    )
  } finally {
    client.close()
    await Promise.all(sockets.map((s) => s.close()))
    await server.close()
  }
}
