import { describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import type { NormalizeProps } from '../../../normalizeProps.js'
import { connectDialog } from '../dialog.connect.js'
import type { DialogRole } from '../dialog.types.js'

function event(over: Partial<{ key: string; target: unknown; currentTarget: unknown }> = {}) {
  return { target: 1, currentTarget: 1, preventDefault: vi.fn(), ...over }
}

describe('connectDialog', () => {
  it('labels the dialog by its headline', () => {
    const api = connectDialog({ open: true }, { id: 'd', onClose: () => {} })
    const root = api.getRootProps()
    expect(root).toMatchObject({ id: 'd', 'aria-labelledby': 'd-title', 'data-state': 'open' })
    expect(root).not.toHaveProperty('role')
    expect(root).not.toHaveProperty('aria-describedby')
    expect(api.getTitleProps().id).toBe('d-title')
  })

  it('is an alertdialog described by its supporting text when asked', () => {
    const api = connectDialog({ open: false, role: 'alertdialog' }, { id: 'd', onClose: () => {} })
    expect(api.getRootProps()).toMatchObject({
      role: 'alertdialog',
      'aria-describedby': 'd-content',
      'data-state': 'closed',
    })
    expect(api.getContentProps().id).toBe('d-content')
  })

  it('asks to close on Escape, keeping the browser from closing it itself', () => {
    const onClose = vi.fn()
    const root = connectDialog({ open: true }, { id: 'd', onClose }).getRootProps()
    const escape = event({ key: 'Escape' })
    root.onKeyDown(escape)
    expect(escape.preventDefault).toHaveBeenCalled()
    expect(onClose).toHaveBeenCalledWith('escape')
    root.onKeyDown(event({ key: 'Enter' }))
    const cancel = event()
    root.onCancel(cancel)
    expect(cancel.preventDefault).toHaveBeenCalled()
    expect(onClose).toHaveBeenCalledTimes(2)
  })

  it('asks to close on a scrim click only, unless scrim clicks are off', () => {
    const onClose = vi.fn()
    const root = connectDialog({ open: true }, { id: 'd', onClose }).getRootProps()
    root.onClick(event({ target: 'surface', currentTarget: 'dialog' }))
    expect(onClose).not.toHaveBeenCalled()
    root.onClick(event({ target: 'dialog', currentTarget: 'dialog' }))
    expect(onClose).toHaveBeenCalledWith('scrim')
    const modal = connectDialog({ open: true, closeOnScrim: false }, { id: 'd', onClose })
    modal.getRootProps().onClick(event())
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('closes with the action reason from close()', () => {
    const onClose = vi.fn()
    connectDialog({ open: true }, { id: 'd', onClose }).close('action')
    expect(onClose).toHaveBeenCalledWith('action')
  })

  it('runs every prop object through normalizeProps', () => {
    const normalizeProps: NormalizeProps = (props) => ({ ...props, normalized: true })
    const api = connectDialog({ open: true }, { id: 'd', onClose: () => {}, normalizeProps })
    for (const props of [
      api.getRootProps(),
      api.getSurfaceProps(),
      api.getTitleProps(),
      api.getContentProps(),
      api.getActionsProps(),
    ]) {
      expect(props).toHaveProperty('normalized', true)
    }
  })

  it('refuses a bad open, role, id or onClose, naming the field', () => {
    const ok = { id: 'd', onClose: () => {} }
    expect(() => connectDialog({ open: 'yes' as unknown as boolean }, ok)).toThrow(MetalError)
    expect(() => connectDialog({ open: 'yes' as unknown as boolean }, ok)).toThrow(
      /connectDialog: open must be a boolean, got 'yes'/,
    )
    expect(() => connectDialog({ open: true, role: 'modal' as DialogRole }, ok)).toThrow(
      /role.*modal/,
    )
    expect(() => connectDialog({ open: true }, { ...ok, id: '' })).toThrow(/id/)
    expect(() =>
      connectDialog({ open: true }, { id: 'd', onClose: 'x' as unknown as () => void }),
    ).toThrow(/onClose/)
  })
})
