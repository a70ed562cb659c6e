import { describe, invalidArgument } from '../errors.js'
import { DOCUMENT_ID, parseFieldPath } from './fieldPath.js'

// Field paths as apps give them: dotted strings (`'metadata.lastLogin'`) or FieldPath objects,
// whose segments may hold any character. Query specs keep one string per field, the canonical
// form that `parseFieldPath` reads, so specs stay plain JSON.

/** Characters a dotted field-path string may not hold (Cloud Firestore's rule). */
const RESERVED = /[~*/[\]]/

/** A segment written without quotes in the canonical form. */
const SIMPLE = /^[a-zA-Z_][a-zA-Z_0-9]*$/

/**
 * Cloud Firestore's canonical form of a field path: segments joined with dots, each one that is
 * not a simple identifier quoted in backticks with backtick and backslash escaped.
 */
export function canonicalFieldPath(segments: readonly string[]): string {
  return segments
    .map((s) => (SIMPLE.test(s) ? s : `\`${s.replace(/[\\`]/g, (c) => `\\${c}`)}\``))
    .join('.')
}

/**
 * A field path given as its segments, so a field name may hold any character, dots included:
 * `where(new FieldPath('prices', 'a.b'), '>', 3)` reads the field `'a.b'` of the map `prices`.
 */
export class FieldPath {
  /** @internal The segments, frozen. */
  readonly segments: readonly string[]

  /** Builds a path from one or more non-empty field names. */
  constructor(...fieldNames: string[]) {
    if (fieldNames.length === 0) {
      throw invalidArgument('FieldPath()', 'needs at least one field name')
    }
    fieldNames.forEach((name, i) => {
      if (typeof name !== 'string' || name === '') {
        throw invalidArgument(
          'FieldPath()',
          `field name ${i} must be a non-empty string, got ${describe(name)}`,
        )
      }
    })
    this.segments = Object.freeze([...fieldNames])
  }

  /** True when both name the same field. */
  isEqual(other: FieldPath): boolean {
    return (
      other instanceof FieldPath &&
      other.segments.length === this.segments.length &&
      other.segments.every((s, i) => s === this.segments[i])
    )
  }

  /** The canonical form (`` a.`b.c` ``), as query specs hold it. */
  toString(): string {
    return canonicalFieldPath(this.segments)
  }
}

const DOCUMENT_ID_PATH = Object.freeze(new FieldPath(DOCUMENT_ID))

/** The special field path that stands for the document id: `orderBy(documentId())`. */
export function documentId(): FieldPath {
  return DOCUMENT_ID_PATH
}

/**
 * Checks a field path an app gave (a dotted string or a {@link FieldPath}) and returns its
 * segments. Strings holding `~ * / [ ]` are refused, as Cloud Firestore does; a FieldPath may
 * hold any character.
 */
export function userFieldSegments(call: string, field: unknown): readonly string[] {
  if (field instanceof FieldPath) {
    // The canonical form goes through the same checks as every spec field (length, text).
    return parseFieldPath(call, canonicalFieldPath(field.segments))
  }
  if (typeof field !== 'string') {
    throw invalidArgument(
      call,
      `field path must be a string, got ${describe(field)} (or give a FieldPath)`,
    )
  }
  if (RESERVED.test(field)) {
    throw invalidArgument(
      call,
      `invalid field path ${describe(field)}: paths must not contain '~', '*', '/', '[' or ']' (use new FieldPath(…) for such names)`,
    )
  }
  if (!field.includes('`')) return parseFieldPath(call, field)
  // A backtick in a dotted string is an ordinary character; only the canonical form quotes.
  const segments = field.split('.')
  if (segments.includes('')) parseFieldPath(call, field) // throws its empty-segment message
  return parseFieldPath(call, canonicalFieldPath(segments))
}

/** A field path an app gave, checked, as the canonical string a query spec holds. */
export function specField(call: string, field: unknown): string {
  if (typeof field === 'string' && !field.includes('`')) {
    const segments = userFieldSegments(call, field)
    return segments.every((s) => SIMPLE.test(s)) ? field : canonicalFieldPath(segments)
  }
  return canonicalFieldPath(userFieldSegments(call, field))
}

/** A field path an app gave, for error messages: the string itself, or a FieldPath's form. */
export function fieldName(field: unknown): string {
  return field instanceof FieldPath ? field.toString() : String(field)
}
