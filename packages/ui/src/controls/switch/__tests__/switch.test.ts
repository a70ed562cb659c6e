import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectSwitch } from '../switch.connect.js'
import { initSwitch, updateSwitch } from '../switch.model.js'

describe('switch model', () => {
  it('flips on and off, and stays put when disabled', () => {
    expect(updateSwitch({ checked: false }, { type: 'TOGGLE' }).checked).toBe(true)
    expect(updateSwitch({ checked: true }, { type: 'TOGGLE' }).checked).toBe(false)
    expect(updateSwitch({ checked: true }, { type: 'SET_CHECKED', checked: false }).checked).toBe(
      false,
    )
    const disabled = { checked: false, disabled: true }
    expect(updateSwitch(disabled, { type: 'TOGGLE' })).toBe(disabled)
  })

  it('refuses a non-boolean checked, naming it', () => {
    expect(() => initSwitch({ checked: 1 as unknown as boolean })).toThrow(MetalError)
    expect(() => initSwitch({ checked: 1 as unknown as boolean })).toThrow(
      /initSwitch: checked must be a boolean, got 1/,
    )
  })
})

describe('connectSwitch', () => {
  it('makes the native input a switch with its id, name and state', () => {
    const api = connectSwitch({ checked: true }, () => {}, { id: 's', name: 'live' })
    expect(api.getInputProps()).toMatchObject({
      id: 's',
      type: 'checkbox',
      role: 'switch',
      checked: true,
      name: 'live',
      'data-state': 'on',
    })
    expect(api.getHandleProps()['aria-hidden']).toBe('true')
    expect(api.icon).toBeNull()
  })

  it('shows a check when on and a cross when off, with icons', () => {
    expect(connectSwitch({ checked: true }, () => {}, { id: 's', icons: true }).icon).toBe('check')
    const off = connectSwitch({ checked: false }, () => {}, { id: 's', icons: true })
    expect(off.icon).toBe('close')
    expect(off.getHandleProps()['data-icons']).toBe('')
  })

  it('sends TOGGLE on change', () => {
    const send = vi.fn()
    connectSwitch({ checked: false }, send, { id: 's' }).getInputProps().onChange()
    expect(send).toHaveBeenCalledWith({ type: 'TOGGLE' })
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectSwitch({ checked: false }, () => {}, { id: 's', normalizeProps })
    for (const props of [
      api.getRootProps(),
      api.getTrackProps(),
      api.getInputProps(),
      api.getHandleProps(),
      api.getLabelProps(),
    ]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })

  it('refuses a missing id', () => {
    expect(() => connectSwitch({ checked: false }, () => {}, { id: '' })).toThrow(
      /connectSwitch: id must be a non-empty string/,
    )
  })
})
