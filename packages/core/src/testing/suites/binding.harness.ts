import { Metal } from '../../metal.js'
import { memory, type MemoryBackend } from '../../backends/memory/memoryBackend.js'
import type { Backend } from '../../protocol/backend.js'
import type { Rules } from '../../server/rules.js'
import type { MetalDataConverter } from '../../reference.js'
import type { QueryDocumentSnapshot } from '../../snapshot.js'

// What the binding suite (binding.suite.ts) runs on: the harness a binding package hands over,
// a backend that counts and holds listens, the users it seeds, and per-test clients.

/** The bindings the suite drives, by name. */
export type BindingName = 'useMetalQuery' | 'useMetalDoc' | 'useMetalPaginatedQuery'

/** A binding's current result with refs unwrapped: TanStack's fields, actions included. */
export interface BindingResult {
  readonly data: unknown
  readonly error: { readonly code?: string } | null
  readonly status: string
  readonly isPlaceholderData: boolean
  /** `useMetalDoc`: whether the document has a write of this client not yet committed. */
  readonly hasPendingWrites?: boolean
  readonly hasNextPage?: boolean
  readonly hasPreviousPage?: boolean
  fetchNextPage?(): Promise<unknown>
  fetchPreviousPage?(): Promise<unknown>
}

/** A binding mounted in a host component. */
export interface MountedBinding {
  /** The result as of the host's last render. */
  current(): BindingResult
  /** The `data` of every render of the host, in order. */
  dataHistory(): readonly unknown[]
  /** How many times the host has rendered. */
  renders(): number
  /** Renders the host again with new arguments (refs or props change, as a user would). */
  update(args: readonly unknown[]): Promise<void>
  /** Unmounts the host: the binding's scope ends. */
  unmount(): void
}

/** What a framework package provides to run the suite against its binding. */
export interface BindingHarness {
  /** Shown in the suite's name, e.g. `'react'`. */
  readonly name: string
  /** Mounts `binding(...args)` in a host component of an app served by `metal`. */
  mount(metal: Metal, binding: BindingName, args: readonly unknown[]): MountedBinding
  /** Runs `action` the way the framework wants changes made outside its events (React: `act`). */
  act<R>(action: () => Promise<R> | R): Promise<R>
  /** Lets `ms` of timers, backend messages and the framework's updates pass. */
  settle(ms?: number): Promise<void>
}

/** The parts of a test runner the suite uses (vitest's and jest's fit). */
export interface SuiteRunner {
  describe(name: string, body: () => void): void
  it(name: string, body: () => Promise<void>): void
  expect(
    actual: unknown,
    message?: string,
  ): {
    toBe(expected: unknown): void
    toEqual(expected: unknown): void
    toBeLessThanOrEqual(expected: number): void
  }
}

interface Held {
  release(): void
}

/** A backend wrapper that counts listens per collection and can hold listens and commits. */
function suiteBackend(inner: MemoryBackend) {
  const listens = new Map<string, number>()
  let holdListens = false
  let holdCommits = false
  let held: Held[] = []
  const backend: Backend = {
    connect(options) {
      const conn = inner.connect(options)
      return {
        request(message) {
          const hold =
            (message.type === 'listen' && holdListens) || (message.type === 'commit' && holdCommits)
          if (message.type === 'listen') {
            const { collection } = message.query
            listens.set(collection, (listens.get(collection) ?? 0) + 1)
          }
          if (!hold) return conn.request(message)
          return new Promise((resolve, reject) => {
            held.push({ release: () => void conn.request(message).then(resolve, reject) })
          })
        },
        close: () => conn.close(),
      }
    },
  }
  return {
    backend,
    listens: (collection: string) => listens.get(collection) ?? 0,
    hold(what: 'listens' | 'commits') {
      if (what === 'listens') holdListens = true
      else holdCommits = true
    },
    release() {
      holdListens = holdCommits = false
      const pending = held
      held = []
      for (const h of pending) h.release()
    },
  }
}

export interface User {
  name: string
  age: number
}

export const USERS: Record<string, User> = {
  a: { name: 'Ada', age: 36 },
  b: { name: 'Bob', age: 25 },
  c: { name: 'Cyd', age: 41 },
  d: { name: 'Dee', age: 19 },
  e: { name: 'Eve', age: 52 },
}

/** A model with other field names than the stored User, to tell converted rows apart. */
export interface Person {
  label: string
  years: number
}

/** Reads a User as a Person (and writes one back), as `withConverter()` takes it. */
export const personConverter: MetalDataConverter<Person, User> = {
  toFirestore: (p: Person) => ({ name: p.label.toLowerCase(), age: p.years }),
  fromFirestore: (snapshot: QueryDocumentSnapshot<User>) => {
    const u = snapshot.data()
    return { label: u.name.toUpperCase(), years: u.age }
  },
} as MetalDataConverter<Person, User>

/** Renders a refused or invalid query may take: pending, error, and a re-render or two. */
export const FEW_RENDERS = 6

/** Per-test clients and the helpers the suite's tests share, for one harness and runner. */
export function bindingTools(harness: BindingHarness, runner: SuiteRunner) {
  const { it } = runner

  function setup(rules?: Rules) {
    const inner = memory({ presenceChannel: false, rules })
    const wire = suiteBackend(inner)
    const common = {
      projectId: 'suite',
      auth: { persistence: false as const },
      sync: { storage: false as const },
      watchBrowserNetwork: false,
    }
    const metal = new Metal({ ...common, backend: wire.backend })
    const other = new Metal({ ...common, backend: inner })
    const mounted: MountedBinding[] = []
    return {
      ...wire,
      metal,
      /** The typed users collection of the client under test. */
      users: () => metal.db().collection<User>('users'),
      /** Another client's users collection, for writes the binding must follow. */
      theirs: () => other.db().collection<User>('users'),
      open: (collection: string) => inner.listenerCount('suite', collection),
      mount(binding: BindingName, ...args: unknown[]) {
        const m = harness.mount(metal, binding, args)
        mounted.push(m)
        return m
      },
      async seed(ids = Object.keys(USERS)) {
        const batch = other.db().batch()
        for (const id of ids) batch.set(other.db().collection('users').doc(id), USERS[id]!)
        await batch.commit()
      },
      close() {
        for (const m of mounted.splice(0)) m.unmount()
        metal.close()
        other.close()
      },
    }
  }

  async function eventually(check: () => void, ms = 2000): Promise<void> {
    const end = Date.now() + ms
    for (;;) {
      try {
        check()
        return
      } catch (error) {
        if (Date.now() > end) throw error
        await harness.settle(5)
      }
    }
  }

  const ids = (rows: unknown) => (rows as { id: string }[] | undefined)?.map((r) => r.id)
  const pageIds = (data: unknown) =>
    (data as { pages: { id: string }[][] } | undefined)?.pages.map((p) => p.map((r) => r.id))

  // Each test builds and closes its own clients, so a failure leaves nothing open.
  function test(name: string, body: (t: ReturnType<typeof setup>) => Promise<void>, rules?: Rules) {
    it(name, async () => {
      const t = setup(rules)
      try {
        await body(t)
      } finally {
        t.close()
      }
    })
  }

  return { setup, eventually, ids, pageIds, test }
}
