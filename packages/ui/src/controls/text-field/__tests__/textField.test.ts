import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectTextField } from '../textField.connect.js'
import { connectFieldFrame } from '../field.connect.js'
import { initTextField, isLabelFloating, updateTextField } from '../textField.model.js'

const base = { id: 'f', label: 'Name', value: '' }

describe('text field model', () => {
  it('tracks focus and keeps the same state when nothing changes', () => {
    const s0 = initTextField()
    const s1 = updateTextField(s0, { type: 'FOCUS' })
    expect(s1.focused).toBe(true)
    expect(updateTextField(s1, { type: 'FOCUS' })).toBe(s1)
    expect(updateTextField(s1, { type: 'BLUR' }).focused).toBe(false)
    expect(() => updateTextField(s0, { type: 'NOPE' } as never)).toThrow(MetalError)
  })

  it('floats the label while focused or filled', () => {
    expect(isLabelFloating(false, false)).toBe(false)
    expect(isLabelFloating(true, false)).toBe(true)
    expect(isLabelFloating(false, true)).toBe(true)
  })
})

describe('connectTextField', () => {
  it('labels the input with a <label for> and wires edits and focus', () => {
    const send = vi.fn()
    const onValueChange = vi.fn()
    const api = connectTextField(initTextField(), send, { ...base, onValueChange })
    const input = api.getInputProps()
    expect(api.getLabelProps().htmlFor).toBe(input.id)
    expect(input.type).toBe('text')
    input.onChange({ target: { value: 'Ada' } })
    expect(onValueChange).toHaveBeenCalledWith('Ada')
    input.onFocus()
    expect(send).toHaveBeenCalledWith({ type: 'FOCUS' })
    expect(api.getRootProps()['data-floating']).toBeUndefined()
    expect(connectTextField({ focused: true }, send, base).getRootProps()['data-floating']).toBe('')
    expect(connectTextField(initTextField(), send, { ...base, value: 'x' }).floating).toBe(true)
  })

  it('describes the input by the error (replacing supporting text) and the counter', () => {
    const ok = connectTextField(initTextField(), vi.fn(), {
      ...base,
      value: 'abc',
      hasSupportingText: true,
      maxLength: 10,
    })
    expect(ok.getInputProps()['aria-describedby']).toBe('f-supporting f-counter')
    expect(ok.getInputProps()['aria-invalid']).toBeUndefined()
    expect(ok.counterText).toBe('3/10')
    expect(ok.counterLabel).toBe('7 characters left')
    const bad = connectTextField(initTextField(), vi.fn(), {
      ...base,
      hasSupportingText: true,
      error: 'Required',
    })
    expect(bad.getInputProps()['aria-invalid']).toBe('true')
    expect(bad.getInputProps()['aria-describedby']).toBe('f-error')
    expect(bad.getRootProps()['data-invalid']).toBe('')
  })

  it('renders a textarea with rows when multiline, and passes required/disabled/readOnly', () => {
    const api = connectTextField(initTextField(), vi.fn(), {
      ...base,
      multiline: true,
      rows: 3,
      required: true,
      disabled: true,
      readOnly: true,
    })
    const input = api.getInputProps()
    expect(input.rows).toBe(3)
    expect(input.type).toBeUndefined()
    expect([input.required, input.disabled, input.readOnly]).toEqual([true, true, true])
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps = (<T extends object>(p: T): T => ({
      ...p,
      normalized: true,
    })) as NormalizeProps
    const api = connectTextField(initTextField(), vi.fn(), { ...base, normalizeProps })
    expect(api.getInputProps()).toHaveProperty('normalized', true)
    expect(api.getLabelProps()).toHaveProperty('normalized', true)
    expect(api.getRootProps()).toHaveProperty('normalized', true)
  })

  it('uses caller messages for the counter', () => {
    const api = connectFieldFrame({
      id: 'x',
      control: 'text-field',
      label: 'L',
      focused: false,
      hasValue: true,
      maxLength: 5,
      length: 4,
      messages: { counter: (n, m) => `${n} von ${m}`, counterRemaining: (r) => `noch ${r}` },
    })
    expect(api.counterText).toBe('4 von 5')
    expect(api.counterLabel).toBe('noch 1')
  })

  it('rejects bad options, naming the field', () => {
    expect(() =>
      connectTextField(initTextField(), vi.fn(), { ...base, value: 3 as never }),
    ).toThrow(/connectTextField: value must be a string, got 3/)
    expect(() =>
      connectTextField(initTextField(), vi.fn(), { ...base, variant: 'round' as never }),
    ).toThrow(/variant/)
    expect(() => connectTextField(initTextField(), vi.fn(), { ...base, maxLength: 0 })).toThrow(
      /maxLength must be a positive integer, got 0/,
    )
    expect(() =>
      connectTextField(initTextField(), vi.fn(), { ...base, type: 'date' as never }),
    ).toThrow(/type/)
  })
})
