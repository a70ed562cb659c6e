import { PresenceRelay, type ChannelLike, type PresenceHub } from '@metal/core/server'
import type { SqlDriver } from './sql/driver.js'

// Presence across server processes: each process relays its connections' presence to the
// others through PostgreSQL notifications on one channel (PGlite: the processes of this one
// database in this process). Nothing is stored: presence is ephemeral.

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7900

interface Bus {
  readonly projects: Map<string, Set<(message: unknown) => void>>
  readonly ready: Promise<() => Promise<void>>
}

const buses = new WeakMap<SqlDriver, Bus>()

function bus(db: SqlDriver): Bus {
  let b = buses.get(db)
  if (!b) {
    const projects = new Map<string, Set<(message: unknown) => void>>()
    const ready = db.listen('metal_presence', (payload) => {
      let parsed: { p?: unknown; m?: unknown }
      try {
        parsed = JSON.parse(payload) as { p?: unknown; m?: unknown }
      } catch {
        return
      }
      if (typeof parsed.p !== 'string') return
      for (const receive of projects.get(parsed.p) ?? []) receive(parsed.m)
    })
    buses.set(db, (b = { projects, ready }))
  }
  return b
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
      const payload = JSON.stringify({ p: projectId, m: message })
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) return // too large to relay: local only
      db.query(`select pg_notify('metal_presence', $1)`, [payload]).catch(() => {})
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
