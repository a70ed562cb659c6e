// Test tooling, published as `@metal/core/testing`: network fault injection around any backend.
export { FaultyBackend, faultyBackend } from './faultyBackend.js'
export type { FaultLogEntry, MessageMatcher } from './faultyBackend.js'
export { gatedBackend } from './gatedBackend.js'
export { bindingSuite } from './bindingSuite.js'
export type {
  BindingHarness,
  BindingName,
  BindingResult,
  MountedBinding,
  SuiteRunner,
} from './bindingSuite.js'
