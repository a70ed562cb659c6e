import { describe, expect, it, vi } from 'vitest'
import { connectMenu } from '../menu.connect.js'
import { initMenu, updateMenu } from '../menu.model.js'
import type { MenuEvent, MenuItem, MenuState } from '../menu.types.js'

function harness() {
  const calls: string[] = []
  const items: MenuItem[] = [
    { id: 'edit', label: 'Edit', icon: 'edit', onSelect: () => calls.push('edit') },
    { id: 'dup', label: 'Duplicate', disabled: true, onSelect: () => calls.push('dup') },
    { type: 'divider' },
    { id: 'pin', label: 'Pin', checked: true, onSelect: () => calls.push('pin') },
    { id: 'del', label: 'Delete', icon: 'delete', onSelect: () => calls.push('del') },
  ]
  let state: MenuState = initMenu()
  let clock = 0
  const send = (e: MenuEvent) => (state = updateMenu(state, e))
  const api = () =>
    connectMenu(state, send, { id: 'm', label: 'Row actions', items, now: () => clock })
  const key = (k: string, where: 'trigger' | 'content' = 'content') => {
    const preventDefault = vi.fn()
    const props = where === 'trigger' ? api().getTriggerProps() : api().getContentProps()
    props.onKeyDown({ key: k, preventDefault })
    return preventDefault
  }
  return {
    api,
    key,
    calls,
    tick: (ms: number) => (clock += ms),
    get state() {
      return state
    },
  }
}

describe('connectMenu', () => {
  it('is a menu button: haspopup, expanded, controls', () => {
    const h = harness()
    const t = h.api().getTriggerProps()
    expect(t['aria-haspopup']).toBe('menu')
    expect(t['aria-expanded']).toBe(false)
    expect(t['aria-controls']).toBe(h.api().getContentProps().id)
    expect(h.api().getContentProps()).toMatchObject({
      role: 'menu',
      'aria-label': 'Row actions',
      hidden: true,
    })
  })

  it('opens on ArrowDown/Enter at the first item and on ArrowUp at the last', () => {
    const h = harness()
    expect(h.key('ArrowDown', 'trigger')).toHaveBeenCalled()
    expect(h.state).toMatchObject({ open: true, highlightedIndex: 0 })
    expect(h.api().highlightedId).toBe('m-item-0')
    h.key('Escape')
    expect(h.state.open).toBe(false)
    h.key('ArrowUp', 'trigger')
    expect(h.state.highlightedIndex).toBe(4)
  })

  it('arrows wrap and skip disabled items and dividers; Home/End; typeahead', () => {
    const h = harness()
    h.api().getTriggerProps().onClick()
    h.key('ArrowDown')
    expect(h.state.highlightedIndex).toBe(3)
    h.key('ArrowDown')
    h.key('ArrowDown')
    expect(h.state.highlightedIndex).toBe(0)
    h.key('ArrowUp')
    expect(h.state.highlightedIndex).toBe(4)
    h.key('Home')
    expect(h.state.highlightedIndex).toBe(0)
    h.key('End')
    expect(h.state.highlightedIndex).toBe(4)
    h.key('p')
    expect(h.state.highlightedIndex).toBe(3)
    h.tick(1000)
    h.key('d')
    expect(h.state.highlightedIndex).toBe(4) // Duplicate is disabled
  })

  it('Enter and Space activate and close; disabled items do nothing', () => {
    const h = harness()
    h.key('Enter', 'trigger')
    h.key('Enter')
    expect(h.calls).toEqual(['edit'])
    expect(h.state.open).toBe(false)
    h.key(' ', 'trigger')
    h.key('End')
    h.key(' ')
    expect(h.calls).toEqual(['edit', 'del'])
    h.key('Enter', 'trigger')
    h.api().getItemProps(1).onClick()
    expect(h.calls).toEqual(['edit', 'del'])
    expect(h.state.open).toBe(true)
  })

  it('gives items their roles: menuitem, menuitemcheckbox with aria-checked, separator', () => {
    const h = harness()
    h.key('Enter', 'trigger')
    expect(h.api().getItemProps(0)).toMatchObject({ role: 'menuitem', tabIndex: 0 })
    expect(h.api().getItemProps(1)).toMatchObject({ 'aria-disabled': 'true', tabIndex: -1 })
    expect(h.api().getItemProps(3)).toMatchObject({
      role: 'menuitemcheckbox',
      'aria-checked': true,
    })
    expect(h.api().getSeparatorProps(2).role).toBe('separator')
    expect(() => h.api().getItemProps(2)).toThrow(/getItemProps: index/)
  })

  it('Tab closes', () => {
    const h = harness()
    h.key('Enter', 'trigger')
    h.key('Tab')
    expect(h.state.open).toBe(false)
  })

  it('rejects bad items, naming them', () => {
    expect(() =>
      connectMenu(initMenu(), vi.fn(), {
        id: 'm',
        label: 'L',
        items: [{ id: 'a', label: 'A' } as never],
      }),
    ).toThrow(/connectMenu: items\[0\]\.onSelect must be a function/)
    expect(() =>
      connectMenu(initMenu(), vi.fn(), {
        id: 'm',
        label: 'L',
        items: [{ id: 'a', label: 'A', icon: 'nope' as never, onSelect() {} }],
      }),
    ).toThrow(/icon must be a built-in icon name, got 'nope'/)
  })
})
