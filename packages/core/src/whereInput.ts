import { describe, invalidArgument } from './errors.js'
import {
  and,
  checkFilterNesting,
  isFilter,
  where as whereFilter,
  type Filter,
} from './engine/filter.js'
import type { WhereFilterOp } from './types.js'

// The arguments of `where()` as a filter, shared by Query and CompositeQuery.

/** ANDs `next` onto the filter a query already has. */
export function appendFilter(current: Filter | undefined, next: Filter): Filter {
  if (!current) return next
  if (current.type === 'and') return and(...current.filters, next)
  return and(current, next)
}

/**
 * Reads `where()`'s arguments: `(field, op, value)`, a filter built with `where()`/`or()`/`and()`,
 * or an object whose every key must equal its value. `argc` is how many arguments were given.
 */
export function toFilter(
  fieldOrFilter: unknown,
  op: unknown,
  value: unknown,
  argc: number,
): Filter {
  if (argc === 1) {
    if (isFilter(fieldOrFilter)) return checkFilterNesting('where()', fieldOrFilter)
    if (
      typeof fieldOrFilter === 'object' &&
      fieldOrFilter !== null &&
      !Array.isArray(fieldOrFilter)
    ) {
      const entries = Object.entries(fieldOrFilter)
      if (entries.length === 0)
        throw invalidArgument('where()', 'equality object must have at least one field')
      const parts = entries.map(([f, v]) => whereFilter(f, '==', v))
      return parts.length === 1 ? (parts[0] as Filter) : and(...parts)
    }
    throw invalidArgument(
      'where()',
      `expected (field, op, value), a filter or an equality object, got ${describe(fieldOrFilter)}`,
    )
  }
  return whereFilter(fieldOrFilter as string, op as WhereFilterOp, value)
}
