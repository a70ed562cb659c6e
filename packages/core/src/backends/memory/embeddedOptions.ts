import { MetalError, describe, invalidArgument } from '../../errors.js'

/** Where the embedded backend keeps its documents, and whether the tabs of a site share them. */
export interface EmbeddedOptions {
  /**
   * `'indexeddb'` keeps documents in the browser's IndexedDB, so they survive reloads; `false`
   * keeps them in this page's memory only (gone on reload).
   * @default false
   */
  persistence?: 'indexeddb' | false
  /**
   * The IndexedDB database holding the documents (with `persistence: 'indexeddb'`).
   * @default 'metal-embedded'
   */
  databaseName?: string
  /**
   * With `persistence: 'indexeddb'`: the tabs of the site share one database. One tab holds it
   * (a Web Lock) and serves the others over a BroadcastChannel, so every tab sees every write
   * live; when that tab closes, another takes over. `false`: each tab keeps its own copy, read
   * from IndexedDB when it starts, and sees other tabs' writes only after a reload.
   * @default true
   */
  shareTabs?: boolean
}

/**
 * Checks the embedded options of `call`; throws `invalid-argument` naming the bad one, or
 * `failed-precondition` when IndexedDB is asked for where there is none (Node, server
 * rendering). From `new Metal()` (`inMetal`), options are named `embedded.*`, and `embedded`
 * must come without the `url` or `backend` that would leave it unused.
 */
export function checkEmbeddedOptions(
  call: string,
  options: EmbeddedOptions,
  inMetal?: { url?: unknown; backend?: unknown },
): void {
  const { persistence: p, databaseName: n, shareTabs: s } = options
  const bad = (name: string, want: string, got: unknown): never => {
    const option = inMetal ? (name ? `embedded.${name}` : 'embedded') : name
    throw invalidArgument(call, `option '${option}' must be ${want}, got ${describe(got)}`)
  }
  if (inMetal && (inMetal.url ?? inMetal.backend))
    bad('', "left out with 'url' or 'backend'", options)
  if (p !== undefined && p !== false && p !== 'indexeddb')
    bad('persistence', "'indexeddb' or false", p)
  if (n !== undefined && (typeof n !== 'string' || !n)) bad('databaseName', 'a non-empty string', n)
  if (s !== undefined && typeof s !== 'boolean') bad('shareTabs', 'a boolean', s)
  if (!p && (n ?? s) !== undefined)
    bad(
      n === undefined ? 'shareTabs' : 'databaseName',
      "given with persistence: 'indexeddb'",
      n ?? s,
    )
  if (p && typeof (globalThis as { indexedDB?: unknown }).indexedDB !== 'object')
    throw new MetalError('failed-precondition', `${call}: IndexedDB is not available here`)
}
