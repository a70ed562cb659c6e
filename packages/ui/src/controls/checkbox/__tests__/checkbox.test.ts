import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectCheckbox } from '../checkbox.connect.js'
import { getCheckedState, initCheckbox, updateCheckbox } from '../checkbox.model.js'

describe('checkbox model', () => {
  it('shows a dash when indeterminate, whatever checked says', () => {
    expect(getCheckedState({ checked: false })).toBe('unchecked')
    expect(getCheckedState({ checked: true })).toBe('checked')
    expect(getCheckedState({ checked: true, indeterminate: true })).toBe('indeterminate')
    expect(getCheckedState({ checked: false, indeterminate: true })).toBe('indeterminate')
  })

  it('toggles unchecked → checked → unchecked, and indeterminate → checked', () => {
    const toggle = { type: 'TOGGLE' } as const
    expect(updateCheckbox({ checked: false }, toggle).checked).toBe(true)
    expect(updateCheckbox({ checked: true }, toggle).checked).toBe(false)
    const fromSome = updateCheckbox({ checked: false, indeterminate: true }, toggle)
    expect(fromSome).toMatchObject({ checked: true, indeterminate: false })
    expect(updateCheckbox({ checked: true }, { type: 'SET_CHECKED', checked: true }).checked).toBe(
      true,
    )
  })

  it('leaves a disabled checkbox as it is', () => {
    const state = { checked: false, disabled: true }
    expect(updateCheckbox(state, { type: 'TOGGLE' })).toBe(state)
  })

  it('refuses a non-boolean checked or flag, naming it', () => {
    expect(() => initCheckbox({ checked: 'yes' as unknown as boolean })).toThrow(MetalError)
    expect(() => initCheckbox({ checked: 'yes' as unknown as boolean })).toThrow(
      /initCheckbox: checked must be a boolean, got 'yes'/,
    )
    expect(() => initCheckbox({ checked: true, indeterminate: 1 as unknown as boolean })).toThrow(
      /indeterminate.*1/,
    )
  })
})

describe('connectCheckbox', () => {
  it('gives the native input its id, name, checked state and accessible name', () => {
    const api = connectCheckbox({ checked: true }, () => {}, {
      id: 'c1',
      name: 'done',
      ariaLabel: 'Done',
      tabIndex: -1,
      required: true,
    })
    expect(api.getInputProps()).toMatchObject({
      id: 'c1',
      type: 'checkbox',
      name: 'done',
      checked: true,
      disabled: false,
      tabIndex: -1,
      required: true,
      'aria-label': 'Done',
      'data-state': 'checked',
    })
    expect(api.getRootProps()['data-state']).toBe('checked')
  })

  it('asks for the indeterminate property and leaves the input unchecked meanwhile', () => {
    const api = connectCheckbox({ checked: true, indeterminate: true }, () => {}, { id: 'c' })
    expect(api.indeterminate).toBe(true)
    expect(api.getInputProps().checked).toBe(false)
    expect(api.getIndicatorProps()).toMatchObject({
      'data-state': 'indeterminate',
      'aria-hidden': 'true',
    })
  })

  it('marks an invalid checkbox with aria-invalid and data-invalid on every part', () => {
    const api = connectCheckbox({ checked: false, invalid: true }, () => {}, { id: 'c' })
    expect(api.getInputProps()['aria-invalid']).toBe('true')
    for (const props of [api.getRootProps(), api.getControlProps(), api.getLabelProps()]) {
      expect(props['data-invalid']).toBe('')
    }
  })

  it('sends TOGGLE when the input changes', () => {
    const send = vi.fn()
    connectCheckbox({ checked: false }, send, { id: 'c' }).getInputProps().onChange()
    expect(send).toHaveBeenCalledWith({ type: 'TOGGLE' })
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectCheckbox({ checked: false }, () => {}, { id: 'c', normalizeProps })
    for (const props of [
      api.getRootProps(),
      api.getControlProps(),
      api.getInputProps(),
      api.getIndicatorProps(),
      api.getLabelProps(),
    ]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })

  it('refuses a missing id, naming the call', () => {
    expect(() => connectCheckbox({ checked: false }, () => {}, { id: '' })).toThrow(
      /connectCheckbox: id must be a non-empty string/,
    )
  })
})
