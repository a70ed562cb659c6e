// Immutable reads and writes of form values by dotted path (`address.city`, `tags.0`).

const isIndex = (key: string) => /^(0|[1-9]\d*)$/.test(key)

/** The value at a dotted path, or `undefined`. */
export function getAt(values: unknown, path: string): unknown {
  if (path === '') return values
  let node = values
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** A copy of `values` with `value` at the dotted path; containers on the way are copied. */
export function setAt<T>(values: T, path: string, value: unknown): T {
  if (path === '') return value as T
  const [key, ...rest] = path.split('.') as [string, ...string[]]
  const tail = rest.join('.')
  if (Array.isArray(values)) {
    const copy = [...values]
    copy[Number(key)] = setAt(copy[Number(key)], tail, value)
    return copy as T
  }
  const base =
    values !== null && typeof values === 'object'
      ? (values as Record<string, unknown>)
      : isIndex(key)
        ? []
        : {}
  if (Array.isArray(base)) return setAt(base, path, value) as T
  return { ...base, [key]: setAt(base[key], tail, value) } as T
}

/** Deep equality of plain JSON-like values. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((x, i) => valuesEqual(x, other[i]))
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        valuesEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  )
}

/** Whether `path` is `prefix` or lies under it. */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}.`)
}
