import { invalidArgument } from './errors.js'
import { getDocField, parseFieldPath } from './engine/fieldPath.js'
import { checkCursorValues } from './engine/queryChecks.js'
import { effectiveOrderBy, type BoundSpec, type QuerySpec } from './engine/querySpec.js'

/** What a cursor reads of a document snapshot. */
interface CursorSnapshot {
  readonly id: string
  readonly exists: boolean
  data(): unknown
  /** The first of `fields` holding a `serverTimestamp()` not committed yet. */
  pendingTimestampIn?(fields: readonly string[]): string | undefined
}

/**
 * A cursor from a document snapshot (its values of every field the query orders by, implicit
 * inequality keys included, and its id) or from values given for the explicit orderBy fields,
 * as Cloud Firestore builds them; `call` names the cursor method in errors.
 */
export function cursorBound(
  call: string,
  spec: Pick<QuerySpec, 'orderBy' | 'filter'>,
  at: unknown[],
  inclusive: boolean,
  snap: CursorSnapshot | undefined,
): BoundSpec {
  if (!snap) return { values: checkCursorValues(call, spec.orderBy, at), inclusive }
  if (!snap.exists)
    throw invalidArgument(call, `snapshot of '${snap.id}' is of a document that does not exist`)
  const order = effectiveOrderBy(spec)
  const pending = snap.pendingTimestampIn?.(order.map((o) => o.field))
  if (pending !== undefined)
    throw invalidArgument(
      call,
      `field '${pending}' of '${snap.id}' is a server timestamp not yet set`,
    )
  const values = order.map((o) => {
    const v = getDocField(snap.id, snap.data(), parseFieldPath(call, o.field))
    if (v === undefined) {
      throw invalidArgument(
        call,
        `snapshot of '${snap.id}' has no field '${o.field}' to match orderBy('${o.field}')`,
      )
    }
    return v
  })
  return { values, id: snap.id, inclusive }
}
