import { expect, onTestFinished } from 'vitest'
import { Metal, MetalError } from '../../index.js'
import type {
  Backend,
  CollectionReference,
  DocumentData,
  DocumentReference,
  MetalOptions,
  Query,
} from '../../index.js'
import { clients, eventually, type BackendHarness, type BackendTestOptions } from './harness.js'

// Helpers the shared suites have in common.

/** The clients a suite opened on one backend. */
export type Env = Awaited<ReturnType<typeof clients>>

/** Writes every document of `docs` (id → data) into `coll`. */
export async function seed(
  coll: CollectionReference,
  docs: Record<string, DocumentData>,
): Promise<void> {
  await Promise.all(Object.entries(docs).map(([id, data]) => coll.doc(id).set(data)))
}

/** A fresh backend from the harness (with options), disposed when the test ends. */
export async function backendFor(
  harness: BackendHarness,
  options?: BackendTestOptions,
): Promise<Backend> {
  const backend = await harness.create(options)
  onTestFinished(() => harness.dispose?.(backend))
  return backend
}

/** A client on `backend` without session persistence, closed when the test ends. */
export function clientFor(backend: Backend, options: Omit<MetalOptions, 'backend'> = {}): Metal {
  const metal = new Metal({ backend, projectId: 'test', auth: { persistence: false }, ...options })
  onTestFinished(() => metal.close())
  return metal
}

/** Opens clients on a fresh backend and closes them when the test ends. */
export async function open(harness: BackendHarness, n = 1) {
  const env = await clients(harness, n)
  onTestFinished(() => env.close())
  return env
}

/** A client on `backend` (typically a wrapper around the harness backend), closed after the test. */
export function clientOn(backend: Backend): Metal {
  const metal = new Metal({ backend, projectId: 'test' })
  onTestFinished(() => metal.close())
  return metal
}

/** Wraps a backend so that every commit is rejected with `error`; other requests pass through. */
export function rejectingCommits(inner: Backend, error: MetalError): Backend {
  return {
    connect(options) {
      const connection = inner.connect(options)
      return {
        request: (message) =>
          message.type === 'commit' ? Promise.reject(error) : connection.request(message),
        close: () => connection.close(),
      }
    },
  }
}

/** Resolves with the MetalError `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<MetalError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof MetalError) return error
    throw error
  }
  throw new Error('expected the promise to reject')
}

export async function dataOf(ref: DocumentReference): Promise<DocumentData | undefined> {
  return (await ref.get()).data()
}

export interface QueryCall {
  changes: string[]
  docs: { id: string; data: DocumentData; pending: boolean }[]
}

/** Subscribes to a query, waits for the first callback, and records every callback. */
export async function watchQuery(query: Query): Promise<QueryCall[]> {
  const calls: QueryCall[] = []
  const stop = query.subscribe((changes, snap) =>
    calls.push({
      changes: changes.map((c) => `${c.type} ${c.id}`),
      docs: snap.docs.map((d) => ({ id: d.id, data: d.data(), pending: d.hasPendingWrites })),
    }),
  )
  onTestFinished(stop)
  await eventually(() => expect(calls).toHaveLength(1))
  return calls
}

/** The error `fn` throws synchronously. */
export function thrown(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (error) {
    if (error instanceof MetalError) return error
    throw error
  }
  throw new Error('expected a synchronous throw')
}
