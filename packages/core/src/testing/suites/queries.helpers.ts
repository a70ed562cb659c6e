import { expect } from 'vitest'
import { MetalError } from '../../index.js'
import type { DocumentData, QuerySnapshot } from '../../index.js'

// What the query suites share: reading ids and errors, and a collection of mixed value types.

/** The ids of a snapshot's documents, in order. */
export function ids(snapshot: QuerySnapshot): string[] {
  return snapshot.docs.map((d) => d.id)
}

/** The ids a query returns, in order. */
export async function idsOf(query: { get(): Promise<QuerySnapshot> }): Promise<string[]> {
  return ids(await query.get())
}

/** The error `fn` throws synchronously (fails the test when it does not). */
export function thrown(fn: () => unknown): MetalError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MetalError)
    return error as MetalError
  }
  throw new Error('expected a synchronous throw')
}

/**
 * One field, `v`, holding every kind of value, plus documents where it is missing. Ids sort in
 * the order listed, so a query with no orderBy returns matches in this order.
 */
export const MIXED: Record<string, DocumentData> = {
  a_null: { v: null },
  b_false: { v: false },
  c_true: { v: true },
  d_one: { v: 1 },
  e_two: { v: 2 },
  f_three: { v: 3.5 },
  g_str2: { v: '2' },
  h_strB: { v: 'b' },
  i_arr: { v: [1, 2] },
  j_map: { v: { x: 1 } },
  k_missing: { other: 1 },
  l_nested: { v: { x: 1, y: [2] } },
}
