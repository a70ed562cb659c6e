import { describe, expect, it, vi } from 'vitest'
import { connectSelect } from '../select.connect.js'
import { initSelect, updateSelect } from '../select.model.js'
import {
  moveIndex,
  typeahead,
  EMPTY_TYPEAHEAD,
  firstEnabled,
  lastEnabled,
} from '../listNavigation.js'
import type { SelectEvent, SelectState } from '../select.types.js'

const options = [
  { value: 'a', label: 'Apple' },
  { value: 'b', label: 'Banana', disabled: true },
  { value: 'c', label: 'Cherry' },
  { value: 'c2', label: 'Coconut' },
  { value: 'd', label: 'Date' },
]

/** Runs the connect against a live state, as a view would. */
function harness(value: string | null = null, extra: Record<string, unknown> = {}) {
  let state: SelectState = initSelect()
  let current = value
  let clock = 1000
  const onValueChange = vi.fn((v: string) => (current = v))
  const send = (e: SelectEvent) => (state = updateSelect(state, e))
  const api = () =>
    connectSelect(state, send, {
      id: 's',
      label: 'Fruit',
      options,
      value: current,
      onValueChange,
      now: () => clock,
      ...extra,
    })
  const key = (k: string, mods: Record<string, boolean> = {}) => {
    const preventDefault = vi.fn()
    api()
      .getTriggerProps()
      .onKeyDown({ key: k, preventDefault, ...mods })
    return preventDefault
  }
  return {
    api,
    key,
    onValueChange,
    tick: (ms: number) => (clock += ms),
    get state() {
      return state
    },
  }
}

describe('list navigation', () => {
  it('skips disabled items, wraps only when asked', () => {
    expect(moveIndex(options, 0, 1, false)).toBe(2)
    expect(moveIndex(options, 4, 1, false)).toBe(4)
    expect(moveIndex(options, 4, 1, true)).toBe(0)
    expect(moveIndex(options, 0, -1, true)).toBe(4)
    expect(moveIndex(options, -1, -1, false)).toBe(4)
    expect(firstEnabled([{ label: 'x', disabled: true }])).toBe(-1)
    expect(lastEnabled(options)).toBe(4)
  })

  it('typeahead finds by prefix, cycles on a repeated letter and starts over after a pause', () => {
    let r = typeahead(options, -1, EMPTY_TYPEAHEAD, 'c', 0)
    expect(r.index).toBe(2)
    r = typeahead(options, r.index, r.memory, 'c', 100)
    expect(r.index).toBe(3)
    r = typeahead(options, r.index, r.memory, 'h', 200) // "c", "c", "h" searches "ch"
    expect(options[r.index]!.label).toBe('Cherry')
    r = typeahead(options, r.index, r.memory, 'd', 2000)
    expect(r.index).toBe(4)
    expect(typeahead(options, 4, EMPTY_TYPEAHEAD, 'b', 0).index).toBe(4) // Banana is disabled
  })
})

describe('connectSelect', () => {
  it('is a combobox button labelled by the field label, controlling a listbox', () => {
    const h = harness('c')
    const t = h.api().getTriggerProps()
    expect(t.role).toBe('combobox')
    expect(t['aria-expanded']).toBe(false)
    expect(t['aria-controls']).toBe(h.api().getListboxProps().id)
    expect(t['aria-labelledby']).toBe(h.api().getLabelProps().id)
    expect(t['aria-activedescendant']).toBeUndefined()
    expect(h.api().getListboxProps().hidden).toBe(true)
    expect(h.api().valueText).toBe('Cherry')
    expect(h.api().getOptionProps(2)['aria-selected']).toBe(true)
  })

  it('opens on ArrowDown at the selected option and moves with arrows, Home and End', () => {
    const h = harness('c')
    expect(h.key('ArrowDown')).toHaveBeenCalled()
    expect(h.state.open).toBe(true)
    expect(h.api().getTriggerProps()['aria-activedescendant']).toBe('s-option-2')
    h.key('ArrowDown')
    expect(h.state.highlightedIndex).toBe(3)
    h.key('Home')
    expect(h.state.highlightedIndex).toBe(0)
    h.key('ArrowDown') // skips disabled Banana
    expect(h.state.highlightedIndex).toBe(2)
    h.key('End')
    h.key('ArrowDown') // does not wrap
    expect(h.state.highlightedIndex).toBe(4)
    expect(h.api().getOptionProps(4)['data-highlighted']).toBe('')
  })

  it('picks with Enter or Space and closes; Escape closes without picking', () => {
    const h = harness(null)
    h.key('Enter')
    h.key('ArrowDown')
    h.key('Enter')
    expect(h.onValueChange).toHaveBeenCalledWith('c')
    expect(h.state.open).toBe(false)
    h.key(' ')
    h.key('ArrowDown')
    h.key(' ')
    expect(h.onValueChange).toHaveBeenLastCalledWith('c2')
    h.key('ArrowDown')
    h.key('ArrowDown')
    h.key('Escape')
    expect(h.state.open).toBe(false)
    expect(h.onValueChange).toHaveBeenCalledTimes(2)
  })

  it('typeahead opens and highlights the match; clicks pick, disabled options do not', () => {
    const h = harness(null)
    h.key('d')
    expect(h.state.open).toBe(true)
    expect(h.state.highlightedIndex).toBe(4)
    h.api().getOptionProps(1).onClick()
    expect(h.onValueChange).not.toHaveBeenCalled()
    h.api().getOptionProps(0).onClick()
    expect(h.onValueChange).toHaveBeenCalledWith('a')
    expect(h.state.open).toBe(false)
  })

  it('closes on Tab without preventing it, and on blur', () => {
    const h = harness(null)
    h.key('ArrowDown')
    expect(h.key('Tab')).not.toHaveBeenCalled()
    expect(h.state.open).toBe(false)
    h.key('ArrowDown')
    h.api().getTriggerProps().onBlur()
    expect(h.state.open).toBe(false)
  })

  it('ignores keys when disabled and shows the placeholder only while the label floats', () => {
    const h = harness(null, { disabled: true, placeholder: 'Pick one' })
    h.key('ArrowDown')
    expect(h.state.open).toBe(false)
    expect(h.api().valueText).toBe('')
    h.api().getTriggerProps().onFocus()
    expect(h.api().valueText).toBe('Pick one')
  })

  it('passes error, required and the hidden form value', () => {
    const h = harness('a', { error: 'Pick a fruit', required: true, name: 'fruit' })
    const t = h.api().getTriggerProps()
    expect(t['aria-invalid']).toBe('true')
    expect(t['aria-required']).toBe('true')
    expect(t['aria-describedby']).toBe('s-error')
    expect(h.api().getHiddenInputProps()).toEqual({ type: 'hidden', name: 'fruit', value: 'a' })
  })

  it('rejects duplicate values and a bad value', () => {
    expect(() =>
      connectSelect(initSelect(), vi.fn(), {
        id: 's',
        label: 'L',
        options: [options[0]!, options[0]!],
        value: null,
      }),
    ).toThrow(/connectSelect: options\[1\]\.value must be unique, got 'a'/)
    expect(() =>
      connectSelect(initSelect(), vi.fn(), { id: 's', label: 'L', options, value: 3 as never }),
    ).toThrow(/value must be a string or null/)
  })
})
