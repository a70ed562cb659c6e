import { onTestFinished } from 'vitest'
import { Metal } from '../../index.js'
import type { Backend, MetalOptions } from '../../index.js'
import type { MemoryBackendOptions } from '../../backends/memory/index.js'

/** Backend behaviour a suite may ask for: the options every backend implementation accepts. */
export type BackendTestOptions = Pick<
  MemoryBackendOptions,
  'verifyToken' | 'rules' | 'presenceTimeoutMs' | 'now'
>

/**
 * What a shared behaviour suite needs from a backend implementation. Every suite in this folder
 * is a function of a harness, so the same tests run against the memory backend now and the
 * remote (server) backend later.
 */
export interface BackendHarness {
  /** Name shown in test titles. */
  name: string
  /** A fresh, empty backend (with token checks, access rules or a presence timeout when given). */
  create(options?: BackendTestOptions): Promise<Backend> | Backend
  /** Releases what `create()` started (servers, sockets). */
  dispose?(backend: Backend): Promise<void> | void
}

/** Opens `n` clients on one fresh backend; `close()` ends them all. */
export async function clients(harness: BackendHarness, n = 1, projectId = 'test') {
  const backend = await harness.create()
  const list = Array.from({ length: n }, () => new Metal({ backend, projectId }))
  return {
    backend,
    clients: list,
    metal: list[0] as Metal,
    async close() {
      for (const c of list) c.close()
      await harness.dispose?.(backend)
    },
  }
}

/**
 * A fresh backend of `harness` for the running test, and clients on it (project `test`, no
 * stored session); each is ended when the test ends.
 */
export function perTest(harness: BackendHarness): {
  backend(): Promise<Backend>
  client(backend: Backend, options?: Omit<MetalOptions, 'backend'>): Metal
} {
  return {
    async backend() {
      const b = await harness.create()
      onTestFinished(() => harness.dispose?.(b))
      return b
    },
    client(b, options = {}) {
      const metal = new Metal({
        backend: b,
        projectId: 'test',
        auth: { persistence: false },
        ...options,
      })
      onTestFinished(() => metal.close())
      return metal
    },
  }
}

/** Resolves after pending microtasks and one macrotask: lets in-flight messages land. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Waits until `check()` passes (or throws its last error after `timeoutMs`). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 2000,
): Promise<void> {
  const start = Date.now()
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error
      await settle(5)
    }
  }
}
