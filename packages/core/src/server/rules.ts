import { MetalError, describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID } from '../engine/fieldPath.js'
import type { DocumentData } from '../engine/types.js'
import type { Filter } from '../engine/filter.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { SessionData } from '../protocol/session.js'
import {
  compilePattern,
  matchCollection,
  matchGroup,
  type Candidate,
  type Pattern,
} from './rulePatterns.js'

/**
 * What a rule is asked about: `get` (one document), `list` (a query, a live query or an
 * aggregation), `create`, `update`, `delete` (each write of a commit) or `presence` (a room).
 */
export type RuleOp = 'get' | 'list' | 'create' | 'update' | 'delete' | 'presence'

/** Where a request points: the collection, the document and the matched pattern's parameters. */
export interface RulePath {
  /**
   * The collection path (`tasks`, `users/u1/notes`); for a collection group query judged as a
   * whole, the group's collection id (`comments`).
   */
  readonly collection: string
  /** The document id; null for a query that does not pin one down. */
  readonly id: string | null
  /**
   * Values of the matched pattern's `{name}` segments (`'users/{userId}'` → `{ userId }`). A
   * leading `{path=**}` gives the path of the parent document (`'posts/p1'`; `''` for a
   * top-level collection); it is absent when a collection group query is judged as a whole.
   */
  readonly params: Readonly<Record<string, string>>
}

/** Everything a rule can judge (Firestore's `request` and `resource`). */
export interface RuleContext {
  /** The caller's verified session (Firestore's `request.auth`); null when signed out. */
  readonly auth: SessionData | null
  /** What is asked. */
  readonly op: RuleOp
  /** Where. For `presence`, the collection is the room name. */
  readonly path: RulePath
  /**
   * The stored document (Firestore's `resource.data`): null when it does not exist. For `list`,
   * first the query as a whole — a document holding only what the query's equality filters
   * pin down, so a rule proves the query can only return readable documents (as Firestore
   * does) — then each document of the result.
   */
  readonly doc: DocumentData | null
  /** For `create` and `update`: the document as the write leaves it (`request.resource.data`). */
  readonly newDoc: DocumentData | null
  /** For `list`: the query. */
  readonly query: QuerySpec | null
  /** For `presence`: the room. */
  readonly room: string | null
  /** The project the request belongs to. */
  readonly projectId: string
  /** Set for a collection group query: see {@link RuleRequest.group}. */
  readonly group?: 'query' | 'document'
}

/** A rule: true allows; anything else (false, a throw) refuses with `permission-denied`. */
export type Rule = (context: RuleContext) => boolean

/**
 * The rules of documents matching one path pattern. The specific rule of an operation wins over
 * the general one: `get`/`list` over `read`, `create`/`update`/`delete` over `write`. An
 * operation with no rule is refused.
 */
export interface CollectionRules {
  /** `get` and `list`, unless they have their own rule. */
  read?: Rule
  /** `create`, `update` and `delete`, unless they have their own rule. */
  write?: Rule
  /** Reading one document by id. */
  get?: Rule
  /** Queries, live queries and aggregations (see {@link RuleContext.doc}). */
  list?: Rule
  /** Writing a document that does not exist. */
  create?: Rule
  /** Writing a document that exists. */
  update?: Rule
  /** Deleting a document. */
  delete?: Rule
}

/**
 * Rules by document path pattern, as Firestore's `match` blocks: `'tasks/{taskId}'`,
 * `'users/{userId}/notes/{noteId}'` (a `{name}` segment matches any one segment and passes its
 * value in `path.params`). A request is allowed when any matching pattern's rule allows it; a
 * path no pattern matches is refused.
 *
 * A pattern may start with a recursive wildcard, `'{path=**}/comments/{commentId}'`: it matches
 * `comments` at any depth (`comments/c1`, `posts/p1/comments/c1`), with `path` the parent
 * document's path. Only such patterns authorise collection group queries
 * (`db.collectionGroup('comments')`), as in Firestore's rules version 2; they apply to plain
 * reads and writes of the documents they match too.
 */
export interface RulesConfig {
  /** Rules per document path pattern. */
  documents: Readonly<Record<string, CollectionRules>>
  /** Who may join and watch presence rooms (`path.collection` and `room` are the room name). Without it, presence is refused. */
  presence?: Rule
}

/** Access rules: per-pattern rules, or one function that judges every request. */
export type Rules = Rule | RulesConfig

/** A request to judge, before its path is matched. */
export interface RuleRequest {
  readonly op: RuleOp
  /**
   * For a collection group query: `'query'` when the query is judged as a whole (`collection`
   * is then the group id), `'document'` for one document of its result (`collection` is the
   * document's own). Only recursive-wildcard patterns judge these.
   */
  readonly group?: 'query' | 'document'
  readonly collection: string
  readonly id: string | null
  readonly doc: DocumentData | null
  readonly newDoc: DocumentData | null
  readonly query: QuerySpec | null
  readonly room: string | null
  readonly auth: SessionData | null
  readonly projectId: string
}

/** Rules ready to judge requests. */
export type RuleJudge = (request: RuleRequest) => boolean

const SPECIFIC: Record<Exclude<RuleOp, 'presence'>, 'read' | 'write'> = {
  get: 'read',
  list: 'read',
  create: 'write',
  update: 'write',
  delete: 'write',
}

/** Calls a rule; a rule that throws or answers anything but `true` refuses. */
function run(rule: Rule | undefined, context: RuleContext): boolean {
  if (!rule) return false
  try {
    return rule(context) === true
  } catch {
    return false
  }
}

/** Checks `rules` and makes them ready to judge; `call` names the entry point in errors. */
export function compileRules(call: string, rules: Rules): RuleJudge {
  if (typeof rules === 'function') {
    return (r) => run(rules, { ...r, path: { collection: r.collection, id: r.id, params: {} } })
  }
  if (typeof rules !== 'object' || rules === null) {
    throw invalidArgument(
      call,
      `option 'rules' must be a function or { documents }, got ${describe(rules)}`,
    )
  }
  for (const key of Object.keys(rules)) {
    if (key !== 'documents' && key !== 'presence') {
      throw invalidArgument(
        call,
        `rules: unknown key ${describe(key)} (expected documents, presence)`,
      )
    }
  }
  const { documents, presence } = rules
  if (presence !== undefined && typeof presence !== 'function') {
    throw invalidArgument(call, `rules.presence must be a function, got ${describe(presence)}`)
  }
  if (typeof documents !== 'object' || documents === null || Array.isArray(documents)) {
    throw invalidArgument(
      call,
      `rules.documents must be an object of path patterns, got ${describe(documents)}`,
    )
  }
  const patterns: Pattern<CollectionRules>[] = Object.entries(documents).map(([pattern, r]) =>
    compilePattern<CollectionRules>(call, pattern, r),
  )
  // The patterns whose collection part matches, per collection path: matched once, not per request.
  const byCollection = new Map<string, Candidate<CollectionRules>[]>()
  const candidates = (
    collection: string,
    group: RuleRequest['group'],
  ): Candidate<CollectionRules>[] => {
    const key = `${group ?? ''}:${collection}`
    let found = byCollection.get(key)
    if (!found) {
      found =
        group === 'query'
          ? matchGroup(patterns, collection)
          : matchCollection(patterns, collection, group === 'document')
      if (byCollection.size >= MAX_CACHED_COLLECTIONS) byCollection.clear()
      byCollection.set(key, found)
    }
    return found
  }
  return (r) => {
    if (r.op === 'presence') {
      return run(presence, { ...r, path: { collection: r.collection, id: null, params: {} } })
    }
    const wanted = r.op
    const general = SPECIFIC[wanted]
    for (const c of candidates(r.collection, r.group)) {
      const rule = c.rules[wanted] ?? c.rules[general]
      if (!rule) continue
      let params = c.params
      if (c.idParam === null) {
        // A pattern for one document says nothing of a query that does not pin it down.
        if (r.id !== c.idLiteral) continue
      } else if (r.id !== null) {
        params = Object.fromEntries([...Object.entries(params), [c.idParam, r.id]])
      }
      const context: RuleContext = {
        auth: r.auth,
        op: r.op,
        path: { collection: r.collection, id: r.id, params },
        doc: r.doc,
        newDoc: r.newDoc,
        query: r.query,
        room: r.room,
        projectId: r.projectId,
        ...(r.group ? { group: r.group } : {}),
      }
      if (run(rule, context)) return true
    }
    return false
  }
}

/** Most collection paths whose matching patterns a compiled rule set remembers. */
const MAX_CACHED_COLLECTIONS = 1024

/** A query as far as its filter pins documents down: one per OR branch. */
export interface PinnedDoc {
  /** The id, when the branch fixes it (`where(documentId(), '==', id)`). */
  readonly id: string | null
  /** Fields the branch fixes by equality. */
  readonly doc: DocumentData
}

/** Most OR branches a query is split into for its check; beyond, it is judged as unfiltered. */
const MAX_BRANCHES = 64

/**
 * What a query's filter says of every document it can return: one {@link PinnedDoc} per branch
 * of its OR-of-ANDs form, holding the fields fixed by `==` (or a one-value `in`).
 */
export function pinnedDocs(query: QuerySpec): PinnedDoc[] {
  const branches = query.filter ? dnf(query.filter) : [[]]
  if (!branches) return [{ id: null, doc: {} }]
  return branches.map((conjuncts) => {
    let id: string | null = null
    const doc: Record<string, unknown> = {}
    for (const f of conjuncts) {
      const value =
        f.op === '=='
          ? f.value
          : f.op === 'in' && Array.isArray(f.value) && f.value.length === 1
            ? f.value[0]
            : undefined
      if (value === undefined) continue
      if (f.field === DOCUMENT_ID) {
        if (typeof value === 'string') id = value
        continue
      }
      setPath(doc, f.field.split('.'), value)
    }
    return { id, doc }
  })
}

type Leaf = Extract<Filter, { type: 'where' }>

/** The filter as OR of ANDs of leaves; undefined when that takes too many branches. */
function dnf(filter: Filter): Leaf[][] | undefined {
  if (filter.type === 'where') return [[filter]]
  const parts: Leaf[][][] = []
  for (const f of filter.filters) {
    const d = dnf(f)
    if (!d) return undefined
    parts.push(d)
  }
  if (filter.type === 'or') {
    const all = parts.flat()
    return all.length > MAX_BRANCHES ? undefined : all
  }
  let acc: Leaf[][] = [[]]
  for (const d of parts) {
    const next: Leaf[][] = []
    for (const a of acc) for (const b of d) next.push([...a, ...b])
    if (next.length > MAX_BRANCHES) return undefined
    acc = next
  }
  return acc
}

function setPath(doc: Record<string, unknown>, path: string[], value: unknown): void {
  let at = doc
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string
    const next = Object.hasOwn(at, key) ? at[key] : undefined
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      const made: Record<string, unknown> = {}
      Object.defineProperty(at, key, { value: made, enumerable: true, writable: true })
      at = made
    } else at = next as Record<string, unknown>
  }
  Object.defineProperty(at, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
  })
}

/** The `permission-denied` error of a refused request. */
export function denial(request: RuleRequest): MetalError {
  const what =
    request.op === 'presence'
      ? `room '${request.collection}'`
      : request.group === 'query'
        ? `collection group '${request.collection}'`
        : request.id !== null
          ? `'${request.collection}/${request.id}'`
          : `'${request.collection}'`
  const op = request.op === 'list' ? 'query' : request.op
  const who = request.auth ? ` for user '${request.auth.userId}'` : ' without signing in'
  return new MetalError('permission-denied', `${op} of ${what} is not allowed${who}`)
}
