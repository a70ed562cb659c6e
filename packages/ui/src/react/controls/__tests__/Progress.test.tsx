import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { CircularProgress, LinearProgress } from '../Progress.js'

describe('<LinearProgress> and <CircularProgress>', () => {
  it('renders a determinate progressbar with its value', () => {
    render(<LinearProgress label="Uploading" value={0.25} />)
    const bar = screen.getByRole('progressbar', { name: 'Uploading' })
    expect(bar.getAttribute('aria-valuenow')).toBe('25')
    expect(bar.style.getPropertyValue('--metal-progress-value')).toBe('0.25')
  })

  it('renders an indeterminate ring of the given size without a value', () => {
    render(<CircularProgress label="Loading" size={24} />)
    const ring = screen.getByRole('progressbar', { name: 'Loading' })
    expect(ring.hasAttribute('aria-valuenow')).toBe(false)
    expect(ring.dataset.state).toBe('indeterminate')
    expect(ring.style.getPropertyValue('--metal-progress-size')).toBe('24px')
  })
})
