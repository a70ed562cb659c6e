import type { BackendHarness } from './harness.js'
import { writeOperationsSuite } from './writeOperations.suite.js'
import { writeLifecycleSuite } from './writeLifecycle.suite.js'
import { valueLimitsSuite } from './valueLimits.suite.js'
import { referencePathsSuite } from './referencePaths.suite.js'

/** The writes suite, in parts. */
export function writesSuite(harness: BackendHarness): void {
  writeOperationsSuite(harness)
  writeLifecycleSuite(harness)
  valueLimitsSuite(harness)
  referencePathsSuite(harness)
}
