import { expect, onTestFinished } from 'vitest'
import type { Backend, DocumentData, DocumentReference } from '../../index.js'
import { eventually } from './harness.js'

// Backends that hold commits back, and tracking when a promise settles: what the write suites share.

/** Wraps a backend so that commits are held back until `release()` sends them on. */
export function gatedCommits(inner: Backend) {
  const held: (() => void)[] = []
  const backend: Backend = {
    connect(options) {
      const connection = inner.connect(options)
      return {
        request: (message) =>
          message.type === 'commit'
            ? new Promise<void>((resolve) => held.push(resolve)).then(() =>
                connection.request(message),
              )
            : connection.request(message),
        close: () => connection.close(),
      }
    },
  }
  return {
    backend,
    get held(): number {
      return held.length
    },
    release(): void {
      for (const send of held.splice(0)) send()
    },
  }
}

/** Tracks whether a promise has settled. */
export function track(promise: Promise<unknown>): { readonly settled: boolean } {
  const state = { settled: false }
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  )
  return state
}

export interface DocCall {
  changes: string[]
  exists: boolean
  data: DocumentData | undefined
  pending: boolean
}

/** Subscribes to a document, waits for the first callback, and records every callback. */
export async function watchDoc(ref: DocumentReference): Promise<DocCall[]> {
  const calls: DocCall[] = []
  const stop = ref.subscribe((changes, snap) =>
    calls.push({
      changes: changes.map((c) => c.type),
      exists: snap.exists,
      // A pending serverTimestamp() as its local estimate (it reads null by default).
      data: snap.data({ serverTimestamps: 'estimate' }),
      pending: snap.hasPendingWrites,
    }),
  )
  onTestFinished(stop)
  await eventually(() => expect(calls).toHaveLength(1))
  return calls
}

// ─── Suite ──────────────────────────────────────────────────────────────────────────────────────

/** Writes, field values, optimistic writes and rollback, against one backend implementation. */
