// The embedded backend, published as `@metal/core/memory`. `new Metal()` with no `url` or
// `backend` loads it on demand, so apps on a Metal server never download it.
export { MemoryBackend, memory } from './memoryBackend.js'
export type { MemoryBackendOptions } from './memoryBackend.js'
export type { EmbeddedOptions } from './embeddedOptions.js'
export type {
  Rule,
  RuleContext,
  RuleOp,
  Rules,
  RulesConfig,
  CollectionRules,
} from '../../server/rules.js'
