// The shared server logic, published as `@metal/core/server`: what every Metal backend does
// whatever stores the data. The embedded memory backend and @metal/server both run it.
export { ServerCore, checkServerCoreOptions } from './serverCore.js'
export type { ServerCoreOptions, PresenceRelayLike } from './serverCore.js'
export { ServerConnection } from './connection.js'
export type {
  ServerStorage,
  DocChange,
  DocKey,
  CommitPlan,
  CommitOutcome,
  ChangeFeed,
  FeedEntry,
  ScanResult,
} from './storage.js'
export { LiveTarget, LiveTargets } from './liveTargets.js'
export { RouterTable } from './routerTable.js'
export type { TargetOwner, RoutedChange } from './liveTargets.js'
export {
  AggregateTarget,
  LiveAggregates,
  aggregateOnce,
  checkAggregateRequest,
} from './aggregates.js'
export type { RoutedAggregate } from './aggregates.js'
export { planCommit, commitKeys } from './commitPlan.js'
export { compileRules, pinnedDocs, denial } from './rules.js'
export { defaultVerifyToken } from './defaultVerifyToken.js'
export type {
  Rule,
  RuleContext,
  RuleOp,
  RulePath,
  Rules,
  RulesConfig,
  CollectionRules,
  RuleRequest,
  RuleJudge,
  PinnedDoc,
} from './rules.js'
export type { ConnectionPolicy, ServerObserver, VerifyToken } from './options.js'
export { MutationLog } from './mutationLog.js'
export { OpenTransactions } from './transactions.js'
export type { TransactionHandle } from './transactions.js'
export { PresenceHub } from './presenceHub.js'
export type { PresenceSink } from './presenceHub.js'
export { PresenceRelay, MISSED_MESSAGES } from './presenceRelay.js'
export type { ChannelLike } from './presenceRelay.js'
export {
  SocketSession,
  MAX_BUFFERED_BYTES,
  DEFAULT_RATE_LIMIT,
  TokenBucket,
} from './socketSession.js'
export type { SocketTransport, SocketSessionOptions, RateLimit } from './socketSession.js'
export { localBackend, LocalConnection } from './localConnection.js'
