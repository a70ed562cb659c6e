import { describe } from 'vitest'
import { memory } from '../index.js'
import type { BackendHarness } from './suites/harness.js'
import { suites } from './suites/index.js'

const harness: BackendHarness = { name: 'memory', create: () => memory() }

describe('memory backend', () => {
  for (const suite of suites) suite(harness)
})
