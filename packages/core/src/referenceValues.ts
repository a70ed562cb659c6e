import { isRefValue, REF_KEY } from './engine/values.js'

// Stored references (`{ __ref__: path }`, engine/values.ts) become DocumentReferences of the
// reading client when data leaves a snapshot, as Firestore's `data()` gives references.

/** Converted values, per client (its store) and stored value. */
const converted = new WeakMap<object, WeakMap<object, unknown>>()

/**
 * `value` with every stored reference in it replaced by `refAt(path)` (a DocumentReference of
 * the client `owner`): the same object when it holds none, else a deep-frozen copy made once per
 * client and value, so `data()` keeps returning one object for one document state.
 */
export function withReferences(
  value: unknown,
  owner: object,
  refAt: (path: string) => unknown,
): unknown {
  if (typeof value !== 'object' || value === null) return value
  let cache = converted.get(owner)
  if (!cache) converted.set(owner, (cache = new WeakMap()))
  let out = cache.get(value)
  if (out === undefined) {
    out = convert(value, refAt)
    cache.set(value, out)
  }
  return out
}

function convert(value: unknown, refAt: (path: string) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (isRefValue(value)) return refAt(value[REF_KEY])
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const v = convert(value[i], refAt)
      if (v !== value[i]) (copy ??= value.slice())[i] = v
    }
    return copy ? Object.freeze(copy) : value
  }
  let copy: Record<string, unknown> | undefined
  const map = value as Record<string, unknown>
  for (const key of Object.keys(map)) {
    const v = convert(map[key], refAt)
    if (v !== map[key]) (copy ??= { ...map })[key] = v
  }
  return copy ? Object.freeze(copy) : value
}
