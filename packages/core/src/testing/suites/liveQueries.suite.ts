import type { BackendHarness } from './harness.js'
import { liveQueryChangesSuite } from './liveQueryChanges.suite.js'
import { liveQueryScopesSuite } from './liveQueryScopes.suite.js'

/** The live queries suite, in parts. */
export function liveQueriesSuite(harness: BackendHarness): void {
  liveQueryChangesSuite(harness)
  liveQueryScopesSuite(harness)
}
