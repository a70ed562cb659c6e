import { describe, invalidArgument } from '../errors.js'

// The path patterns of access rules (`'users/{userId}'`, `'{path=**}/comments/{id}'`): how they
// are checked and compiled, and which of them match a collection path or a collection group.

const RULE_KEYS = ['read', 'write', 'get', 'list', 'create', 'update', 'delete'] as const
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/
const RECURSIVE = /^\{([A-Za-z_][A-Za-z0-9_]*)=\*\*\}$/

export type Segment = { literal: string } | { param: string }
export interface Pattern<R> {
  /** The segments after the recursive wildcard, if any. */
  readonly segments: readonly Segment[]
  readonly rules: R
  /** The name of a leading `{name=**}`, or null. */
  readonly recursive: string | null
}

/** A pattern whose collection part matches a collection path. */
export interface Candidate<R> {
  readonly rules: R
  /** Values of the collection part's parameters. */
  readonly params: Readonly<Record<string, string>>
  /** The document segment's parameter name, or null when the segment is a literal id. */
  readonly idParam: string | null
  readonly idLiteral: string | null
}

/**
 * The patterns matching a collection path; `recursiveOnly` (a document of a collection group
 * query) keeps only those with a recursive wildcard.
 */
export function matchCollection<R>(
  patterns: readonly Pattern<R>[],
  collection: string,
  recursiveOnly = false,
): Candidate<R>[] {
  const path = collection.split('/')
  const found: Candidate<R>[] = []
  for (const p of patterns) {
    // A recursive wildcard takes a document path: an even number of leading segments.
    const skip = path.length + 1 - p.segments.length
    if (p.recursive === null ? recursiveOnly || skip !== 0 : skip < 0 || skip % 2 !== 0) continue
    const params: [string, string][] = []
    if (p.recursive !== null) params.push([p.recursive, path.slice(0, skip).join('/')])
    let ok = true
    for (let i = skip; i < path.length && ok; i++) {
      const s = p.segments[i - skip] as Segment
      if ('param' in s) params.push([s.param, path[i] as string])
      else ok = s.literal === path[i]
    }
    if (!ok) continue
    const last = p.segments[p.segments.length - 1] as Segment
    found.push({
      rules: p.rules,
      // fromEntries defines own properties: a parameter named __proto__ stays a parameter.
      params: Object.fromEntries(params),
      idParam: 'param' in last ? last.param : null,
      idLiteral: 'param' in last ? null : last.literal,
    })
  }
  return found
}

/**
 * The recursive patterns that authorise a collection group query as a whole: those whose part
 * after the wildcard is one collection and a document (`{path=**}/comments/{id}`).
 */
export function matchGroup<R>(patterns: readonly Pattern<R>[], groupId: string): Candidate<R>[] {
  const found: Candidate<R>[] = []
  for (const p of patterns) {
    if (p.recursive === null || p.segments.length !== 2) continue
    const [coll, last] = p.segments as [Segment, Segment]
    if ('literal' in coll && coll.literal !== groupId) continue
    found.push({
      rules: p.rules,
      params: 'param' in coll ? Object.fromEntries([[coll.param, groupId]]) : {},
      idParam: 'param' in last ? last.param : null,
      idLiteral: 'param' in last ? null : last.literal,
    })
  }
  return found
}

export function compilePattern<R>(call: string, pattern: string, rules: unknown): Pattern<R> {
  const where = `rules.documents[${JSON.stringify(pattern)}]`
  const all = pattern.split('/')
  const wildcard = RECURSIVE.exec(all[0] ?? '')
  const recursive = wildcard ? (wildcard[1] as string) : null
  const parts = wildcard ? all.slice(1) : all
  if (
    pattern === '' ||
    parts.length === 0 ||
    parts.length % 2 !== 0 ||
    parts.some((s) => s === '')
  ) {
    throw invalidArgument(
      call,
      `${where}: a pattern is a document path, collection/document pairs such as 'tasks/{taskId}', optionally after a leading '{path=**}'`,
    )
  }
  const segments = parts.map((s): Segment => {
    const m = PARAM.exec(s)
    if (m) return { param: m[1] as string }
    if (s.includes('{') || s.includes('}')) {
      throw invalidArgument(
        call,
        `${where}: bad segment ${describe(s)} (use {name}); a recursive {name=**} goes first`,
      )
    }
    return { literal: s }
  })
  if (typeof rules !== 'object' || rules === null) {
    throw invalidArgument(call, `${where} must be an object of rules, got ${describe(rules)}`)
  }
  for (const [key, value] of Object.entries(rules)) {
    if (!(RULE_KEYS as readonly string[]).includes(key)) {
      throw invalidArgument(
        call,
        `${where}: unknown rule ${describe(key)} (expected ${RULE_KEYS.join(', ')})`,
      )
    }
    if (typeof value !== 'function') {
      throw invalidArgument(call, `${where}.${key} must be a function, got ${describe(value)}`)
    }
  }
  return { segments, rules: rules as R, recursive }
}
