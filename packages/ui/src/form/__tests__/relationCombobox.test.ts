import { describe, expect, it, vi } from 'vitest'
import { connectRelationCombobox } from '../relationCombobox.connect.js'
import {
  buildRelationQuery,
  getActiveOption,
  initRelationCombobox,
  transitionRelationCombobox,
  type RelationComboboxEvent,
  type RelationComboboxState,
} from '../relationCombobox.model.js'
import { DEFAULT_FORM_MESSAGES } from '../form.messages.js'

const OPTIONS = [
  { id: 'u1', label: 'Ada Lovelace' },
  { id: 'u2', label: 'Alan Turing' },
]
const run = (...events: RelationComboboxEvent[]) =>
  events.reduce(transitionRelationCombobox, initRelationCombobox())

function connect(state: RelationComboboxState, value: string | null = null) {
  const send = vi.fn<(event: RelationComboboxEvent) => void>()
  const onValueChange = vi.fn()
  const onBlur = vi.fn()
  const api = connectRelationCombobox(state, send, {
    id: 'f-assignee',
    label: 'Assignee',
    value,
    selectedLabel: value ? 'Alan Turing' : '',
    options: OPTIONS,
    onValueChange,
    onBlur,
    messages: DEFAULT_FORM_MESSAGES,
    normalizeProps: (props) => ({ ...props, normalized: true }),
  })
  return { api, send, onValueChange, onBlur }
}

const key = (k: string, altKey = false) => ({ key: k, altKey, preventDefault: vi.fn() })

describe('relation combobox model', () => {
  it('opens on typing with the first match highlighted, and moves within the matches', () => {
    const typed = run({ type: 'INPUT', value: 'A' })
    expect(typed).toEqual({ query: 'A', open: true, active: 0, picked: null })
    const moved = transitionRelationCombobox(typed, { type: 'MOVE', by: 1, count: 2 })
    expect(getActiveOption(moved, OPTIONS)?.id).toBe('u2')
    expect(transitionRelationCombobox(moved, { type: 'MOVE', by: 1, count: 2 }).active).toBe(1)
  })

  it('highlights the first match to arrive when opened before any loaded', () => {
    const open = run({ type: 'OPEN', count: 0 })
    expect(getActiveOption(open, OPTIONS)?.id).toBe('u1')
  })

  it('forgets the typed text when it closes, picks or clears', () => {
    for (const type of ['CLOSE', 'SELECT', 'CLEAR'] as const) {
      expect(run({ type: 'INPUT', value: 'A' }, { type })).toEqual(initRelationCombobox())
    }
  })

  it('keeps the picked option through closing and typing, and forgets it on clear', () => {
    const picked = run({ type: 'INPUT', value: 'A' }, { type: 'SELECT', option: OPTIONS[1] })
    expect(picked).toEqual({ ...initRelationCombobox(), picked: OPTIONS[1] })
    const typed = transitionRelationCombobox(picked, { type: 'INPUT', value: 'G' })
    expect(transitionRelationCombobox(typed, { type: 'CLOSE' }).picked).toEqual(OPTIONS[1])
    expect(transitionRelationCombobox(picked, { type: 'CLEAR' })).toEqual(initRelationCombobox())
  })

  it('names an unknown event', () => {
    expect(() => run({ type: 'NOPE' } as never)).toThrow(
      "transitionRelationCombobox(): event.type must be INPUT, OPEN, CLOSE, MOVE, HIGHLIGHT, SELECT or CLEAR, got 'NOPE'",
    )
  })

  it('searches by label prefix, ordered by label, limited', () => {
    const calls: unknown[][] = []
    const q = {
      where: (...args: unknown[]) => (calls.push(['where', ...args]), q),
      orderBy: (...args: unknown[]) => (calls.push(['orderBy', ...args]), q),
      limit: (...args: unknown[]) => (calls.push(['limit', ...args]), q),
    }
    buildRelationQuery(q as never, { collection: 'users', labelField: 'name', limit: 5 }, 'Al')
    expect(calls).toEqual([
      ['where', 'name', '>=', 'Al'],
      ['where', 'name', '<', 'Al\uf8ff'],
      ['orderBy', 'name'],
      ['limit', 5],
    ])
  })
})

describe('connectRelationCombobox', () => {
  it('gives the text box the combobox ARIA, through normalizeProps', () => {
    const { api } = connect(run({ type: 'INPUT', value: 'A' }))
    expect(api.getInputProps()).toMatchObject({
      id: 'f-assignee',
      role: 'combobox',
      'aria-expanded': true,
      'aria-controls': 'f-assignee-listbox',
      'aria-activedescendant': 'f-assignee-listbox-u1',
      value: 'A',
      normalized: true,
    })
    expect(api.getListboxProps()).toMatchObject({ role: 'listbox', hidden: false })
    expect(api.getOptionProps(OPTIONS[0]!)).toMatchObject({ 'data-active': '', normalized: true })
  })

  it('shows the picked label while not typing', () => {
    const { api } = connect(initRelationCombobox(), 'u2')
    expect(api.getInputProps()).toMatchObject({ value: 'Alan Turing', 'aria-expanded': false })
    expect(api.getInputProps()).not.toHaveProperty('aria-activedescendant')
  })

  it('shows the label of the option just picked while the picked document loads', () => {
    const state = run({ type: 'SELECT', option: { id: 'u3', label: 'Grace Hopper' } })
    const api = (selectedLabel: string, value = 'u3') =>
      connectRelationCombobox(state, () => {}, {
        id: 'f',
        label: 'Assignee',
        value,
        selectedLabel,
        options: OPTIONS,
        onValueChange: () => {},
        messages: DEFAULT_FORM_MESSAGES,
      })
    // Not loaded yet: the view passes the id as the label.
    expect(api('u3').text).toBe('Grace Hopper')
    // Loaded: the document's own label wins (it may have been renamed since).
    expect(api('Grace B. Hopper').text).toBe('Grace B. Hopper')
    // Another value set from outside (a reset): never the stale pick.
    expect(api('u1', 'u1').text).toBe('u1')
  })

  it('opens on ↓, moves on ↓ when open, picks on Enter', () => {
    const closed = connect(initRelationCombobox())
    closed.api.getInputProps().onKeyDown(key('ArrowDown'))
    expect(closed.send).toHaveBeenCalledWith({ type: 'OPEN', count: 2, selected: 0 })

    const open = connect(run({ type: 'INPUT', value: 'A' }, { type: 'MOVE', by: 1, count: 2 }))
    open.api.getInputProps().onKeyDown(key('ArrowUp'))
    expect(open.send).toHaveBeenCalledWith({ type: 'MOVE', by: -1, count: 2 })
    const enter = key('Enter')
    open.api.getInputProps().onKeyDown(enter)
    expect(enter.preventDefault).toHaveBeenCalled()
    expect(open.onValueChange).toHaveBeenCalledWith('u2')
    expect(open.send).toHaveBeenLastCalledWith({ type: 'SELECT', option: OPTIONS[1] })
  })

  it('lets Enter submit the form when the list is closed', () => {
    const { api, onValueChange } = connect(initRelationCombobox())
    const enter = key('Enter')
    api.getInputProps().onKeyDown(enter)
    expect(enter.preventDefault).not.toHaveBeenCalled()
    expect(onValueChange).not.toHaveBeenCalled()
  })

  it('clears the value when the box is left empty, and marks the field touched', () => {
    const { api, onValueChange, onBlur } = connect(run({ type: 'INPUT', value: '' }), 'u2')
    api.getInputProps().onBlur()
    expect(onValueChange).toHaveBeenCalledWith(null)
    expect(onBlur).toHaveBeenCalled()
  })

  it('names the clear button and hides it without a value', () => {
    expect(connect(initRelationCombobox()).api.getClearProps()).toMatchObject({
      'aria-label': 'Clear Assignee',
      hidden: true,
    })
    const { api, onValueChange } = connect(initRelationCombobox(), 'u1')
    api.getClearProps().onClick()
    expect(onValueChange).toHaveBeenCalledWith(null)
  })

  it('says when nothing matches, and while matches load', () => {
    const open = run({ type: 'INPUT', value: 'Z' })
    const none = connectRelationCombobox(open, () => {}, {
      id: 'x',
      label: 'X',
      value: null,
      selectedLabel: '',
      options: [],
      onValueChange: () => {},
      messages: DEFAULT_FORM_MESSAGES,
    })
    expect(none.emptyText).toBe('No matches')
    expect(
      connectRelationCombobox(open, () => {}, {
        id: 'x',
        label: 'X',
        value: null,
        selectedLabel: '',
        options: [],
        loading: true,
        onValueChange: () => {},
        messages: DEFAULT_FORM_MESSAGES,
      }).emptyText,
    ).toBe('Loading…')
  })
})
