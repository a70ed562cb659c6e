import { describe, expect, it } from 'vitest'
import { asIconButton } from '../asIconButton.js'

describe('asIconButton', () => {
  it('turns aria-label into label and drops the part attributes, keeping the rest', () => {
    const onClick = () => {}
    const props = asIconButton({
      'aria-label': 'Next month',
      'data-scope': 'date-field',
      'data-part': 'next-month',
      type: 'button' as const,
      disabled: true,
      onClick,
    })
    expect(props).toEqual({ label: 'Next month', type: 'button', disabled: true, onClick })
  })
})
