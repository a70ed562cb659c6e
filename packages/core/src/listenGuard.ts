import type { MetalError } from './errors.js'
import { failedListener, usablePathError } from './failedListener.js'
import type { Unsubscribe } from './types.js'

/**
 * Starts a listen whose deliveries are first turned into a result by `prepare` (snapshots, with a
 * converter's models), then handed to `deliver`. When `prepare` throws (a converter failed), the
 * listen stops and `fail` gets the error once, as for a listen the backend failed; nothing of
 * that delivery reaches the listener.
 */
export function guardedListen<A extends unknown[], R>(
  start: (next: (...args: A) => void, error: (error: MetalError) => void) => Unsubscribe,
  prepare: (...args: A) => R,
  deliver: (result: R) => void,
  fail: (error: MetalError) => void,
): Unsubscribe {
  let failed = false
  let stop: Unsubscribe | undefined = undefined
  stop = start(
    (...args) => {
      if (failed) return
      let result: R
      try {
        result = prepare(...args)
      } catch (error) {
        failed = true
        // The first delivery may come before `start` returns.
        if (stop) stop()
        else queueMicrotask(() => stop?.())
        fail(error as MetalError)
        return
      }
      deliver(result)
    },
    (error) => {
      if (!failed) fail(error)
    },
  )
  return () => {
    failed = true
    stop?.()
  }
}

/** A listen whose code loads on first use: it starts when `load` resolves, unless stopped first. */
export function lazyListen(load: () => Promise<() => Unsubscribe>): Unsubscribe {
  let stop: Unsubscribe | undefined
  let active = true
  void load().then((start) => {
    if (active) stop = start()
  })
  return () => {
    active = false
    stop?.()
  }
}

/**
 * A listener refused for what it listens to (a reserved id in `path`): it fails through its
 * error callback, as a backend's refusal would. Undefined when the path is usable.
 */
export function refusedListen(
  call: string,
  path: string,
  onError: ((error: MetalError) => void) | undefined,
): Unsubscribe | undefined {
  const error = usablePathError(call, path)
  return error && failedListener(error, onError)
}
