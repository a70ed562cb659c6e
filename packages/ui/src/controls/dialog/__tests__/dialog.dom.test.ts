// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import '../../../__tests__/jsdomDialog.js'
import {
  closeDialog,
  getDialogInitialFocus,
  getNativeCloseReason,
  openDialog,
} from '../dialog.dom.js'

afterEach(() => {
  document.body.innerHTML = ''
})

function page(inside: string) {
  document.body.innerHTML = `<button id="opener">Open</button><dialog id="d">${inside}</dialog>`
  const opener = document.getElementById('opener') as HTMLButtonElement
  const dialog = document.getElementById('d') as HTMLDialogElement
  return { opener, dialog }
}

describe('dialog DOM helpers', () => {
  it('openDialog shows the dialog, focuses the first focusable and returns the opener', () => {
    const { opener, dialog } = page('<p>Text</p><input disabled><input id="name">')
    opener.focus()
    expect(openDialog(dialog)).toBe(opener)
    expect(dialog.open).toBe(true)
    expect(document.activeElement?.id).toBe('name')
  })

  it('initial focus prefers data-initial-focus or autofocus, else falls back to the dialog', () => {
    const marked = page('<button>First</button><button data-initial-focus>Second</button>')
    expect(getDialogInitialFocus(marked.dialog).textContent).toBe('Second')
    const empty = page('<p>Nothing to focus</p>')
    expect(getDialogInitialFocus(empty.dialog)).toBe(empty.dialog)
  })

  it('closeDialog closes and gives focus back, unless the opener is gone', () => {
    const { opener, dialog } = page('<button>Inside</button>')
    opener.focus()
    const from = openDialog(dialog)
    closeDialog(dialog, from)
    expect(dialog.open).toBe(false)
    expect(document.activeElement).toBe(opener)

    openDialog(dialog)
    opener.remove()
    closeDialog(dialog, opener)
    // Focus stays where it was (jsdom leaves it inside); it does not go to the removed opener.
    expect(document.activeElement?.textContent).toBe('Inside')
  })

  it('opens with the open attribute where showModal is missing', () => {
    const { dialog } = page('<p>Text</p>')
    const showModal = HTMLDialogElement.prototype.showModal
    // @ts-expect-error: removed to stand for a DOM without modal dialogs
    delete HTMLDialogElement.prototype.showModal
    try {
      openDialog(dialog)
      expect(dialog.hasAttribute('open')).toBe(true)
    } finally {
      HTMLDialogElement.prototype.showModal = showModal
    }
  })

  it('a native close with a return value was an action, otherwise Escape', () => {
    const { dialog } = page('')
    expect(getNativeCloseReason(dialog)).toBe('escape')
    dialog.returnValue = 'ok'
    expect(getNativeCloseReason(dialog)).toBe('action')
  })
})
