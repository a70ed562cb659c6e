// Deterministic test documents for the core benchmark: ~200 bytes of JSON each, with the kinds of
// fields an admin app stores (strings, numbers, an array, a nested map).

import { seededRandom } from '../src/testing/random.js'

/** The seeded PRNG every benchmark draws from. */
export const rng = seededRandom

/** Number of distinct `group` values (one live query per group in the live-query benchmark). */
export const GROUPS = 100

const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Barbara',
  'Ken',
  'Dennis',
  'Margaret',
  'Edsger',
  'Radia',
]
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Liskov',
  'Thompson',
  'Ritchie',
  'Hamilton',
  'Dijkstra',
  'Perlman',
]
const STATUS = ['active', 'active', 'active', 'inactive', 'pending', 'banned']
const ROLES = ['user', 'user', 'user', 'user', 'moderator', 'admin', 'guest']
const TAGS = ['vip', 'beta', 'newsletter', 'mobile', 'desktop', 'trial', 'churn-risk', 'eu']
const PLANS = ['free', 'pro', 'team', 'enterprise']
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'JP', 'BR', 'IN', 'NL']

/** The document id of document `i` (built fresh each call, as an app would receive it). */
export function idOf(i: number): string {
  return `u${String(i).padStart(6, '0')}`
}

/** Field values of one benchmark document (what both the store and the reference hold). */
export interface BenchDoc {
  name: string
  email: string
  age: number
  status: string
  role: string
  score: number
  group: number
  tags: string[]
  metadata: { lastLogin: number; plan: string; country: string }
}

/** JSON text of `n` documents' data (no id), deterministic for a given seed. */
export function makeDocJson(n: number, seed = 42): string[] {
  const r = rng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
  const out: string[] = new Array(n)
  const t0 = 1_700_000_000_000
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST)
    const last = pick(LAST)
    const tags: string[] = []
    const nTags = 1 + Math.floor(r() * 3)
    while (tags.length < nTags) {
      const t = pick(TAGS)
      if (!tags.includes(t)) tags.push(t)
    }
    const doc: BenchDoc = {
      name: `${first} ${last}`,
      email: `${first[0]}${last}${i}@example.com`.toLowerCase(),
      age: 18 + Math.floor(r() * 62),
      status: pick(STATUS),
      role: pick(ROLES),
      score: Math.round(r() * 100_000) / 100,
      group: Math.floor(r() * GROUPS),
      tags,
      metadata: {
        lastLogin: t0 + Math.floor(r() * 1e10),
        plan: pick(PLANS),
        country: pick(COUNTRIES),
      },
    }
    out[i] = JSON.stringify(doc)
  }
  return out
}

/** Parses document `i` as a plain object that carries its own id (how a plain array holds it). */
export function parseWithId(json: string, id: string): BenchDoc & { id: string } {
  return JSON.parse(`{"id":"${id}",${json.slice(1)}`) as BenchDoc & { id: string }
}
