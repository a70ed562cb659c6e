import { encodeQuerySpec, encodeWrite } from '../engine/codec.js'
import type { BackendRequest } from './backend.js'
import type { WireRequest } from './decode.js'

// The client's half of the request codec: kept apart from the decoders (decode.ts), which only
// a backend runs, so a client on a server does not carry them.

/** The wire form of a request (JSON-ready: `JSON.stringify` it). */
export function encodeRequest(request: BackendRequest): WireRequest {
  switch (request.type) {
    case 'query':
    case 'listen':
    case 'aggregate':
    case 'listenAggregate':
      return { ...request, query: encodeQuerySpec(request.query) }
    case 'commit':
      return { ...request, writes: request.writes.map(encodeWrite) }
    default:
      return { ...request }
  }
}
