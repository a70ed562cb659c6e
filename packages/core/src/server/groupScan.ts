import { docPath, inGroup } from '../engine/collectionGroup.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { StoredDoc } from '../engine/write.js'
import type { DocChange } from './storage.js'

// What the server logic does for collection group queries whatever stores the data: a group
// query's entries carry their full document path as their id (see engine/collectionGroup.ts).

/** A stored document as a group query's entry: its id is the full path. */
export function groupEntry(collection: string, doc: StoredDoc): StoredDoc {
  return { ...doc, id: docPath(collection, doc.id) }
}

/** A change as a group query sees it: the document keyed by its full path. */
export function groupChange(change: DocChange): DocChange {
  const { collection } = change
  return {
    collection,
    id: docPath(collection, change.id),
    before: change.before && groupEntry(collection, change.before),
    after: change.after && groupEntry(collection, change.after),
  }
}

/**
 * The candidates of a query over collections kept in maps (the embedded storages): the
 * collection's documents, or for a group query every document of every collection in the group,
 * keyed by full path.
 */
export function* scanMaps(
  collections: ReadonlyMap<string, ReadonlyMap<string, StoredDoc>>,
  query: QuerySpec,
): Iterable<StoredDoc> {
  if (!query.group) {
    const docs = collections.get(query.collection)
    if (docs) yield* docs.values()
    return
  }
  for (const [collection, docs] of collections) {
    if (!inGroup(collection, query.collection)) continue
    for (const doc of docs.values()) yield groupEntry(collection, doc)
  }
}
