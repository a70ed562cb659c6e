// Load generator child of the rules benchmark: signed-in subscribers, several live queries per
// socket, and one signed-in writer that sends a burst of commits at once. In a process of its
// own, so that the server under test has its own event loop.

import { serveParent } from '../shared/child.js'
import { until } from '../shared/stats.js'
import { MetalSocket, equalityQuery, setFrame } from '../wire/metalSocket.js'

interface SubscribeArgs {
  /** Which server's set of subscribers (several can be open at once). */
  set: string
  url: string
  project: string
  /** Sockets, each signed in as `user` with `perSocket` live queries. */
  sockets: number
  perSocket: number
  user: string
  collection: string
  /** Sockets opened at once. */
  batch: number
}

interface BurstArgs {
  set: string
  count: number
  collection: string
  user: string
  docs: number
  textBytes: number
}

/** What a burst reports. */
export interface BurstResult {
  sent: number
  acked: number
  errors: number
  expected: number
  delivered: number
  /** From the first send to the last delivery. */
  ms: number
  /** Deliveries per second over `ms`. */
  rate: number
}

/** One server's subscribers and writer. */
interface LoadSet {
  sockets: MetalSocket[]
  writer: MetalSocket | undefined
  subscribers: number
}

const sets = new Map<string, LoadSet>()
/** The set whose deliveries are being counted. */
let counting: string | undefined
let delivered = 0
let lastArrival = 0
const runId = Math.random().toString(36).slice(2, 8)
let bursts = 0

/** A socket signed in as `user` (custom token: the user's id). */
async function signedIn(url: string, project: string, user: string): Promise<MetalSocket> {
  const s = await MetalSocket.open(url, project)
  await s.request({ type: 'authenticate', credential: { type: 'custom', token: user } })
  return s
}

function setOf(name: string): LoadSet {
  let set = sets.get(name)
  if (!set) sets.set(name, (set = { sockets: [], writer: undefined, subscribers: 0 }))
  return set
}

/** Each pushed document carries `"t":`: a push of several changes counts each. */
function onPush(name: string, text: string): void {
  if (name !== counting) return
  let at = text.indexOf('"t":')
  while (at >= 0) {
    delivered++
    at = text.indexOf('"t":', at + 4)
  }
  lastArrival = performance.now()
}

async function subscribe(a: SubscribeArgs): Promise<{ subscribers: number; ms: number }> {
  const start = performance.now()
  const set = setOf(a.set)
  const query = equalityQuery(a.collection, 'userId', a.user)
  for (let i = 0; i < a.sockets; i += a.batch) {
    const opening: Promise<void>[] = []
    for (let k = i; k < Math.min(a.sockets, i + a.batch); k++) {
      opening.push(
        (async () => {
          const s = await signedIn(a.url, a.project, a.user)
          for (let t = 1; t <= a.perSocket; t++) await s.listen(t, query)
          s.onPushText = (text) => onPush(a.set, text)
          set.sockets.push(s)
          set.subscribers += a.perSocket
        })(),
      )
    }
    await Promise.all(opening)
  }
  return { subscribers: set.subscribers, ms: performance.now() - start }
}

async function openWriter(a: { set: string; url: string; project: string; user: string }) {
  setOf(a.set).writer = await signedIn(a.url, a.project, a.user)
  return { ok: true }
}

/** Listens as `user` to another user's documents; resolves with the refusal (or 'allowed'). */
async function probe(a: { url: string; project: string; user: string; other: string }) {
  const s = await signedIn(a.url, a.project, a.user)
  try {
    await s.listen(1, equalityQuery('tasks', 'userId', a.other))
    return { answer: 'allowed' }
  } catch (error) {
    return { answer: (error as Error).message }
  } finally {
    await s.close()
  }
}

async function burst(a: BurstArgs): Promise<BurstResult> {
  const set = setOf(a.set)
  const w = set.writer
  if (!w) throw new Error('burst: no writer')
  bursts++
  let acked = 0
  let errors = 0
  w.onAnswer = (_id, error) => {
    if (error) errors++
    else acked++
  }
  delivered = 0
  counting = a.set
  const expected = a.count * set.subscribers
  const text = 'x'.repeat(a.textBytes)
  const start = performance.now()
  for (let i = 0; i < a.count; i++) {
    const data = { userId: a.user, n: i, t: performance.now(), text }
    w.sendFrame(
      setFrame(w.takeId(), a.collection, `d${i % a.docs}`, data, `r${runId}-${bursts}-${i}`),
    )
  }
  await until(() => acked + errors >= a.count && delivered >= expected, 120_000)
  counting = undefined
  const ms = lastArrival - start
  return {
    sent: a.count,
    acked,
    errors,
    expected,
    delivered,
    ms,
    rate: ms > 0 ? (delivered / ms) * 1000 : NaN,
  }
}

async function close(): Promise<{ closed: number }> {
  let n = 0
  for (const set of sets.values()) {
    for (const s of set.sockets) s.ws.terminate()
    set.writer?.ws.terminate()
    n += set.sockets.length
  }
  sets.clear()
  return { closed: n }
}

serveParent({ subscribe, writer: openWriter, probe, burst, close })
