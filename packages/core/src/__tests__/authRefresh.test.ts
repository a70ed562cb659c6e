import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Metal, type AuthOptions, type Credential } from '../index.js'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import { faultyBackend } from '../testing/faultyBackend.js'
import type { Backend } from '../protocol/backend.js'

// Session refresh on a fake clock: Date.now and timers are vitest's, so each test states exactly
// when refreshes run, however loaded the machine is.

const opened: (Metal | MemoryBackend)[] = []
let start = 0
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  start = Date.now()
})
afterEach(() => {
  for (const x of opened.splice(0)) x.close()
  vi.useRealTimers()
})

function backend(): MemoryBackend {
  const b = memory({ presenceChannel: false })
  opened.push(b)
  return b
}

function client(on: Backend, auth: AuthOptions): Metal {
  const metal = new Metal({
    backend: on,
    projectId: 'test',
    auth: { persistence: false, ...auth },
    sync: { retryBaseMs: 10 },
    watchBrowserNetwork: false,
  })
  opened.push(metal)
  return metal
}

/** A credential for user u1 whose session lasts `ms` from now. */
const lasting = (ms: number, token = 't'): Credential => ({
  type: 'custom',
  token,
  metadata: { userId: 'u1', expiresAt: Date.now() + ms },
})

function record(metal: Metal): string[] {
  const seen: string[] = []
  metal.auth().onStateChange((_, status, reason) => seen.push(`${status}/${reason}`))
  return seen
}

describe('session refresh', () => {
  it('refreshes a session shorter than the margin half-way through its life, not in a loop', async () => {
    const calls: number[] = []
    const metal = client(backend(), {
      refresh: async () => {
        calls.push(Date.now() - start)
        return lasting(2_000)
      },
    })
    const seen = record(metal)
    await metal.auth().ready
    await metal.auth().authenticate(lasting(2_000)) // default margin: 60 s

    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => s * 1_000))
    expect(metal.auth().status).toBe('signed-in')
    expect(seen.filter((s) => s.endsWith('/refreshed'))).toHaveLength(10)
    expect(seen.some((s) => s.endsWith('/expired'))).toBe(false)
  })

  it('keeps the configured margin for sessions longer than twice the margin', async () => {
    const calls: number[] = []
    const metal = client(backend(), {
      refreshMarginMs: 30_000,
      refresh: async () => {
        calls.push(Date.now() - start)
        return lasting(600_000)
      },
    })
    await metal.auth().ready
    await metal.auth().authenticate(lasting(600_000))
    await vi.advanceTimersByTimeAsync(1_200_000)
    expect(calls).toEqual([570_000, 1_140_000])
  })

  it('runs at most one refresh at a time, even when a reconnect re-checks the session', async () => {
    const faulty = faultyBackend(backend())
    const calls: number[] = []
    let finish: (c: Credential) => void = () => {}
    const metal = client(faulty, {
      refresh: () => {
        calls.push(Date.now() - start)
        return new Promise<Credential>((resolve) => (finish = resolve))
      },
    })
    const seen = record(metal)
    await metal.auth().ready
    await metal.auth().authenticate(lasting(10_000))

    await vi.advanceTimersByTimeAsync(5_000) // the refresh starts, and hangs
    expect(calls).toEqual([5_000])
    faulty.blip() // the client reconnects and presents its credential again
    await vi.advanceTimersByTimeAsync(4_000)
    expect(calls).toEqual([5_000])

    finish(lasting(10_000, 't2'))
    await vi.advanceTimersByTimeAsync(0)
    expect(metal.auth().status).toBe('signed-in')
    expect(seen.at(-1)).toBe('signed-in/refreshed')
    expect(metal.auth().session?.expiresAt).toBe(start + 19_000)
  })

  it('ends the session at expiry while a refresh still hangs, and ignores its late answer', async () => {
    let finish: (c: Credential) => void = () => {}
    const metal = client(backend(), {
      refresh: () => new Promise<Credential>((resolve) => (finish = resolve)),
    })
    const seen = record(metal)
    await metal.auth().ready
    await metal.auth().authenticate(lasting(4_000))
    await vi.advanceTimersByTimeAsync(3_999)
    expect(metal.auth().status).toBe('signed-in')
    await vi.advanceTimersByTimeAsync(1)
    expect(seen.at(-1)).toBe('signed-out/expired')

    finish(lasting(4_000, 't2'))
    await vi.advanceTimersByTimeAsync(0)
    expect(metal.auth().status).toBe('signed-out')
  })

  it('backs off exponentially after failed refreshes until the session expires', async () => {
    const calls: number[] = []
    const metal = client(backend(), {
      refresh: () => {
        calls.push(Date.now() - start)
        return Promise.reject(new Error('token service down'))
      },
    })
    const seen = record(metal)
    await metal.auth().ready
    await metal.auth().authenticate(lasting(120_000)) // refreshed from 60 s before expiry

    await vi.advanceTimersByTimeAsync(119_999)
    expect(calls).toEqual([60_000, 61_000, 63_000, 67_000, 75_000, 91_000])
    expect(metal.auth().status).toBe('signed-in')
    await vi.advanceTimersByTimeAsync(1)
    expect(seen.at(-1)).toBe('signed-out/expired')
    await vi.advanceTimersByTimeAsync(600_000)
    expect(calls).toHaveLength(6)
  })

  it('caps the wait between failed refreshes at 30 s and refreshes as usual after a success', async () => {
    const calls: number[] = []
    let failing = true
    const metal = client(backend(), {
      refreshMarginMs: 300_000,
      refresh: () => {
        calls.push(Date.now() - start)
        return failing ? Promise.reject(new Error('down')) : Promise.resolve(lasting(600_000))
      },
    })
    const seen = record(metal)
    await metal.auth().ready
    await metal.auth().authenticate(lasting(600_000))
    await vi.advanceTimersByTimeAsync(450_000)
    expect(calls.map((t) => t / 1_000)).toEqual([300, 301, 303, 307, 315, 331, 361, 391, 421])

    failing = false
    await vi.advanceTimersByTimeAsync(30_000)
    expect(calls.at(-1)).toBe(451_000)
    expect(seen.at(-1)).toBe('signed-in/refreshed')
    await vi.advanceTimersByTimeAsync(300_000)
    expect(calls.at(-1)).toBe(751_000)
  })
})
