import { encodeQuerySpec, encodeWrite } from '../../engine/codec.js'
import type { BackendRequest } from '../../protocol/backend.js'
import type { WireRequest } from '../../protocol/decode.js'

// The client's half of `encodeRequestFrame` (protocol/wire.ts), kept apart from it because
// wire.ts reaches the request decoders (protocol/decode.ts), which a client never runs and which
// would otherwise ride along in every app on a server. A test checks that both give the same
// text for every request type; once protocol/ keeps its encoders in a module of their own, this
// file can go.

/** The text of a request frame: `{ id, request }` with the request's queries and writes encoded. */
export function requestFrame(id: number, request: BackendRequest): string {
  const frame: { id: number; request: WireRequest } = { id, request: wireRequest(request) }
  return JSON.stringify(frame)
}

function wireRequest(request: BackendRequest): WireRequest {
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
