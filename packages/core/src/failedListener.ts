import { MetalError } from './errors.js'
import { checkUsablePath } from './engine/writeInput.js'
import type { Unsubscribe } from './types.js'

// A listener that cannot start because of what it listens to (a reserved id) fails the way a
// backend's refusal would: through its error callback, after subscribe() has returned.

/** The error a read or listen of `path` gets for a reserved id (`__x__`) in it, or undefined. */
export function usablePathError(call: string, path: string): MetalError | undefined {
  try {
    checkUsablePath(call, path)
    return undefined
  } catch (error) {
    if (MetalError.is(error)) return error
    throw error
  }
}

/**
 * Delivers `error` to `onError` (or the console without one) once the current call has
 * returned, unless the returned unsubscribe is called first.
 */
export function failedListener(
  error: MetalError,
  onError: ((error: MetalError) => void) | undefined,
): Unsubscribe {
  let active = true
  queueMicrotask(() => {
    if (!active) return
    if (onError) onError(error)
    else console.error('Metal: subscription failed:', error)
  })
  return () => {
    active = false
  }
}
