import { describe } from 'vitest'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import type { BackendHarness } from '../testing/suites/harness.js'
import { suites } from '../testing/suites/index.js'

const harness: BackendHarness = {
  name: 'memory',
  create: (options) => memory(options),
  dispose: (backend) => (backend as MemoryBackend).close(),
}

describe('memory backend', () => {
  for (const suite of suites) suite(harness)
})
