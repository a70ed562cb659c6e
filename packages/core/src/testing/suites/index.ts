import type { BackendHarness } from './harness.js'
import { queriesSuite } from './queries.suite.js'
import { liveQueriesSuite } from './liveQueries.suite.js'
import { writesSuite } from './writes.suite.js'
import { batchesSuite } from './batches.suite.js'
import { transactionsSuite } from './transactions.suite.js'
import { transactionFailuresSuite } from './transactionFailures.suite.js'
import { referencesSuite } from './references.suite.js'
import { authSuite } from './auth.suite.js'
import { presenceSuite } from './presence.suite.js'
import { syncSuite } from './sync.suite.js'
import { syncWritesSuite } from './syncWrites.suite.js'
import { aggregatesSuite } from './aggregates.suite.js'
import { rulesSuite } from './rules.suite.js'
import { fieldPathsSuite } from './fieldPaths.suite.js'
import { cacheSuite } from './cache.suite.js'
import { collectionGroupsSuite } from './collectionGroups.suite.js'

/** Every shared behaviour suite; each backend's test file runs them all. */
export const suites: ((harness: BackendHarness) => void)[] = [
  queriesSuite,
  liveQueriesSuite,
  writesSuite,
  batchesSuite,
  transactionsSuite,
  transactionFailuresSuite,
  referencesSuite,
  authSuite,
  presenceSuite,
  syncSuite,
  syncWritesSuite,
  aggregatesSuite,
  rulesSuite,
  fieldPathsSuite,
  cacheSuite,
  collectionGroupsSuite,
]
