import type { BackendHarness } from './harness.js'
import { queryFiltersSuite } from './queryFilters.suite.js'
import { queryOrderSuite } from './queryOrder.suite.js'
import { queryImplicitOrderSuite } from './queryImplicitOrder.suite.js'

/** The queries suite, in parts. */
export function queriesSuite(harness: BackendHarness): void {
  queryFiltersSuite(harness)
  queryOrderSuite(harness)
  queryImplicitOrderSuite(harness)
}
