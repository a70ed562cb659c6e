import { seededRandom } from '@metal/core/testing'

// Seeded hostile frames for the WebSocket fuzz test: valid requests of every type, mutated at
// random places (wrong types, missing and unknown fields, `__proto__` keys, NaN-like strings,
// U+0000 and lone surrogates, 10,000-level nesting, large strings), plus frames that are not
// messages at all (not JSON, binary, invalid UTF-8, over the size limit). The same seed makes
// the same frames, so a failure replays.

/** One frame to send: text (possibly not JSON), or raw bytes as a text or binary frame. */
export type FuzzFrame =
  { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Buffer; binary: boolean; label: string }

/** Levels of the deeply nested values. */
export const DEEP_LEVELS = 10_000

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Text spliced into a frame where a marker string stands (what JSON.stringify cannot make). */
const RAW = {
  deepArray: '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS),
  deepObject: '{"a":'.repeat(DEEP_LEVELS) + '1' + '}'.repeat(DEEP_LEVELS),
  deepFilter:
    '{"type":"and","filters":['.repeat(DEEP_LEVELS) +
    '{"type":"where","field":"n","op":"==","value":1}' +
    ']}'.repeat(DEEP_LEVELS),
  infinity: '1e400',
  negativeZero: '-0',
  tiny: '1E-400',
  bigInt: '123456789012345678901234567890',
} as const

const marker = (name: keyof typeof RAW): string => `@@RAW:${name}@@`

const STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  'null',
  'true',
  '0x10',
  '1e999',
  '-0',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00y\ud83d',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$metal',
  '__name__',
  'a/b',
  '..',
  '.',
  '//',
  'a'.repeat(300),
  '\u202e\ufeff\u200b',
  'users/../../etc',
]

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'type',
  'id',
  'x',
  '',
  '\u0000',
  '\ud800',
  '$metal',
  'valueOf',
]

const UNKNOWN_TYPES = [
  'drop-database',
  'GET',
  'get ',
  'Commit',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'admin',
  '',
  'listen\u0000',
]

/** A frame generator for one seed. */
export function fuzzFrames(seed: number, projectId: string) {
  const random = seededRandom(seed)
  const int = (n: number): number => Math.floor(random() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T
  const chance = (p: number): boolean => random() < p
  let serial = 0

  /** A bad or odd value: wrong types, NaN-like strings, prototype names, deep nesting. */
  function junk(level = 0): Json {
    switch (int(12)) {
      case 0:
        return null
      case 1:
        return pick([true, false])
      case 2:
        return pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, -1e308, 5e-324, 4294967296])
      case 3:
      case 4:
        return pick(STRINGS)
      case 5:
        return level < 3 ? [junk(level + 1), junk(level + 1)] : []
      case 6:
        return level < 3 ? withKey({}, pick(KEYS), junk(level + 1)) : {}
      case 7:
        return marker(pick(['deepArray', 'deepObject', 'deepFilter'] as const))
      case 8:
        return marker(pick(['infinity', 'negativeZero', 'tiny', 'bigInt'] as const))
      case 9:
        return 'y'.repeat(int(60_000))
      case 10:
        return withKey({}, '__proto__', withKey({}, 'polluted', true))
      default:
        return withKey({}, 'constructor', withKey({}, 'prototype', withKey({}, 'polluted', true)))
    }
  }

  const query = (): { [key: string]: Json } => ({
    collection: pick(['c', 'c', 'users', 'c/x/sub']),
    orderBy: chance(0.5) ? [{ field: 'n', direction: pick(['asc', 'desc']) }] : [],
    ...(chance(0.5) ? { filter: { type: 'where', field: 'n', op: '>=', value: int(5) } } : {}),
    ...(chance(0.3) ? { limit: 1 + int(10) } : {}),
  })

  /** A valid request of each type (the mutations make most of them invalid). */
  function template(): { [key: string]: Json } {
    const id = `d${int(20)}`
    switch (int(15)) {
      case 0:
        return { type: 'get', collection: 'c', id }
      case 1:
      case 2:
        return { type: 'query', query: query() }
      case 3:
      case 4:
        return {
          type: 'commit',
          writes: [
            { collection: 'c', id, op: 'set', data: { n: int(5), s: pick(STRINGS) } },
            ...(chance(0.3) ? [{ collection: 'c', id: `e${int(5)}`, op: 'delete' }] : []),
          ],
          mutationId: `${projectId}-m${++serial}`,
        }
      case 5:
        return {
          type: 'commit',
          writes: [{ collection: 'c', id, op: 'update', fields: [['n', int(9)]] }],
        }
      case 6:
        return { type: 'listen', targetId: int(50), query: query() }
      case 7:
        return { type: 'unlisten', targetId: int(50) }
      case 8:
        return { type: 'aggregate', query: query(), aggregates: { total: { op: 'count' } } }
      case 9:
        return { type: 'rollback', txId: `tx${int(9)}` }
      case 10:
        return {
          type: 'authenticate',
          credential: { type: 'custom', token: 't', metadata: { userId: `u${int(3)}` } },
        }
      case 11:
        return { type: 'signOut' }
      case 12:
        return { type: 'presenceTrack', room: 'r', diff: { userId: 'u', status: 'online' } }
      case 13:
        return {
          type: pick(['presenceSubscribe', 'presenceUnsubscribe', 'presenceUntrack']),
          room: 'r',
        }
      default:
        return { type: pick(['presenceHeartbeat', 'beginTransaction']) }
    }
  }

  /** Changes `value` in 1–3 random places. */
  function mutate(value: { [key: string]: Json }): { [key: string]: Json } {
    for (let n = 1 + int(3); n > 0; n--) {
      const containers = containersOf(value)
      const target = pick(containers)
      const keys = Object.keys(target)
      switch (int(5)) {
        case 0:
          if (keys.length) (target as Record<string, Json>)[pick(keys)] = junk()
          break
        case 1:
          if (keys.length) delete (target as Record<string, Json>)[pick(keys)]
          break
        case 2:
          withKey(target, pick(KEYS), junk())
          break
        case 3:
          if ('type' in target) (target as Record<string, Json>).type = pick(UNKNOWN_TYPES)
          else withKey(target, pick(KEYS), junk())
          break
        default: {
          // Replace a whole nested part.
          const [parent, key] = pick(parentsOf(value)) ?? [value, 'type']
          ;(parent as Record<string, Json>)[key] = junk()
        }
      }
    }
    return value
  }

  /** A request frame: mostly with a usable id, sometimes a broken frame. */
  function request(id: number): FuzzFrame {
    const body = chance(0.12) ? template() : mutate(template())
    let frame: { [key: string]: Json } = { id, request: body }
    if (chance(0.06)) {
      frame = pick<() => { [key: string]: Json }>([
        () => ({ request: body }),
        () => ({ id: pick(['1', -1, 1.5, null, 2 ** 60, [1]]), request: body }),
        () => withKey({ id, request: body }, pick(KEYS), junk()),
        () => ({ id }),
        () => ({ hello: { protocol: 1, projectId } }),
      ])()
    }
    return { kind: 'text', text: encode(frame) }
  }

  /** A frame that is not a message: not JSON, binary, invalid UTF-8, top-level junk. */
  function nonMessage(): FuzzFrame {
    switch (int(6)) {
      case 0: {
        const text = Array.from({ length: 1 + int(40) }, () =>
          String.fromCharCode(int(0x3000)),
        ).join('')
        return { kind: 'text', text: pick(['', text, '{', '{"id":1,', 'hello?', "{'id':1}"]) }
      }
      case 1:
        return {
          kind: 'bytes',
          bytes: Buffer.from(Array.from({ length: int(64) }, () => int(256))),
          binary: true,
          label: 'binary frame',
        }
      case 2: {
        const bad = pick([
          [0xff],
          [0xc0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xe2, 0x82],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
        ])
        return {
          kind: 'bytes',
          bytes: Buffer.concat([
            Buffer.from('{"id":1,"request":{"type":"get","id":"'),
            Buffer.from(bad),
            Buffer.from('"}}'),
          ]),
          binary: false,
          label: 'invalid UTF-8',
        }
      }
      default:
        return { kind: 'text', text: encode(junk() as Json) }
    }
  }

  /** A hello, valid or mutated. */
  function hello(): FuzzFrame {
    const fields: { [key: string]: Json } = { protocol: 1, projectId, apiKey: 'k' }
    if (chance(0.1)) fields.protocol = pick([0, 2, '1', 1.0001, null])
    const base: { [key: string]: Json } = { hello: fields }
    return { kind: 'text', text: encode(chance(0.15) ? base : mutate(base)) }
  }

  /** A frame over `limit` bytes. */
  function oversized(limit: number, id: number): FuzzFrame {
    const data = { blob: 'z'.repeat(limit + int(limit)) }
    const body = { type: 'commit', writes: [{ collection: 'c', id: 'big', op: 'set', data }] }
    return { kind: 'text', text: encode({ id, request: body }) }
  }

  return { request, nonMessage, hello, oversized, chance, int }
}

function encode(value: Json): string {
  return JSON.stringify(value).replace(
    /"@@RAW:(\w+)@@"/g,
    (_, name: string) => RAW[name as keyof typeof RAW],
  )
}

/** Sets `key` as an own property, even `__proto__` (assignment would set the prototype). */
function withKey(target: object, key: string, value: Json): { [key: string]: Json } {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return target as { [key: string]: Json }
}

function containersOf(value: Json): object[] {
  const out: object[] = []
  const visit = (v: Json, level: number): void => {
    if (typeof v !== 'object' || v === null || level > 6) return
    out.push(v)
    for (const child of Object.values(v)) visit(child, level + 1)
  }
  visit(value, 0)
  return out
}

function parentsOf(value: Json): [object, string][] {
  const out: [object, string][] = []
  const visit = (v: Json, level: number): void => {
    if (typeof v !== 'object' || v === null || level > 6) return
    for (const [key, child] of Object.entries(v)) {
      out.push([v, key])
      visit(child, level + 1)
    }
  }
  visit(value, 0)
  return out
}
