// Test tooling, published as `@metal/core/testing`: network fault injection around any backend,
// and the shared behaviour suites every backend and every binding runs.
export { FaultyBackend, faultyBackend } from './faultyBackend.js'
export type { FaultLogEntry, MessageMatcher } from './faultyBackend.js'
export { gatedBackend } from './gatedBackend.js'
export { bindingSuite } from './suites/binding.suite.js'
export type {
  BindingHarness,
  BindingName,
  BindingResult,
  MountedBinding,
  SuiteRunner,
} from './suites/binding.suite.js'
// The shared backend behaviour suites (vitest): every backend implementation runs all of them.
export { suites } from './suites/index.js'
export { queriesSuite } from './suites/queries.suite.js'
export { liveQueriesSuite } from './suites/liveQueries.suite.js'
export { writesSuite } from './suites/writes.suite.js'
export { batchesSuite } from './suites/batches.suite.js'
export { authSuite } from './suites/auth.suite.js'
export { presenceSuite } from './suites/presence.suite.js'
export { syncSuite } from './suites/sync.suite.js'
export { rulesSuite } from './suites/rules.suite.js'
export type { BackendHarness, BackendTestOptions } from './suites/harness.js'
export { eventually, settle } from './suites/harness.js'
export { seededRandom } from './random.js'
