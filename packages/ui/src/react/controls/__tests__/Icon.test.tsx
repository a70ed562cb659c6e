import { describe, expect, it } from 'vitest'
import { render } from '@testing-library/react'
import { MetalError } from '@metal/core'
import { ICONS, type IconName } from '../../../icons/icons.js'
import { Icon } from '../Icon.js'

describe('<Icon>', () => {
  it('draws every built-in icon, hidden from assistive technology', () => {
    for (const name of Object.keys(ICONS) as IconName[]) {
      const { container, unmount } = render(<Icon name={name} />)
      const svg = container.querySelector('svg')
      expect(svg?.getAttribute('aria-hidden')).toBe('true')
      expect(svg?.querySelector('path')?.getAttribute('d')).toBe(ICONS[name])
      unmount()
    }
  })

  it('marks icons that point along the text, so right-to-left mirrors them', () => {
    const { container } = render(
      <>
        <Icon name="chevronLeft" />
        <Icon name="search" />
      </>,
    )
    const [chevron, search] = container.querySelectorAll('svg')
    expect(chevron?.hasAttribute('data-directional')).toBe(true)
    expect(search?.hasAttribute('data-directional')).toBe(false)
  })

  it('refuses an unknown icon, naming it', () => {
    expect(() => render(<Icon name={'rocket' as IconName} />)).toThrow(MetalError)
    expect(() => render(<Icon name={'rocket' as IconName} />)).toThrow(/name.*rocket/)
  })
})
