import { MetalError } from '../../errors.js'
import type { Backend } from '../../protocol/backend.js'

/** Options of a remote backend: where the Metal server is. */
export interface RemoteBackendOptions {
  /** The server's URL (`http(s)://` or `ws(s)://`). */
  url: string
}

/**
 * The backend of a Metal server at `url`. This version of @metal/core accepts the URL but has no
 * server to talk to yet: every connection attempt fails with `unavailable`, so the client stays
 * offline (writes queue, reads fail `unavailable`) and keeps retrying with backoff.
 */
export function remote(options: RemoteBackendOptions): Backend {
  return {
    connect() {
      throw new MetalError(
        'unavailable',
        `connect(): cannot reach the Metal server at '${options.url}': this version of @metal/core has no remote transport yet`,
      )
    },
  }
}
