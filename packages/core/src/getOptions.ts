import { describe, invalidArgument } from './errors.js'
import type { GetSource } from './client/store.js'

export type { GetSource } from './client/store.js'

/** Options of `get()` on documents and queries (Firestore's `GetOptions`). */
export interface GetOptions {
  /**
   * Where to read: `'default'` asks the backend, or reads the local cache while offline;
   * `'server'` only asks the backend (`unavailable` offline); `'cache'` only reads the local
   * cache (a document it does not hold fails `unavailable`).
   * @default 'default'
   */
  source?: GetSource
}

/** The checked value of option `name` of `options`: one of `choices` (the first by default). */
export function choiceOption<C extends string>(
  call: string,
  options: unknown,
  name: string,
  choices: readonly C[],
): C {
  if (options === undefined) return choices[0] as C
  if (typeof options !== 'object' || options === null)
    throw invalidArgument(call, `options must be an object, got ${describe(options)}`)
  const value = (options as Record<string, unknown>)[name] ?? choices[0]
  if (!choices.includes(value as C))
    throw invalidArgument(
      call,
      `option '${name}' must be '${choices.join("', '")}', got ${describe(value)}`,
    )
  return value as C
}

/** The checked `source` of `get(options)`. */
export const getSource = (call: string, options: unknown): GetSource =>
  choiceOption(call, options, 'source', ['default', 'server', 'cache'])
