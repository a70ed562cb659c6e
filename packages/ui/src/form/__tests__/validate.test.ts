import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DEFAULT_FORM_MESSAGES as M } from '../form.messages.js'
import type { EntityDefinition, FieldDefinition } from '../form.types.js'
import {
  checkEntity,
  isStandardSchema,
  validateField,
  validateStandard,
  validateValues,
} from '../validate.js'
import { TASK } from './fixtures.js'

const check = (field: Omit<FieldDefinition, 'name'>, value: unknown, values = {}) =>
  validateField({ name: 'f', label: 'F', ...field } as FieldDefinition, value, values, M)

describe('checkEntity', () => {
  it('accepts a definition using every field type', () => {
    expect(checkEntity(TASK)).toBe(TASK)
  })

  it.each([
    [null, 'schema must be an entity definition ({ name, fields }), got null'],
    [{ name: 't', fields: [{ name: 'a', type: 'str' }] }, "field 'a' type must be one of"],
    [
      { name: 't', fields: [{ name: 'a.b', type: 'string' }] },
      'name must be a non-empty field name',
    ],
    [
      { name: 't', fields: [{ name: 'e', type: 'enum' }] },
      "field 'e' options must be a non-empty array",
    ],
    [{ name: 't', fields: [{ name: 'r', type: 'relation' }] }, "field 'r' relation.collection"],
    [
      { name: 't', fields: [{ name: 'l', type: 'array' }] },
      "field 'l' item must be a field definition",
    ],
    [{ name: 't', fields: [{ name: 'o', type: 'object' }] }, "field 'o' fields must be an array"],
    [
      { name: 't', fields: [{ name: 'n', type: 'number', rules: { min: '1' } }] },
      'rule min must be a number',
    ],
    [
      { name: 't', fields: [{ name: 's', type: 'string', rules: { pattern: '(' } }] },
      'rule pattern must be a valid',
    ],
    [
      {
        name: 't',
        fields: [
          { name: 'a', type: 'string' },
          { name: 'a', type: 'text' },
        ],
      },
      'name must be unique',
    ],
  ])('rejects a bad definition with a MetalError naming it (%#)', (entity, message) => {
    expect(() => checkEntity(entity, '<Form>')).toThrowError(
      expect.objectContaining({
        code: 'invalid-argument',
        message: expect.stringContaining(message),
      }),
    )
  })
})

describe('validateField', () => {
  it('required fails on empty values only', () => {
    expect(check({ type: 'string', rules: { required: true } }, '')).toBe('F is required')
    expect(check({ type: 'number', rules: { required: true } }, null)).toBe('F is required')
    expect(check({ type: 'boolean', rules: { required: true } }, false)).toBe('F is required')
    expect(check({ type: 'array', rules: { required: true } }, [])).toBe('F is required')
    expect(check({ type: 'number', rules: { required: true } }, 0)).toBeNull()
  })

  it('skips the other rules on an empty optional value', () => {
    expect(check({ type: 'email', rules: { minLength: 5 } }, '')).toBeNull()
  })

  it('checks min and max on numbers and dates', () => {
    expect(check({ type: 'number', rules: { min: 1 } }, 0)).toBe('F must be at least 1')
    expect(check({ type: 'number', rules: { max: 5 } }, 6)).toBe('F must be at most 5')
    expect(check({ type: 'number' }, Number.NaN)).toBe('F must be a number')
    expect(check({ type: 'date', rules: { min: '2024-01-01' } }, '2023-12-31')).toBe(
      'F must be at least 2024-01-01',
    )
    expect(check({ type: 'date' }, '2024-02-30')).toBe('F must be a date')
  })

  it('checks lengths of strings and item counts of arrays', () => {
    expect(check({ type: 'string', rules: { minLength: 3 } }, 'ab')).toBe(
      'F must have at least 3 characters',
    )
    expect(check({ type: 'array', rules: { maxLength: 1 } }, ['a', 'b'])).toBe(
      'F must have at most 1 item',
    )
  })

  it('checks pattern (anchored when a string), email and url', () => {
    expect(check({ type: 'string', rules: { pattern: '\\d{3}' } }, '1234')).toBe(
      'F is not in the expected format',
    )
    expect(check({ type: 'string', rules: { pattern: /^a/ } }, 'abc')).toBeNull()
    expect(check({ type: 'email' }, 'ada@example')).toBe('F must be an e-mail address')
    expect(check({ type: 'string', rules: { email: true } }, 'ada@example.com')).toBeNull()
    expect(check({ type: 'url' }, 'javascript:alert(1)')).toBe('F must be a URL')
    expect(check({ type: 'url' }, 'https://metal.build/docs')).toBeNull()
  })

  it('checks enum values against the options', () => {
    expect(check({ type: 'enum', options: ['a', { value: 'b' }] }, 'c')).toBe(
      'F must be one of the choices',
    )
    expect(check({ type: 'enum', options: ['a', { value: 'b' }] }, 'b')).toBeNull()
  })

  it('runs a custom rule with all the values', () => {
    const custom = (value: unknown, values: Record<string, unknown>) =>
      value !== values.password ? 'Passwords differ' : undefined
    expect(check({ type: 'string', rules: { custom } }, 'x', { password: 'y' })).toBe(
      'Passwords differ',
    )
    expect(check({ type: 'string', rules: { custom } }, 'y', { password: 'y' })).toBeNull()
  })
})

describe('validateValues', () => {
  it('keys errors by dotted path, into objects and array items', () => {
    const errors = validateValues(
      TASK,
      { title: 'ab', tags: ['ok', ''], address: { city: '', zip: '123' }, estimate: 101 },
      M,
    )
    expect(errors).toEqual({
      title: 'Title must have at least 3 characters',
      estimate: 'Estimate must be at most 100',
      'tags.1': 'Tag is required',
      'address.city': 'City is required',
      'address.zip': 'ZIP is not in the expected format',
    })
  })
})

describe('Standard Schema', () => {
  const schema = z.object({
    title: z.string().min(3, 'Too short'),
    address: z.object({ city: z.string().min(1, 'City needed') }),
    tags: z.array(z.string().max(3, 'Tag too long')),
  })

  it('recognises a zod 4 schema as a Standard Schema and other values as not', () => {
    expect(isStandardSchema(schema)).toBe(true)
    expect(isStandardSchema({})).toBe(false)
    expect(isStandardSchema(null)).toBe(false)
  })

  it('turns zod issues into errors by dotted path', () => {
    expect(
      validateStandard(schema, { title: 'ab', address: { city: '' }, tags: ['ok', 'long'] }),
    ).toEqual({ title: 'Too short', 'address.city': 'City needed', 'tags.1': 'Tag too long' })
  })

  it('returns no errors for valid values', () => {
    expect(validateStandard(schema, { title: 'abc', address: { city: 'X' }, tags: [] })).toEqual({})
  })

  it('awaits an asynchronous validator and keys whole-form issues by the empty path', async () => {
    const refined = z
      .object({ a: z.string(), b: z.string() })
      .refine(async (v) => v.a !== v.b, 'a and b must differ')
    const result = validateStandard(refined, { a: 'x', b: 'x' })
    expect(result).toBeInstanceOf(Promise)
    expect(await result).toEqual({ '': 'a and b must differ' })
  })

  it('uses only the ~standard interface (any vendor)', () => {
    const custom = {
      '~standard': {
        version: 1 as const,
        vendor: 'custom',
        validate: () => ({ issues: [{ message: 'Nope', path: [{ key: 'x' }, 0] }] }),
      },
    }
    const entity: EntityDefinition = { name: 'e', fields: [] }
    expect(checkEntity(entity)).toBe(entity)
    expect(validateStandard(custom, {})).toEqual({ 'x.0': 'Nope' })
  })
})
