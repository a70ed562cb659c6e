import { invalid } from '../../invalid.js'
import type { RadioGroupEvent, RadioGroupState, RadioMoveKey, RadioOption } from './radio.types.js'

/** Checks a caller's radio group state, naming `call` in the error. */
export function initRadioGroup(input: RadioGroupState, call = 'initRadioGroup'): RadioGroupState {
  if (input === null || typeof input !== 'object') throw invalid(call, 'state', 'an object', input)
  if (!Array.isArray(input.options)) {
    throw invalid(call, 'options', 'an array of { value, label }', input.options)
  }
  const seen = new Set<string>()
  input.options.forEach((option: RadioOption, index) => {
    if (option === null || typeof option !== 'object' || typeof option.value !== 'string') {
      throw invalid(call, `options[${index}].value`, 'a string', option?.value)
    }
    if (typeof option.label !== 'string') {
      throw invalid(call, `options[${index}].label`, 'a string', option.label)
    }
    if (seen.has(option.value)) {
      throw invalid(call, `options[${index}].value`, 'unique in the group', option.value)
    }
    seen.add(option.value)
  })
  if (input.value !== null && typeof input.value !== 'string') {
    throw invalid(call, 'value', 'a string or null', input.value)
  }
  const orientation = input.orientation ?? 'vertical'
  if (orientation !== 'vertical' && orientation !== 'horizontal') {
    throw invalid(call, 'orientation', "'vertical' or 'horizontal'", orientation)
  }
  return { ...input, orientation, disabled: input.disabled === true }
}

function enabled(state: RadioGroupState): RadioOption[] {
  return state.disabled ? [] : state.options.filter((option) => !option.disabled)
}

/**
 * The one option Tab stops on (roving tabindex): the picked one when it can be picked, else the
 * first enabled one; null when nothing can be picked.
 */
export function getRadioTabStop(state: RadioGroupState): string | null {
  const choices = enabled(state)
  return choices.find((option) => option.value === state.value)?.value ?? choices[0]?.value ?? null
}

/**
 * Where an arrow key (or Home/End) moves from `from`: the next or previous enabled option,
 * wrapping around. Left and right swap in a right-to-left layout. Null for other keys.
 */
export function getRadioMove(
  state: RadioGroupState,
  from: string,
  key: string,
  dir: 'ltr' | 'rtl' = 'ltr',
): string | null {
  const choices = enabled(state)
  if (choices.length === 0) return null
  const forward: RadioMoveKey[] = ['ArrowDown', dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight']
  const backward: RadioMoveKey[] = ['ArrowUp', dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft']
  if (key === 'Home') return choices[0]!.value
  if (key === 'End') return choices[choices.length - 1]!.value
  const step = forward.includes(key as RadioMoveKey)
    ? 1
    : backward.includes(key as RadioMoveKey)
      ? -1
      : 0
  if (step === 0) return null
  // From a disabled option (it had focus by a click), move relative to its place in the list.
  const all = state.options
  let index = all.findIndex((option) => option.value === from)
  for (let tries = 0; tries < all.length; tries++) {
    index = (index + step + all.length) % all.length
    const option = all[index]!
    if (!option.disabled) return option.value
  }
  return null
}

/** The next state after `event`: a disabled group or option is not picked. */
export function updateRadioGroup(state: RadioGroupState, event: RadioGroupEvent): RadioGroupState {
  const option = state.options.find((o) => o.value === event.value)
  if (state.disabled || !option || option.disabled || state.value === event.value) return state
  return { ...state, value: event.value }
}
