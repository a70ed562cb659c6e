import type { DialogCloseReason } from './dialog.types.js'

// What the React and Vue dialog views do to the native <dialog> when `open` changes: written
// once here, so both open, focus and give focus back the same way.

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * The element focus goes to first: one marked `data-initial-focus` or `autofocus`, else the
 * first focusable, else the dialog.
 */
export function getDialogInitialFocus(dialog: HTMLDialogElement): HTMLElement {
  return (
    dialog.querySelector<HTMLElement>('[data-initial-focus], [autofocus]') ??
    dialog.querySelector<HTMLElement>(FOCUSABLE) ??
    dialog
  )
}

/**
 * Shows `dialog` modally (`showModal()`; where that is missing, as in jsdom, the `open`
 * attribute shows it in place) and moves focus inside. Returns the element that had focus, to
 * give to {@link closeDialog}.
 */
export function openDialog(dialog: HTMLDialogElement): Element | null {
  const opener = dialog.ownerDocument.activeElement
  if (typeof dialog.showModal === 'function') dialog.showModal()
  else dialog.setAttribute('open', '')
  getDialogInitialFocus(dialog).focus()
  return opener
}

/**
 * Closes `dialog` and gives focus back to `opener`, unless the opener is gone meanwhile (a
 * deleted row's button): then focus stays where it is.
 */
export function closeDialog(dialog: HTMLDialogElement, opener: Element | null): void {
  if (typeof dialog.close === 'function') dialog.close()
  else dialog.removeAttribute('open')
  if (opener && opener.isConnected && typeof (opener as HTMLElement).focus === 'function')
    (opener as HTMLElement).focus()
}

/**
 * Why the browser closed `dialog` on its own: a form with `method="dialog"` sets a return value
 * (an action); otherwise it was Escape (a repeated one, or a platform back gesture).
 */
export function getNativeCloseReason(dialog: HTMLDialogElement): DialogCloseReason {
  return dialog.returnValue ? 'action' : 'escape'
}
