import { describe, invalidArgument } from '../errors.js'

/** The kinds of field-value sentinel. */
export type FieldValueKind =
  'serverTimestamp' | 'increment' | 'arrayUnion' | 'arrayRemove' | 'delete'

/**
 * A sentinel written in place of a value and resolved by the backend when the write commits:
 * create one with {@link serverTimestamp}, {@link increment}, {@link arrayUnion},
 * {@link arrayRemove} or {@link deleteField}.
 */
export class FieldValue {
  /** @internal */
  constructor(
    /** What the sentinel does. */
    readonly kind: FieldValueKind,
    /** The increment, or the elements to add or remove. */
    readonly operand?: unknown,
  ) {
    Object.freeze(this)
  }

  /** The public function that creates this kind, for error messages. */
  get method(): string {
    return this.kind === 'delete' ? 'deleteField' : this.kind
  }

  /** Wire form, so sentinels survive JSON transport. */
  toJSON(): { $metal: FieldValueKind; operand?: unknown } {
    return this.operand === undefined
      ? { $metal: this.kind }
      : { $metal: this.kind, operand: this.operand }
  }
}

/** Sets the field to the commit time, in epoch milliseconds. */
export function serverTimestamp(): FieldValue {
  return new FieldValue('serverTimestamp')
}

/** Adds `n` to the field; a missing or non-numeric field becomes `n`. */
export function increment(n: number): FieldValue {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw invalidArgument('increment()', `amount must be a finite number, got ${describe(n)}`)
  }
  return new FieldValue('increment', n)
}

/** Appends each element not already in the array field; a non-array field becomes the elements. */
export function arrayUnion(...elements: unknown[]): FieldValue {
  return new FieldValue('arrayUnion', elements)
}

/** Removes every instance of each element from the array field; a non-array field becomes `[]`. */
export function arrayRemove(...elements: unknown[]): FieldValue {
  return new FieldValue('arrayRemove', elements)
}

/** Removes the field (in `update()` or `set(data, { merge: true })`). */
export function deleteField(): FieldValue {
  return new FieldValue('delete')
}
