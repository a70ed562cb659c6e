import { describe } from 'vitest'
import { memory, type MemoryBackend } from '../index.js'
import type { BackendHarness } from './suites/harness.js'
import { suites } from './suites/index.js'

const harness: BackendHarness = {
  name: 'memory',
  create: (options) => memory(options),
  dispose: (backend) => (backend as MemoryBackend).close(),
}

describe('memory backend', () => {
  for (const suite of suites) suite(harness)
})
