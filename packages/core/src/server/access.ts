import {
  compileRules,
  denial,
  pinnedDocs,
  type RuleJudge,
  type RuleRequest,
  type Rules,
} from './rules.js'
import type { QuerySpec } from '../engine/querySpec.js'
import { DOCUMENT_ID } from '../engine/fieldPath.js'
import { splitDocPath } from '../engine/collectionGroup.js'
import type { DocumentData } from '../engine/types.js'
import type { ServerConnection } from './connection.js'
import type { ServerObserver } from './options.js'

/** What a request asks, before the session and project are added. */
export type Ask = Omit<
  RuleRequest,
  'auth' | 'projectId' | 'doc' | 'newDoc' | 'query' | 'room' | 'id' | 'group'
> &
  Partial<Pick<RuleRequest, 'doc' | 'newDoc' | 'query' | 'room' | 'id' | 'group'>>

/**
 * The access checks of the server logic: each request judged by its connection's rules (none:
 * everything allowed; privileged: no rule applies) with the connection's current session.
 */
export class Access {
  private readonly judges = new WeakMap<object, RuleJudge>()

  constructor(
    private readonly now: () => number,
    private readonly observer: ServerObserver,
  ) {}

  /** `rules` ready to judge (compiled once per rules object). */
  compiled(rules: Rules): RuleJudge {
    let judge = this.judges.get(rules)
    if (!judge) this.judges.set(rules, (judge = compileRules('rules', rules)))
    return judge
  }

  /** True when the connection's rules allow the request. */
  allows(conn: ServerConnection, ask: Ask): boolean {
    if (conn.privileged || !conn.judge) return true
    return conn.judge(this.request(conn, ask))
  }

  request(conn: ServerConnection, ask: Ask): RuleRequest {
    return {
      id: null,
      doc: null,
      newDoc: null,
      query: null,
      room: null,
      ...ask,
      auth: conn.currentSession(this.now()),
      projectId: conn.projectId,
    }
  }

  /** Throws `permission-denied` unless the connection's rules allow the request. */
  check(conn: ServerConnection, ask: Ask): void {
    if (this.allows(conn, ask)) return
    this.observer.denied?.(ask.op, conn.projectId)
    throw denial(this.request(conn, ask))
  }

  /**
   * Checks a query before anything is read: as far as its filter pins documents down, each
   * document it could return must be readable (Firestore's rule: a query is refused, not
   * filtered).
   */
  checkQuery(conn: ServerConnection, query: QuerySpec): void {
    if (conn.privileged || !conn.judge) return
    // A document listener is judged as a get, against the document itself (as in Firestore).
    if (listenedDocument(query) !== null) return
    for (const pinned of pinnedDocs(query)) {
      this.check(conn, {
        op: 'list',
        ...(query.group
          ? groupAsk(query.collection, pinned.id)
          : { collection: query.collection, id: pinned.id }),
        doc: pinned.doc,
        query,
      })
    }
  }

  /** True when every document is readable by the connection as a result of `query`. */
  readable(
    conn: ServerConnection,
    query: QuerySpec,
    docs: Iterable<{ id: string; data: DocumentData }>,
  ): boolean {
    if (conn.privileged || !conn.judge) return true
    const id = listenedDocument(query)
    const op = id === null ? 'list' : 'get'
    let none = true
    for (const d of docs) {
      none = false
      const ask: Ask = query.group
        ? { op, ...groupAsk(query.collection, d.id), doc: d.data, query }
        : { op, collection: query.collection, id: d.id, doc: d.data, query }
      if (!this.allows(conn, ask)) {
        this.observer.denied?.(op, conn.projectId)
        return false
      }
    }
    // A listened document that does not exist is judged as a get of nothing (`doc` null).
    if (
      none &&
      id !== null &&
      !this.allows(conn, { op, collection: query.collection, id, query })
    ) {
      this.observer.denied?.(op, conn.projectId)
      return false
    }
    return true
  }

  /** Throws `permission-denied` unless every document of a query's result is readable. */
  checkResult(
    conn: ServerConnection,
    query: QuerySpec,
    docs: Iterable<{ id: string; data: DocumentData }>,
  ): void {
    if (!this.readable(conn, query, docs)) {
      const id = listenedDocument(query)
      const op = id === null ? 'list' : 'get'
      throw denial(this.request(conn, { op, ...listAsk(query, id), query }))
    }
  }

  queryAllowed(conn: ServerConnection, query: QuerySpec): boolean {
    try {
      this.checkQuery(conn, query)
      return true
    } catch {
      return false
    }
  }
}

/**
 * Where a collection group query (of group `groupId`) points: one document when `path` is a
 * full document path, else the group as a whole.
 */
function groupAsk(
  groupId: string,
  path: string | null,
): Pick<RuleRequest, 'collection' | 'id' | 'group'> {
  if (path === null || !path.includes('/')) return { collection: groupId, id: null, group: 'query' }
  return { ...splitDocPath(path), group: 'document' }
}

/** Where a query points, for the message of its denial. */
export function listAsk(
  query: QuerySpec,
  id: string | null = null,
): Pick<RuleRequest, 'collection' | 'id' | 'group'> {
  return query.group
    ? { collection: query.collection, id: null, group: 'query' }
    : { collection: query.collection, id }
}

/** The id of a document listener's query (`where(documentId(), '==', id)` alone), else null. */
export function listenedDocument(query: QuerySpec): string | null {
  if (query.group) return null
  const f = query.filter
  if (!f || f.type !== 'where' || f.field !== DOCUMENT_ID || f.op !== '==') return null
  if (query.startAt || query.endAt || query.offset) return null
  return typeof f.value === 'string' ? f.value : null
}
