import { afterAll, beforeAll, describe, vi } from 'vitest'
import { EmbeddedHost } from '../backends/tabs/index.js'
import { suites, type BackendHarness } from '../testing/index.js'
import { standInDocs, standInLocks } from './support/tabStandIns.js'

// The shared backend suites on the embedded backend when it persists: once in the tab that holds
// the database (server logic over PersistedStorage), once from another tab whose every request
// and push crosses the BroadcastChannel to the holder. Stand-ins for IndexedDB and Web Locks,
// which Node lacks; Node's own BroadcastChannel.

beforeAll(() => vi.stubGlobal('navigator', { locks: standInLocks() }))
afterAll(() => vi.unstubAllGlobals())

let n = 0

const holder: BackendHarness = {
  name: 'embedded, persisted',
  create: (options) =>
    new EmbeddedHost({
      name: `suite-${++n}`,
      docs: standInDocs(new Map()),
      shareTabs: false,
      core: options ?? {},
    }),
  dispose: (backend) => (backend as EmbeddedHost).close(),
}

const hosts = new WeakMap<EmbeddedHost, EmbeddedHost>()
const follower: BackendHarness = {
  name: 'embedded, from another tab',
  async create(options) {
    const name = `suite-tabs-${++n}`
    const docs = standInDocs(new Map())
    const first = new EmbeddedHost({ name, docs, shareTabs: true, core: options ?? {} })
    while (!first.holding) await new Promise((resolve) => setTimeout(resolve, 1))
    const other = new EmbeddedHost({ name, docs, shareTabs: true, core: options ?? {} })
    hosts.set(other, first)
    return other
  },
  dispose(backend) {
    ;(backend as EmbeddedHost).close()
    hosts.get(backend as EmbeddedHost)?.close()
  },
}

describe('embedded backend, persisted (holder tab)', () => {
  for (const suite of suites) suite(holder)
})

describe('embedded backend, persisted (follower tab over BroadcastChannel)', () => {
  for (const suite of suites) suite(follower)
})
