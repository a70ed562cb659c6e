import type { RulesConfig } from '@metal/core/server'

/** The seed project's access rules (see seed-rules.mjs). */
export declare const seedRules: RulesConfig
