import type { BackendHarness } from './harness.js'
import { queriesSuite } from './queries.suite.js'
import { liveQueriesSuite } from './liveQueries.suite.js'
import { writesSuite } from './writes.suite.js'
import { batchesSuite } from './batches.suite.js'

/** Every shared behaviour suite; each backend's test file runs them all. */
export const suites: ((harness: BackendHarness) => void)[] = [queriesSuite, liveQueriesSuite, writesSuite, batchesSuite]
