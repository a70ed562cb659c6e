// Load generator child (figures 1–3): subscribers and writers on raw sockets, in a process of
// their own so that the server under test has its own event loop. Writers and subscribers share
// this process's clock: each written document carries its send time `t` (performance.now()), and
// a subscriber's latency is its arrival time minus `t`.

import WebSocket from 'ws'
import { serveParent } from '../shared/child.js'
import { spread, steady, until, type Spread } from '../shared/stats.js'
import { MetalSocket, equalityQuery, sentAt, setFrame } from '../wire/metalSocket.js'

/** 'metal': a Metal server over its wire frames; 'raw': the reference fan-out server. */
type Mode = 'metal' | 'raw'

interface SubscribeArgs {
  mode: Mode
  url: string
  project: string
  clients: number
  perClient: number
  groups: number
  collection: string
  field: string
  batch: number
}

interface RunArgs {
  mode: Mode
  rate: number
  durationMs: number
  warmupMs: number
  groups: number
  collection: string
  field: string
  docsPerGroup: number
  textBytes: number
  /** Keep every latency (figure 1) or only count deliveries (figure 3 keeps a sample). */
  sampleEvery: number
}

/** What `run` reports. */
export interface RunResult {
  sent: number
  expected: number
  delivered: number
  acked: number
  errors: number
  latency: Spread
  /** Deliveries per second from the first measured send to the last delivery. */
  deliveryRate: number
}

interface CommitArgs {
  url: string
  project: string
  writers: number
  window: number
  durationMs: number
  warmupMs: number
  collection: string
  docs: number
}

/** What `commits` reports. */
export interface CommitResult {
  commits: number
  perSecond: number
  errors: number
  latency: Spread
}

const subscribers: { close(): void }[] = []
const metalWriters: MetalSocket[] = []
const rawWriters: WebSocket[] = []
/** Subscribers per group. */
let fanout: number[] = []

let recording = false
let measureFrom = Infinity
let delivered = 0
let lastArrival = 0
let sampleEvery = 1
let latencies: number[] = []

/** Counts deliveries of warm-up writes while set. */
let countWarm: (() => void) | undefined

function onDelivery(text: string): void {
  const now = performance.now()
  const t = sentAt(text)
  if (!recording) return
  if (!(t >= measureFrom)) {
    countWarm?.()
    return
  }
  if (delivered++ % sampleEvery === 0) latencies.push(now - t)
  lastArrival = now
}

function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

async function subscribeOne(a: SubscribeArgs, i: number): Promise<void> {
  const groups: number[] = []
  for (let j = 0; j < a.perClient; j++) groups.push((i * a.perClient + j) % a.groups)
  for (const g of groups) fanout[g] = (fanout[g] ?? 0) + 1
  if (a.mode === 'metal') {
    const s = await MetalSocket.open(a.url, a.project)
    await Promise.all(
      groups.map((g, j) => s.listen(j + 1, equalityQuery(a.collection, a.field, g))),
    )
    s.onPushText = onDelivery
    subscribers.push({ close: () => s.ws.terminate() })
    return
  }
  const ws = await rawSocket(a.url)
  await new Promise<void>((resolve) => {
    ws.once('message', () => resolve())
    ws.send(JSON.stringify({ sub: groups }))
  })
  ws.on('message', (d) => onDelivery(d.toString()))
  subscribers.push({ close: () => ws.terminate() })
}

async function subscribe(a: SubscribeArgs): Promise<{ subscribers: number; ms: number }> {
  const start = performance.now()
  fanout = new Array<number>(a.groups).fill(0)
  for (let i = 0; i < a.clients; i += a.batch) {
    const batch: Promise<void>[] = []
    for (let k = i; k < Math.min(a.clients, i + a.batch); k++) batch.push(subscribeOne(a, k))
    await Promise.all(batch)
  }
  return { subscribers: subscribers.length, ms: performance.now() - start }
}

let acked = 0
let errors = 0

async function writers(a: { mode: Mode; url: string; project: string; count: number }) {
  for (let i = 0; i < a.count; i++) {
    if (a.mode === 'metal') {
      const s = await MetalSocket.open(a.url, a.project)
      s.onAnswer = (_id, error) => {
        if (error) errors++
        else acked++
      }
      metalWriters.push(s)
    } else rawWriters.push(await rawSocket(a.url))
  }
  return { writers: a.count }
}

const runId = Math.random().toString(36).slice(2, 8)
let runs = 0

async function run(a: RunArgs): Promise<RunResult> {
  runs++
  const text = 'x'.repeat(a.textBytes)
  const warmup = Math.round((a.rate * a.warmupMs) / 1000)
  latencies = []
  delivered = 0
  acked = errors = 0
  sampleEvery = a.sampleEvery
  recording = true
  measureFrom = Infinity
  let expected = 0
  let warmExpected = 0
  let warmDelivered = 0
  const send = (i: number): void => {
    const g = i % a.groups
    const id = `d${g}-${Math.floor(i / a.groups) % a.docsPerGroup}`
    const t = performance.now()
    if (i === warmup) measureFrom = t
    if (i >= warmup) expected += fanout[g] ?? 0
    else warmExpected += fanout[g] ?? 0
    const data = { [a.field]: g, n: i, t, text }
    if (a.mode === 'metal') {
      const w = metalWriters[i % metalWriters.length]!
      w.sendFrame(setFrame(w.takeId(), a.collection, id, data, `m${runId}-${runs}-${i}`))
    } else {
      const w = rawWriters[i % rawWriters.length]!
      w.send(JSON.stringify({ pub: g, doc: { id, data, version: i + 1, updateTime: Date.now() } }))
    }
  }
  // Warm-up writes, then wait until they are all acknowledged and delivered, so that the
  // measured writes start on an idle server.
  countWarm = () => warmDelivered++
  await steady(a.rate, a.warmupMs, send)
  await until(() => warmDelivered >= warmExpected, 30_000)
  if (a.mode === 'metal') await until(() => acked + errors >= warmup, 30_000)
  countWarm = undefined
  const sent = warmup + (await steady(a.rate, a.durationMs, (i) => send(warmup + i)))
  await until(() => delivered >= expected, 15_000)
  if (a.mode === 'metal') await until(() => acked + errors >= sent, 15_000)
  recording = false
  const windowMs = lastArrival - measureFrom
  return {
    sent,
    expected,
    delivered,
    acked,
    errors,
    latency: spread(latencies),
    deliveryRate: windowMs > 0 ? (delivered / windowMs) * 1000 : NaN,
  }
}

async function commits(a: CommitArgs): Promise<CommitResult> {
  const sockets = await Promise.all(
    Array.from({ length: a.writers }, () => MetalSocket.open(a.url, a.project)),
  )
  const text = 'x'.repeat(64)
  let n = 0
  let done = 0
  let failed = 0
  const times: number[] = []
  const start = performance.now()
  const from = start + a.warmupMs
  const end = from + a.durationMs
  let finished = 0
  await new Promise<void>((resolve) => {
    sockets.forEach((s, w) => {
      const sentAt = new Map<number, number>()
      const next = (): void => {
        const now = performance.now()
        if (now >= end) {
          if (sentAt.size === 0 && ++finished === sockets.length) resolve()
          return
        }
        const i = n++
        const id = s.takeId()
        sentAt.set(id, now)
        const docId = `w${w}-${i % a.docs}`
        s.sendFrame(
          setFrame(id, a.collection, docId, { w, n: i, text }, `c${runId}-${runs}-${w}-${i}`),
        )
      }
      s.onAnswer = (id, error) => {
        const now = performance.now()
        const t0 = sentAt.get(id) as number
        sentAt.delete(id)
        if (now >= from && now < end) {
          if (error) failed++
          else {
            done++
            times.push(now - t0)
          }
        }
        next()
      }
      for (let k = 0; k < a.window; k++) next()
    })
  })
  runs++
  await Promise.all(sockets.map((s) => s.close()))
  return {
    commits: done,
    perSecond: (done / a.durationMs) * 1000,
    errors: failed,
    latency: spread(times),
  }
}

async function close(): Promise<{ closed: number }> {
  const count = subscribers.length + metalWriters.length + rawWriters.length
  for (const s of subscribers.splice(0)) s.close()
  for (const s of metalWriters.splice(0)) s.ws.terminate()
  for (const s of rawWriters.splice(0)) s.terminate()
  fanout = []
  return { closed: count }
}

serveParent({ subscribe, writers, run, commits, close })
