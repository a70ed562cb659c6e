/**
 * Runs a user callback. Listeners run inside writes and message handling, so one that throws
 * must not abort the write, strand pending state, or starve the listeners after it: its error
 * is logged instead.
 */
export function guard(what: string, fn: () => void): void {
  try {
    fn()
  } catch (error) {
    console.error(`Metal: ${what} threw:`, error)
  }
}
