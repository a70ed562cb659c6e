/** Why a dialog asks to close: Escape, a click on the scrim, or one of its own actions. */
export type DialogCloseReason = 'escape' | 'scrim' | 'action'

/** `dialog`, or `alertdialog` for a confirmation that interrupts the user. */
export type DialogRole = 'dialog' | 'alertdialog'

/** Words of a confirmation dialog. */
export interface DialogMessages {
  /** The cancel button of a confirmation. @default 'Cancel' */
  cancel: string
}

/** What {@link connectDialog} needs to know about a dialog. */
export interface DialogOptions {
  /** Whether it is shown. */
  open: boolean
  /** @default 'dialog' */
  role?: DialogRole
  /** Whether a click on the scrim asks to close. @default true */
  closeOnScrim?: boolean
}
