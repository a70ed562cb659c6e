// ─── Document references ────────────────────────────────────────────────────────────────────────
// A reference is stored, sent and kept in memory as a map with one key: `{ __ref__: 'users/u1' }`
// (the document's full path). User maps can never hold that key (names like `__x__` are
// reserved), so the form is unambiguous wherever a document travels as JSON or a structured
// clone: the wire, PostgreSQL's JSONB, IndexedDB, between tabs, REST bodies. documentRef.ts
// turns a client's DocumentReference into it; the client turns it back in `data()`.

/** The one key of a stored reference. */
export const REF_KEY = '__ref__'

/** A document reference as a stored value. */
export interface RefValue {
  readonly [REF_KEY]: string
}

/** True for a stored reference (every map with a `__ref__` key is one; see the banner). */
export function isRefValue(value: unknown): value is RefValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, REF_KEY)
  )
}

// ─── Type order ─────────────────────────────────────────────────────────────────────────────────
// null < boolean < number < string < reference < array < map, as Cloud Firestore orders mixed
// types.

/** Rank of a value's type in the cross-type order. */
export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 0
  switch (typeof value) {
    case 'boolean':
      return 1
    case 'number':
      return 2
    case 'string':
      return 3
    default:
      return Array.isArray(value) ? 5 : isRefValue(value) ? 4 : 6
  }
}

/**
 * Orders strings by Unicode code point, which is the order of their UTF-8 bytes (how Cloud
 * Firestore orders strings and document ids). JS `<` compares UTF-16 code units instead; the two
 * differ only where a surrogate (half of a character at U+10000 and above) meets a character in
 * U+E000–U+FFFF, so only that case is corrected.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  const n = a.length < b.length ? a.length : b.length
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800) {
      // Move surrogates (0xD800–0xDFFF) above 0xE000–0xFFFF, keeping each range's own order.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000
    }
    return x < y ? -1 : 1
  }
  return a.length < b.length ? -1 : 1
}

/** Total order over stored values: by type rank, then within the type. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  const ta = typeof a
  if (ta === typeof b) {
    // Fast paths for the common cases; same results as the general code below.
    if (ta === 'number')
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    if (ta === 'string') return compareStrings(a as string, b as string)
  }
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 0:
      return 0
    case 1:
      return (a as boolean) === (b as boolean) ? 0 : a ? 1 : -1
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    case 3:
      return compareStrings(a as string, b as string)
    case 4:
      // By path segments, as Firestore orders references: the order of arrays of strings.
      return compareValues((a as RefValue)[REF_KEY].split('/'), (b as RefValue)[REF_KEY].split('/'))
    case 5: {
      const xa = a as readonly unknown[]
      const xb = b as readonly unknown[]
      const n = Math.min(xa.length, xb.length)
      for (let i = 0; i < n; i++) {
        const c = compareValues(xa[i], xb[i])
        if (c !== 0) return c
      }
      return xa.length - xb.length
    }
    default: {
      const ma = a as Record<string, unknown>
      const mb = b as Record<string, unknown>
      const ka = Object.keys(ma).sort(compareStrings)
      const kb = Object.keys(mb).sort(compareStrings)
      const n = Math.min(ka.length, kb.length)
      for (let i = 0; i < n; i++) {
        const x = ka[i] as string
        const y = kb[i] as string
        if (x !== y) return compareStrings(x, y)
        const c = compareValues(ma[x], mb[y])
        if (c !== 0) return c
      }
      return ka.length - kb.length
    }
  }
}

/** Deep equality of stored values (numbers by value, maps regardless of key order). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ma = a as Record<string, unknown>
  const mb = b as Record<string, unknown>
  const ka = Object.keys(ma)
  if (ka.length !== Object.keys(mb).length) return false
  for (const k of ka) if (!(k in mb) || !valuesEqual(ma[k], mb[k])) return false
  return true
}
