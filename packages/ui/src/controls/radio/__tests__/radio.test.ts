import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectRadioGroup } from '../radio.connect.js'
import { getRadioMove, getRadioTabStop, initRadioGroup, updateRadioGroup } from '../radio.model.js'
import type { RadioGroupState } from '../radio.types.js'

const state: RadioGroupState = {
  value: 'b',
  options: [
    { value: 'a', label: 'A' },
    { value: 'b', label: 'B' },
    { value: 'c', label: 'C', disabled: true },
    { value: 'd', label: 'D' },
  ],
}

describe('radio group model', () => {
  it('stops Tab on the picked option, else the first enabled one', () => {
    expect(getRadioTabStop(state)).toBe('b')
    expect(getRadioTabStop({ ...state, value: null })).toBe('a')
    expect(getRadioTabStop({ ...state, value: 'c' })).toBe('a')
    expect(getRadioTabStop({ ...state, disabled: true })).toBeNull()
  })

  it('moves with the arrows, skipping disabled options and wrapping', () => {
    expect(getRadioMove(state, 'b', 'ArrowDown')).toBe('d')
    expect(getRadioMove(state, 'b', 'ArrowRight')).toBe('d')
    expect(getRadioMove(state, 'd', 'ArrowDown')).toBe('a')
    expect(getRadioMove(state, 'a', 'ArrowUp')).toBe('d')
    expect(getRadioMove(state, 'd', 'ArrowLeft')).toBe('b')
    expect(getRadioMove(state, 'b', 'Home')).toBe('a')
    expect(getRadioMove(state, 'a', 'End')).toBe('d')
    expect(getRadioMove(state, 'a', 'Enter')).toBeNull()
  })

  it('swaps Left and Right right-to-left (Up and Down stay)', () => {
    expect(getRadioMove(state, 'b', 'ArrowLeft', 'rtl')).toBe('d')
    expect(getRadioMove(state, 'b', 'ArrowRight', 'rtl')).toBe('a')
    expect(getRadioMove(state, 'b', 'ArrowDown', 'rtl')).toBe('d')
  })

  it('does not pick a disabled option, or anything in a disabled group', () => {
    expect(updateRadioGroup(state, { type: 'SELECT', value: 'c' })).toBe(state)
    expect(updateRadioGroup(state, { type: 'SELECT', value: 'a' }).value).toBe('a')
    const off = { ...state, disabled: true }
    expect(updateRadioGroup(off, { type: 'SELECT', value: 'a' })).toBe(off)
  })

  it('refuses bad options or value, naming the field', () => {
    expect(() => initRadioGroup({ value: null, options: 'a' as never })).toThrow(MetalError)
    expect(() =>
      initRadioGroup({
        value: null,
        options: [
          { value: 'a', label: 'A' },
          { value: 'a', label: 'B' },
        ],
      }),
    ).toThrow(/options\[1\]\.value must be unique in the group, got 'a'/)
    expect(() => initRadioGroup({ value: 3 as never, options: [] })).toThrow(/value.*3/)
    expect(() =>
      initRadioGroup({ value: null, options: [], orientation: 'diagonal' as never }),
    ).toThrow(/orientation.*diagonal/)
  })
})

describe('connectRadioGroup', () => {
  it('is a radiogroup labelled by its label, with one Tab stop', () => {
    const api = connectRadioGroup(state, () => {}, { id: 'g', label: 'Letter' })
    expect(api.getRootProps()).toMatchObject({
      role: 'radiogroup',
      'aria-labelledby': 'g-label',
      'aria-orientation': 'vertical',
    })
    expect(api.getLabelProps().id).toBe('g-label')
    const inputs = state.options.map((option) => api.getItemInputProps(option))
    expect(inputs.map((input) => input.tabIndex)).toEqual([-1, 0, -1, -1])
    expect(inputs.map((input) => input.checked)).toEqual([false, true, false, false])
    expect(inputs[2]).toMatchObject({ disabled: true, 'data-disabled': '' })
    expect(inputs[0]).toMatchObject({ type: 'radio', name: 'g', value: 'a', id: 'g-radio-0' })
  })

  it('on an arrow key, focuses and picks the next option and stops the browser default', () => {
    const send = vi.fn()
    const api = connectRadioGroup(state, send, { id: 'g', label: 'Letter' })
    const focus = vi.fn()
    const getElementById = vi.fn(() => ({ focus }))
    const preventDefault = vi.fn()
    api.getItemInputProps(state.options[1]!).onKeyDown({
      key: 'ArrowDown',
      currentTarget: { closest: () => null, ownerDocument: { getElementById } },
      preventDefault,
    })
    expect(getElementById).toHaveBeenCalledWith('g-radio-3')
    expect(focus).toHaveBeenCalled()
    expect(preventDefault).toHaveBeenCalled()
    expect(send).toHaveBeenCalledWith({ type: 'SELECT', value: 'd' })
  })

  it('reads the direction from the nearest dir attribute', () => {
    const send = vi.fn()
    const api = connectRadioGroup(state, send, { id: 'g', label: 'Letter' })
    api.getItemInputProps(state.options[1]!).onKeyDown({
      key: 'ArrowLeft',
      currentTarget: {
        closest: () => ({ getAttribute: () => 'rtl' }),
        ownerDocument: { getElementById: () => null },
      },
      preventDefault: () => {},
    })
    expect(send).toHaveBeenCalledWith({ type: 'SELECT', value: 'd' })
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectRadioGroup(state, () => {}, { id: 'g', label: 'L', normalizeProps })
    const option = state.options[0]!
    for (const props of [
      api.getRootProps(),
      api.getLabelProps(),
      api.getItemProps(option),
      api.getItemControlProps(option),
      api.getItemInputProps(option),
      api.getItemIndicatorProps(option),
      api.getItemLabelProps(option),
    ]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })

  it('refuses a missing label', () => {
    expect(() => connectRadioGroup(state, () => {}, { id: 'g', label: '' })).toThrow(
      /connectRadioGroup: label must be a non-empty string/,
    )
  })
})
