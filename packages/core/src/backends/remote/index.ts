// The WebSocket client of a Metal server. `new Metal({ url })` loads it on demand, so apps on
// the embedded backend never download it (and apps on a server never download the embedded one).
export { remote } from './remoteBackend.js'
export type { RemoteBackendOptions } from './remoteBackend.js'
export type { WebSocketConstructor, WebSocketLike } from './webSocket.js'
export type { RemoteError } from './serverFrames.js'
