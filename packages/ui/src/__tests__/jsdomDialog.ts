// jsdom has <dialog> but not its modal methods: open it in place (no top layer, no inert page).
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '')
      // As browsers do: focus moves to the first focusable element inside.
      this.querySelector<HTMLElement>('input, select, textarea, button')?.focus()
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    },
  })
}
