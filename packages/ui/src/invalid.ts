import { MetalError } from '@metal/core'
import { describeValue } from './describeValue.js'

/**
 * The error every @metal/ui entry point throws for a bad argument:
 * "<call>: <field> must be <rule>, got <value>" (code `invalid-argument`).
 */
export function invalid(call: string, field: string, rule: string, value: unknown): MetalError {
  return new MetalError(
    'invalid-argument',
    `${call}: ${field} must be ${rule}, got ${describeValue(value)}`,
  )
}
