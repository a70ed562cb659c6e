import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectProgress } from '../progress.connect.js'

describe('connectProgress', () => {
  it('is a labelled progressbar with its value in percent when determinate', () => {
    const api = connectProgress({ value: 0.426, label: 'Uploading' })
    expect(api.percent).toBe(43)
    expect(api.getRootProps()).toMatchObject({
      role: 'progressbar',
      'aria-label': 'Uploading',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': 43,
      'data-state': 'determinate',
      'data-shape': 'linear',
      style: { '--metal-progress-value': '0.426' },
    })
  })

  it('has no value attributes when indeterminate', () => {
    const root = connectProgress({ label: 'Loading', shape: 'circular' }).getRootProps()
    expect(root['data-state']).toBe('indeterminate')
    expect(root).not.toHaveProperty('aria-valuenow')
    expect(root).not.toHaveProperty('aria-valuemin')
    expect(root.style).toEqual({ '--metal-progress-size': '48px' })
  })

  it('clamps values outside 0..1', () => {
    expect(connectProgress({ value: 1.5, label: 'x' }).percent).toBe(100)
    expect(connectProgress({ value: -1, label: 'x' }).percent).toBe(0)
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectProgress({ value: 0.5, label: 'x' }, { normalizeProps })
    for (const props of [api.getRootProps(), api.getTrackProps(), api.getIndicatorProps()]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })

  it('refuses a non-number value, a missing label, a bad shape or size', () => {
    expect(() => connectProgress({ value: NaN, label: 'x' })).toThrow(MetalError)
    expect(() => connectProgress({ value: '50%' as never, label: 'x' })).toThrow(
      /connectProgress: value must be a number from 0 to 1, or undefined, got '50%'/,
    )
    expect(() => connectProgress({ label: '' })).toThrow(/label/)
    expect(() => connectProgress({ label: 'x', shape: 'ring' as never })).toThrow(/shape.*ring/)
    expect(() => connectProgress({ label: 'x', size: 0 })).toThrow(/size.*0/)
  })
})
