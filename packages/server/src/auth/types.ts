import type { ServerCoreOptions } from '@metal/core/server'

/** Verifies a credential and returns its session; throw (or reject) to refuse. */
export type VerifyToken = NonNullable<ServerCoreOptions['verifyToken']>

/** Access rules (the core's `rules` option). */
export type Rules = NonNullable<ServerCoreOptions['rules']>

/** How one connection is judged (until the core exports its own). */
export interface ConnectionPolicy {
  rules?: Rules
  verifyToken?: VerifyToken
  privileged?: boolean
}
