import {
  MISSED_MESSAGES,
  PresenceRelay,
  type ChannelLike,
  type PresenceHub,
} from '@metal/core/server'
import type { SqlDriver } from './sql/driver.js'

// Presence across server processes: each process relays its connections' presence to the
// others through PostgreSQL notifications on one channel (PGlite: the processes of this one
// database in this process). Nothing is stored: presence is ephemeral.
//
// Order matters (a member's later state must not be overtaken by an earlier one), and a pool
// sends each statement on whichever connection is free, where two notifications commit in any
// order. So a process sends its notifications one after the other. A message too large for one
// notification (PostgreSQL takes under 8000 bytes) goes in numbered parts, sent in a row, that
// the other processes put back together.

/** Characters of a message's JSON per notification: under 8000 bytes even if each one escapes to 6. */
const PART_CHARS = 1200
/** Messages being put back together at once (from processes that died mid-message, the oldest go). */
const MAX_PARTIAL = 256

interface Bus {
  readonly projects: Map<string, Set<(message: unknown) => void>>
  readonly ready: Promise<() => Promise<void>>
  /** The last notification sent: the next one waits for it. */
  tail: Promise<void>
}

/** A notification: one project's message whole (`m`), or part `i` of `n` of message `k` (`d`). */
interface Notification {
  p?: unknown
  m?: unknown
  k?: unknown
  i?: unknown
  n?: unknown
  d?: unknown
}

const buses = new WeakMap<SqlDriver, Bus>()
const sender = Math.random().toString(36).slice(2)
let sent = 0

function bus(db: SqlDriver): Bus {
  let b = buses.get(db)
  if (!b) {
    const projects = new Map<string, Set<(message: unknown) => void>>()
    const partial = new Map<string, string[]>()
    const deliver = (project: unknown, message: unknown) => {
      if (typeof project !== 'string') return
      for (const receive of projects.get(project) ?? []) receive(message)
    }
    const ready = db.listen('metal_presence', (payload) => {
      if (payload === '') {
        // The listener was lost and made again: what was sent meanwhile is gone. Every relay
        // announces its members again and asks for the others'.
        partial.clear()
        for (const [project] of projects) deliver(project, MISSED_MESSAGES)
        return
      }
      let note: Notification
      try {
        note = JSON.parse(payload) as Notification
      } catch {
        return
      }
      if (typeof note.k !== 'string') {
        deliver(note.p, note.m)
        return
      }
      const { k, i, n, d } = note
      if (typeof i !== 'number' || typeof n !== 'number' || typeof d !== 'string') return
      let parts = partial.get(k)
      if (!parts) {
        if (i !== 0) return // its start was missed (this process started listening since)
        if (partial.size >= MAX_PARTIAL) partial.delete(partial.keys().next().value as string)
        partial.set(k, (parts = []))
      }
      if (i !== parts.length) {
        partial.delete(k) // parts of one message arrive in order; anything else is broken
        return
      }
      parts.push(d)
      if (parts.length < n) return
      partial.delete(k)
      let message: unknown
      try {
        message = JSON.parse(parts.join(''))
      } catch {
        return
      }
      deliver(note.p, message)
    })
    buses.set(db, (b = { projects, ready, tail: Promise.resolve() }))
  }
  return b
}

/** The notifications that carry `message` of `projectId`. */
function notifications(projectId: string, message: unknown): string[] {
  const whole = JSON.stringify({ p: projectId, m: message })
  if (whole.length <= PART_CHARS) return [whole]
  const text = JSON.stringify(message)
  const k = `${sender}.${++sent}`
  const n = Math.ceil(text.length / PART_CHARS)
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({ p: projectId, k, i, n, d: text.slice(i * PART_CHARS, (i + 1) * PART_CHARS) }),
  )
}

/** A channel of one project's presence messages between the processes on `db`. */
async function channel(db: SqlDriver, projectId: string): Promise<ChannelLike> {
  const b = bus(db)
  await b.ready
  let receivers = b.projects.get(projectId)
  if (!receivers) b.projects.set(projectId, (receivers = new Set()))
  const set = receivers
  const ch: ChannelLike = {
    onmessage: null,
    postMessage(message) {
      const payloads = notifications(projectId, message)
      b.tail = b.tail.then(async () => {
        try {
          for (const payload of payloads) {
            await db.query(`select pg_notify('metal_presence', $1)`, [payload])
          }
        } catch {
          // The database is unreachable: the others time this member out by its heartbeat.
        }
      })
    },
    close() {
      set.delete(receive)
    },
  }
  const receive = (message: unknown) => ch.onmessage?.({ data: message })
  set.add(receive)
  return ch
}

/** The presence relay of one project on `db` (ServerCore's `presenceRelay` option). */
export async function presenceRelay(
  db: SqlDriver,
  projectId: string,
  hub: PresenceHub,
  now: (() => number) | undefined,
): Promise<PresenceRelay> {
  return new PresenceRelay(await channel(db, projectId), () => hub, projectId, now ?? Date.now)
}

/** Resolves once every presence notification this process queued on `db` has been sent. */
export async function presenceSent(db: SqlDriver): Promise<void> {
  await buses.get(db)?.tail
}
