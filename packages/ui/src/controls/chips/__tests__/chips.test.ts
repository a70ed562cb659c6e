import { describe, expect, it, vi } from 'vitest'
import { connectChip, connectChipInput } from '../chips.connect.js'
import {
  addChipValue,
  initChipInput,
  removeChipValue,
  splitChipText,
  updateChipInput,
} from '../chips.model.js'
import type { ChipInputEvent, ChipInputState } from '../chips.types.js'

describe('chip values', () => {
  it('adds trimmed, non-duplicate values up to maxItems', () => {
    expect(addChipValue(['a'], '  b ').values).toEqual(['a', 'b'])
    expect(addChipValue(['a'], '   ').refused).toBe('empty')
    expect(addChipValue(['a'], ' a').refused).toBe('duplicate')
    expect(addChipValue(['a', 'b'], 'c', 2).refused).toBe('full')
    expect(removeChipValue(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
    expect(() => removeChipValue(['a'], 3)).toThrow(
      /removeChipValue: index must be an index below 1, got 3/,
    )
    expect(splitChipText('a, b,c')).toEqual({ pieces: ['a', ' b'], rest: 'c' })
  })
})

function harness(initial: string[] = [], extra: Record<string, unknown> = {}) {
  let state: ChipInputState = initChipInput()
  let value = initial
  const onValueChange = vi.fn((v: string[]) => (value = v))
  const send = (e: ChipInputEvent) => (state = updateChipInput(state, e))
  const api = () =>
    connectChipInput(state, send, { id: 'c', label: 'Tags', value, onValueChange, ...extra })
  const type = (text: string) =>
    api()
      .getInputProps()
      .onChange({ target: { value: text } })
  const key = (k: string) => {
    const preventDefault = vi.fn()
    api().getInputProps().onKeyDown({ key: k, preventDefault })
    return preventDefault
  }
  return {
    api,
    type,
    key,
    get value() {
      return value
    },
    get state() {
      return state
    },
  }
}

describe('connectChipInput', () => {
  it('Enter adds the typed text as a chip and clears the input; an empty Enter is left alone', () => {
    const h = harness()
    expect(h.key('Enter')).not.toHaveBeenCalled()
    h.type('  urgent ')
    expect(h.key('Enter')).toHaveBeenCalled()
    expect(h.value).toEqual(['urgent'])
    expect(h.state.draft).toBe('')
    expect(h.api().announcement).toBe('Added urgent')
  })

  it('a comma adds what comes before it; pasted lists add every piece', () => {
    const h = harness(['a'])
    h.type('b,')
    expect(h.value).toEqual(['a', 'b'])
    expect(h.state.draft).toBe('')
    h.type('c, a, d, e')
    expect(h.value).toEqual(['a', 'b', 'c', 'd'])
    expect(h.state.draft).toBe(' e')
  })

  it('refuses duplicates and more than maxItems, saying why', () => {
    const h = harness(['a'], { maxItems: 2 })
    h.type('a')
    h.key('Enter')
    expect(h.value).toEqual(['a'])
    expect(h.api().announcement).toBe('a is already there')
    h.type('b')
    h.key('Enter')
    h.type('c')
    h.key('Enter')
    expect(h.value).toEqual(['a', 'b'])
    expect(h.api().announcement).toBe('Only 2 items allowed')
  })

  it('Backspace in the empty input removes the last chip; with text it edits the text', () => {
    const h = harness(['a', 'b'])
    expect(h.key('Backspace')).toHaveBeenCalled()
    expect(h.value).toEqual(['a'])
    expect(h.api().announcement).toBe('Removed b')
    h.type('x')
    expect(h.key('Backspace')).not.toHaveBeenCalled()
    expect(h.value).toEqual(['a'])
  })

  it("each chip's remove button removes it and returns focus to the input", () => {
    const focusInput = vi.fn()
    const h = harness(['a', 'b', 'c'], { focusInput })
    const chip = connectChip(h.api().getChipOptions(1))
    expect(chip.getRemoveProps()['aria-label']).toBe('Remove b')
    chip.getRemoveProps().onClick()
    expect(h.value).toEqual(['a', 'c'])
    expect(focusInput).toHaveBeenCalled()
  })

  it('floats the label with chips or text, lists the chips, labels the input', () => {
    expect(harness().api().floating).toBe(false)
    const h = harness(['a'])
    expect(h.api().floating).toBe(true)
    expect(h.api().getChipListProps()).toMatchObject({ role: 'list', 'aria-labelledby': 'c-label' })
    expect(h.api().getLabelProps().htmlFor).toBe(h.api().getInputProps().id)
  })

  it('does nothing while disabled and rejects a bad value', () => {
    const h = harness(['a'], { disabled: true })
    h.key('Backspace')
    expect(h.value).toEqual(['a'])
    expect(h.api().getChipOptions(0).removable).toBe(false)
    expect(() => harness('a' as never).api()).toThrow(
      /connectChipInput: value must be an array of strings/,
    )
  })
})

describe('connectChip', () => {
  it('a filter chip is a toggle button with a check while selected', () => {
    const onClick = vi.fn()
    const chip = connectChip({ id: 'f', label: 'Open', selected: true, onClick })
    expect(chip.getActionProps()).toMatchObject({ type: 'button', 'aria-pressed': true })
    expect(chip.leadingIcon).toBe('check')
    chip.getActionProps().onClick?.()
    expect(onClick).toHaveBeenCalled()
    expect(connectChip({ id: 'f', label: 'Open', selected: false }).leadingIcon).toBeNull()
  })

  it('an assist chip is a button; a plain chip is not; Backspace on a removable chip removes it', () => {
    const onRemove = vi.fn()
    const assist = connectChip({
      id: 'a',
      label: 'Help',
      interactive: true,
      icon: 'search',
      onRemove,
    })
    expect(assist.getActionProps()['aria-pressed']).toBeUndefined()
    expect(assist.leadingIcon).toBe('search')
    assist.getActionProps().onKeyDown?.({ key: 'Delete', preventDefault() {} })
    expect(onRemove).toHaveBeenCalled()
    expect(connectChip({ id: 'p', label: 'Value' }).getActionProps().type).toBeUndefined()
    expect(() => connectChip({ id: 'p', label: '' })).toThrow(/connectChip: label/)
  })
})
