// The embedded backend's persistence and tab sharing, loaded by `memory()` only when
// `persistence: 'indexeddb'` is asked for.
export { EmbeddedHost, persistedHost } from './embeddedHost.js'
export type { EmbeddedHostOptions } from './embeddedHost.js'
export { indexedDbDocs } from './indexedDbDocs.js'
export { PersistedStorage, MUTATION_LIMIT } from './persistedStorage.js'
export type { DocStore, StoredCommit, StoredProject } from './persistedStorage.js'
