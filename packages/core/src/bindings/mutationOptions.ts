import { describe, invalidArgument } from '../errors.js'
import { MUTATION_DEFAULTS } from './bindingDefaults.js'
import { runMetalWrite, type MetalWrite } from './writes.js'
import type { Metal } from '../metal.js'
import type { DocumentData } from '../types.js'

/**
 * Options for a mutation over Metal writes (spread into `useMutation`): the mutation function
 * applies a {@link MetalWrite} to `collection` and resolves on commit with the document id, and
 * `networkMode: 'always'` lets writes made offline queue in Metal instead of pausing.
 * `collection` may be a getter, read when each write is made.
 */
export function metalMutationOptions<T = DocumentData>(
  metal: Metal,
  collection: string | (() => string),
  call = 'metalMutationOptions()',
) {
  if (typeof collection === 'string') metal.db().collection(collection)
  else if (typeof collection !== 'function') {
    throw invalidArgument(
      call,
      `collection must be a collection path or a getter of one, got ${describe(collection)}`,
    )
  }
  const path = typeof collection === 'string' ? () => collection : collection
  return {
    ...MUTATION_DEFAULTS,
    mutationFn: (write: MetalWrite<T>): Promise<string | undefined> =>
      runMetalWrite(metal, path(), write),
  }
}
