import { describe, invalidArgument, type MetalError } from './errors.js'

/** Options of `subscribe()` on queries, collections and documents. */
export interface SubscribeOptions {
  /**
   * Also deliver a snapshot when only `hasPendingWrites` changed: the one in which a local write
   * is saved (committed by the backend), or in which a write that leaves the data as it was
   * becomes pending. Its changes list those documents as `modified` at their unchanged index.
   * @default false
   */
  includeMetadataChanges?: boolean
}

/** `subscribe(onNext, options)` or `subscribe(onNext, onError?, options?)`, checked. */
export function subscribeArgs(
  call: string,
  onNext: unknown,
  second: unknown,
  third: unknown,
): { onError: ((error: MetalError) => void) | undefined; includeMetadataChanges: boolean } {
  const asOptions = typeof second === 'object' && second !== null && third === undefined
  const onError = asOptions ? undefined : second
  const options = (asOptions ? second : third) ?? {}
  const { includeMetadataChanges = false } = options as SubscribeOptions
  const check = (ok: boolean, what: string, value: unknown): void => {
    if (!ok) throw invalidArgument(call, `${what}, got ${describe(value)}`)
  }
  check(typeof onNext === 'function', 'listener must be a function', onNext)
  check(
    onError === undefined || typeof onError === 'function',
    'error listener must be a function',
    onError,
  )
  check(typeof options === 'object' && options !== null, 'options must be an object', options)
  check(
    typeof includeMetadataChanges === 'boolean',
    "option 'includeMetadataChanges' must be a boolean",
    includeMetadataChanges,
  )
  return { onError: onError as ((error: MetalError) => void) | undefined, includeMetadataChanges }
}
