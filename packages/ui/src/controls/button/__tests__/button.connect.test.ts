import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import type { IconName } from '../../../icons/icons.js'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectButton } from '../button.connect.js'
import type { ButtonVariant } from '../button.types.js'

describe('connectButton', () => {
  it('defaults to a filled type="button" that is enabled', () => {
    const root = connectButton().getRootProps()
    expect(root).toMatchObject({
      'data-scope': 'button',
      'data-part': 'root',
      'data-variant': 'filled',
      type: 'button',
      disabled: false,
    })
    expect(root).not.toHaveProperty('data-danger')
    expect(root).not.toHaveProperty('data-with-icon')
  })

  it('marks the variant, danger, disabled and where the icons are', () => {
    const root = connectButton({
      variant: 'outlined',
      danger: true,
      disabled: true,
      icon: 'delete',
      trailingIcon: 'chevronRight',
      type: 'submit',
    }).getRootProps()
    expect(root).toMatchObject({
      'data-variant': 'outlined',
      'data-danger': '',
      'data-disabled': '',
      'data-with-icon': 'both',
      type: 'submit',
      disabled: true,
    })
    expect(connectButton({ icon: 'add' }).getRootProps()['data-with-icon']).toBe('leading')
    expect(connectButton({ trailingIcon: 'add' }).getRootProps()['data-with-icon']).toBe('trailing')
  })

  it('hides icons from assistive technology and says which side they are on', () => {
    const api = connectButton({ icon: 'add' })
    expect(api.getIconProps('leading')).toEqual({
      'data-position': 'leading',
      'aria-hidden': 'true',
    })
  })

  it('runs every prop object through normalizeProps', () => {
    const seen: object[] = []
    const normalizeProps: NormalizeProps = (props) => {
      seen.push(props)
      return { ...props, normalized: true }
    }
    const api = connectButton({ variant: 'text' }, { normalizeProps })
    expect(api.getRootProps()).toHaveProperty('normalized', true)
    expect(api.getLabelProps()).toHaveProperty('normalized', true)
    expect(api.getIconProps('trailing')).toHaveProperty('normalized', true)
    expect(seen).toHaveLength(3)
  })

  it('refuses an unknown variant, icon or type, naming the field and value', () => {
    expect(() => connectButton({ variant: 'ghost' as ButtonVariant })).toThrow(MetalError)
    expect(() => connectButton({ variant: 'ghost' as ButtonVariant })).toThrow(
      /connectButton: variant must be one of filled, tonal, elevated, outlined, text, got 'ghost'/,
    )
    expect(() => connectButton({ icon: 'rocket' as IconName })).toThrow(/icon.*rocket/)
    expect(() => connectButton({ trailingIcon: 'rocket' as IconName })).toThrow(
      /trailingIcon.*rocket/,
    )
    expect(() => connectButton({ type: 'link' as 'button' })).toThrow(/type.*link/)
  })
})
