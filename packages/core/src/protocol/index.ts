// The protocol, published as `@metal/core/protocol`: the messages between a client and any
// backend, the Backend interface, and the codec of requests a server receives as JSON.
export type {
  Backend,
  BackendConnection,
  BackendPush,
  BackendRequest,
  BackendResponses,
  ConnectOptions,
  TargetChange,
  VersionCheck,
  Requester,
} from './backend.js'
export { checkCredential, toSession } from './session.js'
export { decodeJwt } from './jwt.js'
export type { Session, SessionData, Credential } from './session.js'
export type {
  PresenceMember,
  PresenceMemberData,
  PresenceMessage,
  PresenceNotice,
  PresenceEventType,
  PresenceDiff,
} from './presence.js'
export {
  MAX_PRESENCE_NAME_BYTES,
  MAX_PRESENCE_PAYLOAD_BYTES,
  checkPresenceEvent,
  checkPresencePayload,
  checkRoom,
  checkPresenceUserId,
  checkPresenceStatus,
  checkPresenceMetadata,
  checkPresenceDiff,
} from './presenceChecks.js'
export { MAX_REQUEST_ID_BYTES, MAX_TOKEN_BYTES, decodeRequest } from './decode.js'
export { encodeRequest } from './encode.js'
export type { WireRequest } from './decode.js'
export {
  PROTOCOL_VERSION,
  SOCKET_PATH,
  CLOSE_CODES,
  MAX_HELLO_FIELD_BYTES,
  FrameError,
  checkHello,
  decodeClientFrame,
  encodeHello,
  encodeRequestFrame,
  parseServerFrame,
  socketUrl,
  toWireError,
} from './wire.js'
export type { ClientFrame, Hello, ServerFrame, Welcome, WireError } from './wire.js'
