import { describe, expect, it } from 'vitest'
import { h, render } from 'vue'
import { vueProps } from '../normalizeProps.js'

describe('vueProps', () => {
  it('renames the names React spells its own way', () => {
    const f = () => {}
    expect(
      vueProps({
        htmlFor: 'a',
        className: 'c',
        onChange: f,
        onFocus: f,
        onBlur: f,
        onDoubleClick: f,
      }),
    ).toEqual({
      for: 'a',
      class: 'c',
      onInput: f,
      onFocusin: f,
      onFocusout: f,
      onDblclick: f,
    })
  })

  it("lower-cases every other handler's event and keeps other props as they are", () => {
    const f = () => {}
    expect(
      vueProps({
        onKeyDown: f,
        onPointerEnter: f,
        onClick: f,
        tabIndex: -1,
        'aria-label': 'x',
        'data-part': 'root',
        one: 1,
      }),
    ).toEqual({
      onKeydown: f,
      onPointerenter: f,
      onClick: f,
      tabIndex: -1,
      'aria-label': 'x',
      'data-part': 'root',
      one: 1,
    })
  })

  it('wires the renamed handlers to the DOM events they stand for', () => {
    const seen: string[] = []
    const host = document.createElement('div')
    document.body.append(host)
    render(
      h('div', [
        h('label', vueProps({ htmlFor: 'i' }), 'Name'),
        h(
          'input',
          vueProps({
            id: 'i',
            onChange: () => seen.push('change'),
            onKeyDown: (e: KeyboardEvent) => seen.push(`keydown ${e.key}`),
            onFocus: () => seen.push('focus'),
            onBlur: () => seen.push('blur'),
            onDoubleClick: () => seen.push('dblclick'),
          }),
        ),
      ]),
      host,
    )
    const input = host.querySelector('input')!
    expect(host.querySelector('label')!.getAttribute('for')).toBe('i')
    input.focus()
    input.value = 'x'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    input.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))
    input.blur()
    expect(seen).toEqual(['focus', 'change', 'keydown Enter', 'dblclick', 'blur'])
    render(null, host)
    host.remove()
  })
})
