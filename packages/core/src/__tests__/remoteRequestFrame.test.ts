import { describe, expect, it } from 'vitest'
import { requestFrame } from '../backends/remote/requestFrame.js'
import { toSetWrite, toUpdateWrite } from '../engine/writeInput.js'
import { Metal, arrayUnion, deleteField, increment, serverTimestamp } from '../index.js'
import { encodeRequestFrame } from '../protocol/wire.js'
import type { BackendRequest } from '../protocol/backend.js'

// The remote backend encodes requests without the protocol's decoders (so apps on a server do
// not download them); the wire form must stay exactly the protocol's.

function sampleRequests(): BackendRequest[] {
  const metal = new Metal({ projectId: 'frames' })
  const query = metal
    .db()
    .collection('users')
    .where('age', '>', 3)
    .where('tags', 'array-contains', { $metal: 'not a sentinel' })
    .orderBy('age')
    .startAfter(3)
    .limit(2).spec
  metal.close()
  return [
    { type: 'get', collection: 'users', id: 'u1', txId: 't' },
    { type: 'query', query },
    {
      type: 'commit',
      writes: [
        toSetWrite(
          'set()',
          'users',
          'u1',
          { n: increment(1), at: serverTimestamp() },
          {
            merge: true,
          },
        ),
        toSetWrite('set()', 'users', 'u2', { m: { $metal: 1 } }, { mergeFields: ['m'] }),
        toUpdateWrite('update()', 'users', 'u3', [
          { 'a.b': arrayUnion(1, { x: 2 }), gone: deleteField() },
        ]),
        { op: 'delete', collection: 'users', id: 'u4', precondition: { version: 3 } },
      ],
      checks: [{ collection: 'users', id: 'u5', version: 0 }],
      mutationId: 'm-1',
    },
    { type: 'listen', targetId: 1, query, resume: 'epoch:7' },
    { type: 'aggregate', query, aggregates: { n: { op: 'count' } } },
    { type: 'listenAggregate', targetId: 2, query, aggregates: { s: { op: 'sum', field: 'n' } } },
    { type: 'unlisten', targetId: 1 },
    { type: 'beginTransaction' },
    { type: 'rollback', txId: 't' },
    { type: 'authenticate', credential: { type: 'custom', token: 't', metadata: { r: 1 } } },
    { type: 'signOut' },
    { type: 'presenceSubscribe', room: 'lobby' },
    { type: 'presenceUnsubscribe', room: 'lobby' },
    { type: 'presenceTrack', room: 'lobby', diff: { userId: 'u1', unset: ['cursor'] } },
    { type: 'presenceUntrack', room: 'lobby' },
    { type: 'presenceHeartbeat' },
  ]
}

describe('remote request frames', () => {
  it('are exactly the protocol’s frames, for every request type', () => {
    const requests = sampleRequests()
    expect(new Set(requests.map((r) => r.type)).size).toBe(16)
    requests.forEach((request, id) => {
      expect(requestFrame(id, request)).toBe(encodeRequestFrame(id, request))
    })
  })
})
