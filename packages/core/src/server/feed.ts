import type { QuerySpec } from '../engine/querySpec.js'
import type { StoredDoc } from '../engine/write.js'
import type { BackendPush, TargetChange } from '../protocol/backend.js'
import type { ChangeFeed } from './storage.js'

// What the server logic does with a storage's change feed (storages shared by processes):
// resume tokens, and the first message of a listen that resumes from one.

/** A resume token: the feed's epoch and a position in it. */
export function resumeToken(feed: ChangeFeed, position: number): string {
  return `${feed.epoch}:${position}`
}

/** The position a token names, or undefined when it is not from this feed's epoch. */
export function tokenPosition(feed: ChangeFeed, token: string): number | undefined {
  const colon = token.lastIndexOf(':')
  if (colon < 0 || token.slice(0, colon) !== feed.epoch) return undefined
  const position = Number(token.slice(colon + 1))
  return Number.isSafeInteger(position) && position >= 0 ? position : undefined
}

/**
 * True when a query's result is a function of each document alone, so what changed since a
 * position can be sent as a delta. A window (limit, offset) can pull in documents that did not
 * change when others leave, so those queries are resent whole.
 */
export function resumable(query: QuerySpec): boolean {
  // The log is searched per collection: a collection group query is resent whole.
  return query.limit === undefined && query.offset === undefined && !query.group
}

/**
 * The first message of a listen: `resumed` with what changed since the client's token when
 * the feed still reaches back to it, else the whole result (`initial`).
 */
export async function firstMessage(
  feed: ChangeFeed | undefined,
  projectId: string,
  targetId: number,
  query: QuerySpec,
  result: readonly StoredDoc[],
  resume: string | undefined,
  position: number,
): Promise<Extract<BackendPush, { type: 'target' }>> {
  const token = feed ? resumeToken(feed, position) : undefined
  const whole = {
    type: 'target' as const,
    targetId,
    upserts: [...result],
    removes: [],
    initial: true,
    ...(token === undefined ? {} : { resume: token }),
  }
  if (!feed || resume === undefined || !resumable(query)) return whole
  const since = tokenPosition(feed, resume)
  if (since === undefined || since > position) return whole
  const changed = await feed.changedSince(projectId, query.collection, since)
  return changed ? delta(targetId, result, changed, token as string) : whole
}

/** The documents of `result` that changed, and the changed ids no longer in it. */
function delta(
  targetId: number,
  result: readonly StoredDoc[],
  changed: ReadonlySet<string>,
  token: string,
): Extract<BackendPush, { type: 'target' }> {
  const change: TargetChange = { targetId, upserts: [], removes: [] }
  const present = new Set<string>()
  for (const doc of result) {
    present.add(doc.id)
    if (changed.has(doc.id)) change.upserts.push(doc)
  }
  for (const id of changed) if (!present.has(id)) change.removes.push(id)
  return { type: 'target', ...change, resumed: true, resume: token }
}
