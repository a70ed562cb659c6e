import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// Live tables wait on real Metal round trips; on a busy 2-core CI machine these take longer than
// Testing Library's default 1 s, so waitFor/findBy get more time (a wrong result still fails).
configure({ asyncUtilTimeout: 5000 })

afterEach(() => cleanup())

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
