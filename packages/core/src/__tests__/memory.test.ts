import { describe } from 'vitest'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import { suites, type BackendHarness } from '../testing/index.js'

const harness: BackendHarness = {
  name: 'memory',
  create: (options) => memory(options),
  dispose: (backend) => (backend as MemoryBackend).close(),
}

describe('memory backend', () => {
  for (const suite of suites) suite(harness)
})
