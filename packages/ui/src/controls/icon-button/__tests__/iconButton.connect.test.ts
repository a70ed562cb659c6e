import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import type { IconName } from '../../../icons/icons.js'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectIconButton } from '../iconButton.connect.js'
import type { IconButtonSize, IconButtonVariant } from '../iconButton.types.js'

describe('connectIconButton', () => {
  it('names the button with its label and is a plain button without `selected`', () => {
    const root = connectIconButton({ icon: 'delete', label: 'Delete row' }).getRootProps()
    expect(root).toMatchObject({
      'data-scope': 'icon-button',
      'data-part': 'root',
      'data-variant': 'standard',
      'data-size': 'medium',
      'aria-label': 'Delete row',
      type: 'button',
      disabled: false,
    })
    expect(root).not.toHaveProperty('aria-pressed')
    expect(root).not.toHaveProperty('data-state')
  })

  it('is a toggle with aria-pressed when `selected` is given', () => {
    const on = connectIconButton({ icon: 'pin', label: 'Pin', selected: true }).getRootProps()
    const off = connectIconButton({ icon: 'pin', label: 'Pin', selected: false }).getRootProps()
    expect(on['aria-pressed']).toBe(true)
    expect(on['data-state']).toBe('on')
    expect(off['aria-pressed']).toBe(false)
    expect(off['data-state']).toBe('off')
  })

  it('draws a 20 px icon when small and 24 px when medium', () => {
    expect(connectIconButton({ icon: 'add', label: 'Add', size: 'small' }).getIconProps()).toEqual({
      size: 20,
    })
    expect(connectIconButton({ icon: 'add', label: 'Add' }).getIconProps()).toEqual({ size: 24 })
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectIconButton({ icon: 'add', label: 'Add' }, { normalizeProps })
    expect(api.getRootProps()).toHaveProperty('normalized', true)
    expect(api.getIconProps()).toHaveProperty('normalized', true)
  })

  it('refuses a missing label, unknown icon, variant or size, naming the field', () => {
    const ok = { icon: 'add' as IconName, label: 'Add' }
    expect(() => connectIconButton({ ...ok, label: ' ' })).toThrow(MetalError)
    expect(() => connectIconButton({ ...ok, label: ' ' })).toThrow(/label must be a non-empty/)
    expect(() => connectIconButton({ ...ok, icon: 'rocket' as IconName })).toThrow(/icon.*rocket/)
    expect(() => connectIconButton({ ...ok, variant: 'big' as IconButtonVariant })).toThrow(
      /variant.*big/,
    )
    expect(() => connectIconButton({ ...ok, size: 'large' as IconButtonSize })).toThrow(
      /size.*large/,
    )
    expect(() => connectIconButton({ ...ok, selected: 'yes' as unknown as boolean })).toThrow(
      /selected.*yes/,
    )
  })
})
