import { describe, expect, it } from 'vitest'
import { render } from '@testing-library/react'
import { focusFormControl } from '../../../form/focusControl.js'

describe('focusFormControl', () => {
  it('focuses the control with the id', () => {
    render(<input id="f-field-title" aria-label="Title" />)
    expect(focusFormControl(document, 'f-field-title')).toBe(true)
    expect(document.activeElement?.id).toBe('f-field-title')
  })

  it('falls back to the first text input inside the field when the id is not focusable', () => {
    render(
      <div id="f-field-tags-field">
        <button type="button">Remove ui</button>
        <input aria-label="Tags" />
      </div>,
    )
    expect(focusFormControl(document, 'f-field-tags')).toBe(true)
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Tags')
  })

  it('focuses a group (fieldset with tabindex) and reports when nothing can take focus', () => {
    render(<fieldset id="f-field-address" tabIndex={-1} />)
    expect(focusFormControl(document, 'f-field-address')).toBe(true)
    expect(focusFormControl(document, 'f-field-missing')).toBe(false)
  })
})
